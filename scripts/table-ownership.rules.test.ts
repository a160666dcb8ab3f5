import { describe, expect, it } from 'vitest';
import { findCoreModuleTables, schemaOf } from './table-ownership.rules.ts';

describe('the core names no module table (issue 67)', () => {
  const schema = schemaOf(
    [
      { path: 'src/core/migrations/20260101_0001_core.sql', text: 'create table payment (id uuid);' },
      {
        path: 'src/modules/raffle/migrations/20260101_0001_raffle.sql',
        text: 'create table raffle_order (id uuid);',
      },
    ],
    [
      {
        path: 'src/modules/raffle/raffle.tables.ts',
        text: 'export interface RaffleTables { raffle_order: X; }',
      },
    ],
  );
  const check = (path: string, text: string) => findCoreModuleTables([{ path, text }], schema);

  it("refuses a core area writing a module's table, in Kysely or in raw SQL", () => {
    expect(
      check('src/core/payments/x.ts', "db.updateTable('raffle_order').set({ status: 'paid' })")[0],
    ).toMatch(/the core's payments area names raffle_order, the raffle module's table/);
    expect(check('src/core/payments/x.ts', "sql`update raffle_order set status = 'paid'`")).toHaveLength(1);
  });

  it("refuses a core area reading a module's table, directly or through its tables type", () => {
    expect(check('src/core/reports/x.ts', "db.selectFrom('raffle_order').selectAll()")).toHaveLength(1);
    expect(check('src/core/reports/x.ts', 'ctx.db.withTables<RaffleTables>()')).toHaveLength(1);
  });

  it("lets a core area name its own tables, and leaves a module's own code and the core's tests alone", () => {
    expect(check('src/core/payments/x.ts', "db.updateTable('payment').set({})")).toEqual([]);
    expect(check('src/modules/raffle/x.ts', "db.updateTable('raffle_order').set({})")).toEqual([]);
    expect(check('src/core/payments/__tests__/x.int.test.ts', "db.selectFrom('raffle_order')")).toEqual([]);
  });
});
