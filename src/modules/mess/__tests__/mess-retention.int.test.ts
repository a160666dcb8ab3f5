import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../../../test/factories/contact.ts';
import { orgCtx, orgIdOf } from '../../../../test/factories/org.ts';
import { createStudent } from '../../../../test/factories/student.ts';
import { cleanupNow, daysAgo, kindIn } from '../../../../test/support/retention.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { setLegalHold } from '../../../core/retention/index.ts';
import { messSummary } from '../reports.ts';

let app: TestApp;
let orgId: string;
const db = () => app.database.db;

beforeAll(async () => {
  app = await startTestApp();
  orgId = await orgIdOf(app);
});
afterAll(async () => app?.close());

/** `count` scans of a student on one local day, `days` ago, as the counter stores them; their ids. */
async function scans(studentId: string, days: number, count: number, decision: 'allowed' | 'denied') {
  const at = daysAgo(days);
  const { rows } = await sql<{
    id: string;
  }>`insert into mess_scan (org_id, nonce, device_id, student_id, method,
      scanned_at, local_date, offline, decision, reason, window_key, synced_by)
    select ${orgId}, gen_random_uuid(), 'counter-1', ${studentId}, 'pass', ${at}, ${at.toISOString().slice(0, 10)},
      false, ${decision}, ${decision === 'denied' ? 'already_served' : null},
      null, 'test'
    from generate_series(1, ${count}) returning id`.execute(db());
  return rows.map((r) => r.id);
}
const scanCount = async (ids: string[]) =>
  (
    await sql<{
      n: number;
    }>`select count(*)::int as n from mess_scan where id = any(cast(${ids} as uuid[]))`.execute(db())
  ).rows[0]!.n;

describe('mess retention', () => {
  it('removes scans after a year, keeping their counts for the reports', async () => {
    const student = await createStudent(app);
    const day = daysAgo(400).toISOString().slice(0, 10);
    const allowed = await scans(student.id, 400, 3, 'allowed');
    const denied = await scans(student.id, 400, 2, 'denied');
    const recent = await scans(student.id, 100, 2, 'denied');
    const ctx = await orgCtx(app);
    const before = await messSummary(ctx, { from: day, to: day });

    const dry = await cleanupNow(app, { dryRun: true });
    expect(kindIn(dry, 'mess.scans')?.rows).toBe(5);
    const [run] = await cleanupNow(app);
    expect(run!.kinds.find((k) => k.kind === 'mess.scans')).toMatchObject({ rows: 5 });
    expect(await scanCount([...allowed, ...denied])).toBe(0);
    expect(await scanCount(recent)).toBe(2);
    // the report of that day says what it said before
    const after = await messSummary(ctx, { from: day, to: day });
    expect(after.meals).toEqual(before.meals);
    expect(after.denials).toEqual(before.denials);
    expect(before.meals).toEqual([{ date: day, meal: '-', allowed: 3, denied: 2 }]);
  });

  it('keeps a scan named by an open conflict until the conflict is resolved', async () => {
    const student = await createStudent(app);
    const [first] = await scans(student.id, 400, 1, 'allowed');
    const [second] = await scans(student.id, 400, 1, 'denied');
    await sql`insert into mess_scan_conflict (org_id, student_id, first_scan_id, first_device_id, second_scan_id,
        second_device_id, reason)
      values (${orgId}, ${student.id}, ${first}, 'counter-1', ${second}, 'counter-2', 'already_served')`.execute(
      db(),
    );
    await cleanupNow(app);
    expect(await scanCount([first!, second!])).toBe(2);

    await sql`update mess_scan_conflict set status = 'resolved', resolved_at = now() where second_scan_id = ${second}`.execute(
      db(),
    );
    await cleanupNow(app);
    expect(await scanCount([first!, second!])).toBe(0);
  });

  it('keeps the scans of a student whose contact is under a legal hold', async () => {
    const student = await createStudent(app);
    const contact = await createContact(app);
    // as the Telegram registration links them
    await sql`update mess_student set contact_id = ${contact.id} where id = ${student.id}`.execute(db());
    await setLegalHold(await orgCtx(app), { type: 'contact', id: contact.id, hold: true });
    const held = await scans(student.id, 400, 2, 'allowed');
    await cleanupNow(app);
    expect(await scanCount(held)).toBe(2);
  });
});
