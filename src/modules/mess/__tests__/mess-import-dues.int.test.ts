import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup, createStudent } from '../../../../test/factories/student.ts';
import { moduleImport } from '../../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { dumpdataSource } from '../../../core/imports/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { cashPrefill } from '../console/cash-prefill.rules.ts';
import { TZ_ENV } from './mess-fixture.ts';

// Issue 63, item 1: the original (saharamess) has no billing cycle; the months its payments name
// become cycles of Opsdesk on import. Such a cycle bills the students the original had in it (a
// payment for its days), never a student who exists only in Opsdesk.

const AREAS = TEST_MODULES.filter((m) => m.name === 'mess');
const FIXTURES = new URL('../../../../test/fixtures/import/mess-original/', import.meta.url);
type Record_ = { model: string; pk: string; fields: Record<string, unknown> };
const SNAPSHOT = JSON.parse(readFileSync(new URL('dumpdata-1.json', FIXTURES), 'utf8')) as Record_[];
const QR_SECRET = 'sahara-qr-secret-2025-abcdefghijklmnop';
const NOW = '2026-11-16T13:00:00+05:30';
const ORG = 'switching';

let app: TestApp;
let staff: ApiClient;
beforeAll(async () => {
  app = await startTestApp({ modules: AREAS, clock: { now: () => new Date(NOW) }, env: TZ_ENV });
  await createOrg(app, { slug: ORG, currency: 'INR', timeZone: 'Asia/Kolkata' });
  staff = await signedInStaff(app, { role: 'admin', org: ORG });
});
afterAll(async () => {
  await app?.close();
});

const run = moduleImport(() => app, AREAS, 'mess');
const payments = SNAPSHOT.filter((r) => r.model === 'core.payment');
const minor = (amount: unknown) => Math.round(Number(amount) * 100);
const october = (p: Record_) => p.fields.cycle_start === '2026-10-01' && p.fields.cycle_end === '2026-10-31';

interface Dues {
  cycles: Array<{
    cycleId: string;
    name: string;
    feeMinor: number;
    cutDays: number;
    closedDays: number;
    dueMinor: number;
    paidMinor: number;
    balanceMinor: number;
  }>;
}
const duesOf = async (id: string) => {
  const res = await staff.get(`/api/mess/students/${id}/dues`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Dues;
};
const studentIdOf = async (roll: string) => {
  const { rows } = await sql<{ id: string }>`
    select s.id from mess_student s join organization o on o.id = s.org_id
    where o.slug = ${ORG} and s.roll_number = ${roll}`.execute(app.database.db);
  return rows[0]!.id;
};

describe("importing the original's dump into a mess already running", () => {
  it('bills the imported months to the students the original had in them, never to one registered here', async () => {
    // The mess runs in Opsdesk already: its November cycle, and a student who registered that morning.
    const { cycleId: november } = await createMessSetup(app, { org: ORG });
    const native = await createStudent(app, {
      org: ORG,
      rollNumber: 'NEW001',
      name: 'Registered this morning',
    });
    const before = await duesOf(native.id);

    const report = await run(ORG, dumpdataSource(SNAPSHOT, 'dumpdata-1.json'), {
      answers: { qrSecret: QR_SECRET },
    });
    expect(report.issues.filter((i) => i.kind === 'refused')).toEqual([]);

    // The import never changes what the student of Opsdesk owes: November alone, as before (less
    // the rebate of the day the original closed the mess, which every student eating there gets).
    const after = await duesOf(native.id);
    expect(before.cycles.map((c) => c.name)).toEqual(['November 2026']);
    expect(after.cycles.map((c) => [c.name, c.feeMinor, c.cutDays, c.paidMinor])).toEqual([
      ['November 2026', 300_000, 0, 0],
    ]);
    const owed = after.cycles[0]!.balanceMinor;
    expect(owed).toBe(300_000 - 8_000 * after.cycles[0]!.closedDays);
    // The cash form starts on the current cycle, not on an imported month.
    expect(cashPrefill(after.cycles, 2)).toEqual({ cycleId: november, amount: (owed / 100).toFixed(2) });

    // A student of the original owes October as the original had it: its fee less what they paid.
    const { rows: cycles } = await sql<{ name: string; fee_minor: string }>`
      select c.name, c.fee_minor from mess_cycle c join organization o on o.id = c.org_id
      where o.slug = ${ORG} and c.name = 'October 2026'`.execute(app.database.db);
    const octoberFee = Number(cycles[0]!.fee_minor);
    const students = SNAPSHOT.filter((r) => r.model === 'core.student');
    const inOctober = students.filter((s) => payments.some((p) => p.fields.student === s.pk && october(p)));
    expect(inOctober.length).toBeGreaterThan(1);
    for (const s of inOctober) {
      const paid = payments
        .filter((p) => p.fields.student === s.pk && october(p) && p.fields.status === 'VERIFIED')
        .reduce((n, p) => n + minor(p.fields.amount), 0);
      const dues = await duesOf(await studentIdOf(String(s.fields.roll_no)));
      const oct = dues.cycles.find((c) => c.name === 'October 2026');
      expect(oct, String(s.fields.roll_no)).toMatchObject({ dueMinor: octoberFee, paidMinor: paid });
    }
    // A student of the original with no payment for October was not in it there: not billed it here.
    const notInOctober = students.find(
      (s) =>
        s.fields.status === 'APPROVED' &&
        !payments.some((p) => p.fields.student === s.pk && String(p.fields.cycle_start) < '2026-11-01'),
    );
    if (notInOctober) {
      const dues = await duesOf(await studentIdOf(String(notInOctober.fields.roll_no)));
      expect(dues.cycles.map((c) => c.name)).not.toContain('October 2026');
    }

    // The defaulters of the current cycle agree with the student's own dues.
    const res = await staff.get('/api/mess/reports/defaulters');
    expect(res.statusCode, res.body).toBe(200);
    const item = (res.json() as { items: Array<{ id: string; balanceMinor: number }> }).items.find(
      (i) => i.id === native.id,
    );
    expect(item?.balanceMinor).toBe(owed);
  });
});
