import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { findOrganizationBySlug } from '../../../core/orgs/index.ts';
import type { MessRuntime } from '../mess.runtime.ts';
import { seedMess } from '../mess.seed.ts';
import { TZ_ENV } from './mess-fixture.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: TZ_ENV });
});
afterAll(() => app.close());

describe('mess demo data', () => {
  it('seeds students in every status, meals, a cycle and payments', async () => {
    const org = (await findOrganizationBySlug(app.database.db, 'default'))!;
    const ctx = app.deps.systemCtx(org.id, 'seed');
    await seedMess(app.runtimeOf('mess') as MessRuntime, ctx);
    const { rows } = await app.database.pool.query<{ status: string; n: string }>(
      'select status, count(*) as n from mess_student group by status order by status',
    );
    expect(Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))).toEqual({
      approved: 4,
      denied: 1,
      pending: 2,
      suspended: 1,
    });
    const paid = await app.database.pool.query('select count(*)::int as n from mess_fee_payment');
    expect(paid.rows[0].n).toBe(3);
    const meals = await app.database.pool.query('select count(*)::int as n from mess_meal');
    expect(meals.rows[0].n).toBe(3);
  });
});
