import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { defineResource } from './define-resource.ts';
import type { ResourceDefinition } from './resource.types.ts';
import { sampleResource } from './sample-resource.test-fixture.ts';

const variant = (patch: Partial<ResourceDefinition>) => () => defineResource({ ...sampleResource, ...patch });

describe('resource declarations', () => {
  it('refuses identifiers that are not plain SQL names', () => {
    expect(variant({ table: 'shop_order; drop table x' })).toThrow(/table/);
    expect(variant({ idColumn: 'id"' })).toThrow(/idColumn/);
  });

  it('refuses a default sort on a column that cannot be sorted', () => {
    expect(variant({ defaultSort: { column: 'note', order: 'asc' } })).toThrow(/default sort/);
  });

  it('refuses filters that do not fit the column type, and reserved names', () => {
    expect(
      variant({
        columns: [...sampleResource.columns, { name: 'x', type: 'text', label: 'l', filter: 'range' }],
      }),
    ).toThrow(/range/);
    expect(
      variant({ columns: [...sampleResource.columns, { name: 'page', type: 'text', label: 'l' }] }),
    ).toThrow(/reserved/);
    expect(
      variant({ columns: [...sampleResource.columns, { name: 'e', type: 'enum', label: 'l' }] }),
    ).toThrow(/options/);
  });

  it('takes a colour only for an option the column has', () => {
    const colored = (optionColors: Record<string, 'error' | 'warning'>) => ({
      name: 'e',
      type: 'enum' as const,
      label: 'l',
      options: ['low', 'high'],
      optionColors,
    });
    expect(variant({ columns: [...sampleResource.columns, colored({ high: 'error' })] })).not.toThrow();
    expect(variant({ columns: [...sampleResource.columns, colored({ urgent: 'error' })] })).toThrow(
      /optionColors names 'urgent'/,
    );
  });

  it('takes a filled column only with fillColumns, and never to sort, filter or search', () => {
    const filled = { name: 'payer', type: 'text' as const, label: 'l', filled: true };
    const fillColumns = async () => new Map();
    expect(variant({ columns: [...sampleResource.columns, filled], fillColumns })).not.toThrow();
    expect(variant({ columns: [...sampleResource.columns, filled] })).toThrow(/fillColumns/);
    for (const patch of [{ sortable: true }, { filter: 'contains' as const }, { searchable: true }])
      expect(variant({ columns: [...sampleResource.columns, { ...filled, ...patch }], fillColumns })).toThrow(
        /neither sorted, filtered nor searched/,
      );
    expect(variant({ columns: [...sampleResource.columns, { ...filled, sql: "'x'" }], fillColumns })).toThrow(
      /no sql/,
    );
  });

  it('refuses a filter or a sort on a message, which the console words', () => {
    const message = {
      name: 'm',
      type: 'message' as const,
      label: 'l',
      sql: "jsonb_build_object('key', 'a.b')",
    };
    expect(variant({ columns: [...sampleResource.columns, message] })).not.toThrow();
    expect(variant({ columns: [...sampleResource.columns, { ...message, filter: 'eq' }] })).toThrow(
      /message/,
    );
    expect(variant({ columns: [...sampleResource.columns, { ...message, sortable: true }] })).toThrow(
      /message/,
    );
  });

  it('needs an import permission for an import', () => {
    expect(variant({ permission: { read: 'shop.order.read' } })).toThrow(/permission.import/);
  });

  it('refuses sql that only restates a column, so plain columns are derived from their names', () => {
    const restated = (sqlText: string) =>
      variant({
        columns: [...sampleResource.columns, { name: 'x', type: 'text', label: 'l', sql: sqlText }],
      });
    expect(restated('shop_order.customer_note')).toThrow(/only names a column/);
    expect(restated('"shop_order"."note"')).toThrow(/only names a column/);
    expect(restated('note')).toThrow(/only names a column/);
    expect(restated("coalesce(shop_order.note, '')")).not.toThrow();
  });

  it('refuses a plain column of a table the resource does not read', () => {
    expect(
      variant({
        columns: [...sampleResource.columns, { name: 'x', type: 'text', label: 'l', table: 'payment' }],
      }),
    ).toThrow(/neither the resource's table nor one of its joins/);
    expect(
      variant({
        columns: [...sampleResource.columns, { name: 'x', type: 'text', label: 'l', column: 'a; drop' }],
      }),
    ).toThrow(/not a plain identifier/);
  });

  it("refuses the database server's clock in column sql, even inside a clock-bound column", () => {
    const timed = (column: ResourceDefinition['columns'][number]) =>
      variant({ columns: [...sampleResource.columns, column] });
    expect(
      timed({ name: 'late', type: 'boolean', label: 'l', sql: 'shop_order.due_on < current_date' }),
    ).toThrow(/database clock/);
    expect(
      timed({ name: 'late', type: 'boolean', label: 'l', sql: ({ now }) => sql`${now} > Now ()` }),
    ).toThrow(/database clock/);
    expect(
      timed({ name: 'late', type: 'boolean', label: 'l', sql: ({ now }) => sql`shop_order.due_on < ${now}` }),
    ).not.toThrow();
  });

  it('refuses a searchable column that reads the clock (no search index could serve it)', () => {
    expect(
      variant({
        columns: [
          ...sampleResource.columns,
          { name: 'x', type: 'text', label: 'l', searchable: true, sql: ({ now }) => sql`${now}::text` },
        ],
      }),
    ).toThrow(/searchable column cannot read the clock/);
  });

  it('makes a money column say its currency when the row carries one, and checks where it points', () => {
    const currency = { name: 'currency', type: 'text', label: 'l' } as const;
    const withTotal = (total: Record<string, unknown>) =>
      variant({
        columns: [
          ...sampleResource.columns.filter((c) => c.name !== 'total'),
          { name: 'total', column: 'total_minor', type: 'money', label: 'l', ...total },
          currency,
        ],
      });
    expect(withTotal({})).toThrow(/money beside a currency column needs currency: \{ column: 'currency' \}/);
    expect(withTotal({ currency: { column: 'currency' } })).not.toThrow();
    expect(withTotal({ currency: { column: 'cur' } })).toThrow(/its currency column cur is not a column/);
    expect(withTotal({ currency: { code: 'RWF' } })).not.toThrow();
    expect(
      variant({
        columns: [
          ...sampleResource.columns,
          { name: 'x', type: 'text', label: 'l', currency: { code: 'USD' } },
        ],
      }),
    ).toThrow(/only money columns have a currency/);
  });
});
