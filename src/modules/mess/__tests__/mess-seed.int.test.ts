import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createOrganization, findOrganizationBySlug } from '../../../core/orgs/index.ts';
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
    await seedMess(ctx, app.runtimeOf('mess') as MessRuntime);
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
    // The last breakfast at the gate: served, a second helping, turned away, and a conflict.
    const scans = await app.database.pool.query<{ decision: string; reason: string | null }>(
      'select decision, reason from mess_scan order by scanned_at',
    );
    expect(scans.rows.map((r) => r.reason ?? r.decision)).toEqual([
      'allowed',
      'allowed',
      'not_approved',
      'suspended',
      'allowed',
      'already_served',
    ]);
    const conflicts = await app.database.pool.query('select reason from mess_scan_conflict');
    expect(conflicts.rows).toEqual([{ reason: 'already_served' }]);
  });

  // Issue 41 item 20: a Hindi or Spanish mess's demo reads in its own language, people's names as they are.
  it.each([
    ['hi', ['नाश्ता', 'दोपहर का भोजन', 'रात का भोजन'], /^मेस \d{4}-\d{2}$/, 'मेस कार्यालय में डेमो नकद'],
    [
      'es',
      ['Desayuno', 'Almuerzo', 'Cena'],
      /^Comedor \d{4}-\d{2}$/,
      'Efectivo de demostración en la oficina del comedor',
    ],
  ])('seeds its words in the organization’s language (%s)', async (language, meals, cycle, note) => {
    const org = await createOrganization(app.database.db, {
      slug: `mess-${language}`,
      name: `Mess ${language}`,
      timeZone: 'Asia/Kolkata',
      currency: 'INR',
      languages: [language, 'en'],
      modules: ['mess'],
    });
    const ctx = app.deps.systemCtx(org.id, 'seed');
    await seedMess(ctx, app.runtimeOf('mess') as MessRuntime);
    const q = (text: string) =>
      app.database.pool.query(text, [org.id]).then((r) => r.rows.map((row) => Object.values(row)[0]));
    expect(await q('select name from mess_meal where org_id = $1 order by position')).toEqual(meals);
    expect(await q('select name from mess_cycle where org_id = $1')).toEqual([expect.stringMatching(cycle)]);
    expect(await q(`select distinct note from payment where org_id = $1 and note is not null`)).toEqual([
      note,
    ]);
    expect(await q('select name from mess_student where org_id = $1 order by roll_number')).toContain(
      'Aarav Sharma',
    );
    expect(new Set(await q('select language from mess_student where org_id = $1'))).toEqual(
      new Set([language, 'en']),
    );
  });
});
