import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createStudent } from '../../../../test/factories/student.ts';
import {
  changeCounts,
  holdingsOf,
  moduleImport,
  originalPostgres,
  reportCounts,
} from '../../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { setTelegramWebhook } from '../../../channels/telegram/index.ts';
import {
  startTelegramStandin,
  type TelegramStandin,
} from '../../../channels/telegram/sandbox/telegram-bot-api.ts';
import { dumpdataSource, type ImportReport, openCsvSource } from '../../../core/imports/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { NOTES } from '../import/payments.import.ts';
import { createMeal } from '../setup.ts';
import { scan, TZ_ENV } from './mess-fixture.ts';

/** The mess alone (with the core): the import needs nothing else. */
const AREAS = TEST_MODULES.filter((m) => m.name === 'mess');

// Issue 51: data the original (github.com/Afsalkalladi/saharamess, Django app `core`) wrote through
// its own code (test/fixtures/import/mess-original/make_data.py): a first snapshot, and a second
// after more activity. Its dumpdata and its PostgreSQL (tables by db_table, `student_id` columns)
// come over the same way; old QR passes its QRService made scan right after the import.

const FIXTURES = new URL('../../../../test/fixtures/import/mess-original/', import.meta.url);
type Record_ = { model: string; pk: string; fields: Record<string, unknown> };
const read = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const SNAPSHOT = [JSON.parse(read('dumpdata-1.json')), JSON.parse(read('dumpdata-2.json'))] as [
  Record_[],
  Record_[],
];
const PASSES = [JSON.parse(read('passes-1.json')), JSON.parse(read('passes-2.json'))] as Array<
  Record<string, string>
>;
/** The QR_SECRET the original ran with when make_data.py wrote the fixtures (its README). */
const QR_SECRET = 'sahara-qr-secret-2025-abcdefghijklmnop';
const MODELS = ['core.student', 'core.payment', 'core.messcut', 'core.messclosure', 'core.scanevent'];

const SECRET = 'mess-import-webhook-secret';
const NOW = '2026-11-16T13:00:00+05:30';
const startedAt = Date.now();

let tg: TelegramStandin;
let app: TestApp;
let scanner: ApiClient;

beforeAll(async () => {
  tg = await startTelegramStandin();
  app = await startTestApp({
    modules: AREAS,
    clock: { now: () => new Date(Date.parse(NOW) + (Date.now() - startedAt)) },
    env: {
      ...TZ_ENV,
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.url,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      OPSDESK_SESSION_HOURS: String(24 * 30),
    },
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  await app.startWorker();
  await setTelegramWebhook(app.deps, `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`);
  scanner = await signedInStaff(app, { role: 'scanner' });
  await mealsIn('default');
});
afterAll(async () => {
  await app?.close();
  await tg?.close();
});

/** Breakfast, lunch and dinner every day, as the owner sets the mess up before the import. */
async function mealsIn(org: string) {
  const ctx = await orgCtx(app, org);
  const every = [1, 2, 3, 4, 5, 6, 7];
  await createMeal(ctx, { name: 'Breakfast', start: '07:00', end: '09:30', weekdays: every, position: 1 });
  await createMeal(ctx, { name: 'Lunch', start: '12:00', end: '14:30', weekdays: every, position: 2 });
  await createMeal(ctx, { name: 'Dinner', start: '19:00', end: '21:30', weekdays: every, position: 3 });
}

const run = moduleImport(() => app, AREAS, 'mess');
const answers = { qrSecret: QR_SECRET };
const dump = (n: 0 | 1, records: Record_[] = SNAPSHOT[n]) =>
  dumpdataSource(records, `dumpdata-${n + 1}.json`);

const holdings = (org: string) =>
  holdingsOf(app.database.db, org, {
    students: 'mess_student',
    legacyPasses: 'mess_legacy_pass',
    cycles: 'mess_cycle',
    payments: 'payment',
    files: 'file_object',
    fees: 'mess_fee_payment',
    cuts: 'mess_cut',
    closures: 'mess_closure',
    scans: 'mess_scan',
    notifications: 'notification',
    origins: 'import_origin',
  });

const of = (records: Record_[], model: string) => records.filter((r) => r.model === model);
const minor = (amount: unknown) => Math.round(Number(amount) * 100);

/** What the first import of a snapshot must do, per model: `[read, created, unchanged, skipped, refused]`. */
function fullCounts(records: Record_[]) {
  const skipped = of(records, 'core.payment').filter((p) => p.fields.status === 'NONE').length;
  return Object.fromEntries(
    MODELS.map((m) => {
      const n = of(records, m).length;
      const s = m === 'core.payment' ? skipped : 0;
      return [m, [n, n - s, 0, s, 0]];
    }),
  );
}

/** What a sync from snapshot 1 to 2 must bring: the new records, and those whose fields changed. */
function syncCounts() {
  const [before, after] = SNAPSHOT;
  return Object.fromEntries(
    MODELS.map((m) => {
      const was = new Map(of(before, m).map((r) => [r.pk, JSON.stringify(r.fields)]));
      const now = of(after, m).filter((r) => !(m === 'core.payment' && r.fields.status === 'NONE'));
      const created = now.filter((r) => !was.has(r.pk)).length;
      const updated = now.filter((r) => was.has(r.pk) && was.get(r.pk) !== JSON.stringify(r.fields)).length;
      return [m, { created, updated, unchanged: now.length - created - updated, refused: 0 }];
    }),
  );
}

const refusedOf = (report: ImportReport) => report.issues.filter((i) => i.kind === 'refused');
const moneyIn = async (org: string) => {
  const { rows } = await sql<{ total: string; n: string }>`
    select coalesce(sum(p.amount_minor), 0) as total, count(*) as n from payment p
    join organization o on o.id = p.org_id where o.slug = ${org}`.execute(app.database.db);
  return { total: Number(rows[0]!.total), count: Number(rows[0]!.n) };
};
const originalMoney = (records: Record_[]) => {
  const brought = of(records, 'core.payment').filter((p) => p.fields.status !== 'NONE');
  return { total: brought.reduce((n, p) => n + minor(p.fields.amount), 0), count: brought.length };
};
/** A scan at the counter a moment ago (the app's clock runs from NOW, at lunch). */
const scanCode = async (
  code: string,
  at = new Date(Date.parse(NOW) + (Date.now() - startedAt) - 1000).toISOString(),
) => {
  const res = await scanner.post('/api/mess/scans', { deviceId: 'old-gate', scans: [scan(at, { code })] });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().results[0];
};

describe('opsdesk import mess, from what the original wrote', () => {
  it('brings the first snapshot over whole: statuses, chat ids, phones, money to the cent, proofs by reference', async () => {
    const report = await run('default', dump(0), { answers });
    expect(refusedOf(report)).toEqual([]);
    expect(reportCounts(report)).toEqual(fullCounts(SNAPSHOT[0]));
    expect(report.messages).toEqual({ wouldSend: expect.any(Number), queued: 0 });
    // Phones the original took that are no phone numbers are kept as typed, for review.
    const flagged = (reason: string) => ({
      kind: 'flagged',
      model: 'core.student',
      pk: expect.any(String),
      field: 'phone',
      reason: `kept as typed: ${reason}`,
    });
    // +44 7700 900123 is one of the UK's numbers for fiction: no number anywhere, not "no number in India".
    expect(report.issues).toEqual(
      expect.arrayContaining([
        flagged('12345 is no phone number in IN'),
        flagged('+447700900123 is no phone number anywhere'),
      ]),
    );
    expect(report.issues).toHaveLength(2);

    const db = app.database.db;
    const { rows: students } = await sql<Record<string, string>>`
      select s.roll_number, s.telegram_id, s.status, s.name, s.phone, s.room from mess_student s
      join organization o on o.id = s.org_id where o.slug = 'default' order by s.roll_number`.execute(db);
    const originals = of(SNAPSHOT[0], 'core.student')
      .map((s) => s.fields)
      .sort((a, b) => String(a.roll_no).localeCompare(String(b.roll_no)));
    expect(students.map((s) => [s.roll_number, s.telegram_id, s.status, s.name, s.room])).toEqual(
      originals.map((s) => [
        s.roll_no,
        String(s.tg_user_id),
        String(s.status).toLowerCase(),
        s.name,
        s.room_no,
      ]),
    );
    // Phones as the original took them, in international form where they read as Indian numbers.
    const phone = (roll: string) => students.find((s) => s.roll_number === roll)!.phone;
    expect(phone('CS101')).toBe('+919876543210');
    expect(phone('CS102')).toBe('+919812345678');
    expect(phone('CS104')).toBe('+14155552671');
    expect(phone('CS107')).toBe('12345');
    expect(students.map((s) => s.name)).toEqual(
      expect.arrayContaining(['अर्जुन शर्मा', 'فاطمة الزهراء', '王小明']),
    );

    // Money to the cent, every payment the original holds (but the one never uploaded).
    expect(await moneyIn('default')).toEqual(originalMoney(SNAPSHOT[0]));
    const { rows: proofs } = await sql<{ status: string; method: string; n: string }>`
      select p.status, p.method, count(*) as n from payment p group by 1, 2 order by 1, 2`.execute(db);
    const payments = of(SNAPSHOT[0], 'core.payment').map((p) => p.fields);
    const count = (f: (p: Record<string, unknown>) => boolean) => payments.filter(f).length;
    expect(Object.fromEntries(proofs.map((p) => [`${p.method} ${p.status}`, Number(p.n)]))).toEqual({
      'manual recorded': count((p) => p.source === 'OFFLINE_MANUAL' && p.status === 'VERIFIED'),
      'proof verified': count((p) => p.source === 'ONLINE_SCREENSHOT' && p.status === 'VERIFIED'),
      'proof denied': count((p) => p.status === 'DENIED'),
      'proof submitted': count((p) => p.status === 'UPLOADED'),
    });
    // A screenshot is kept by its reference (the file stays at Cloudinary), named in the payment.
    const { rows: notes } = await sql<{ note: string }>`
      select note from payment where method = 'proof' limit 1`.execute(db);
    expect(notes[0]!.note).toMatch(/^Proof in the original: https:\/\/res\.cloudinary\.com\/sahara\//);

    // Cycles from the payments' days: a calendar month each, its fee what most paid (₹3,500.00).
    const { rows: cycles } = await sql<Record<string, string>>`
      select name, from_date, to_date, fee_minor from mess_cycle order by from_date`.execute(db);
    expect(cycles).toEqual([
      { name: 'October 2026', from_date: '2026-10-01', to_date: '2026-10-31', fee_minor: '350000' },
      { name: 'November 2026', from_date: '2026-11-01', to_date: '2026-11-30', fee_minor: '350000' },
    ]);
    const paymentNotes = report.models.find((m) => m.model === 'core.payment')!.notes;
    expect(paymentNotes[NOTES.belowFee]).toBeGreaterThanOrEqual(1);
    expect(paymentNotes[NOTES.otherDays]).toBeGreaterThanOrEqual(1);

    // Scans keep the original's verdicts: BLOCKED_CUT on a closed day is a closure here.
    const { rows: scans } = await sql<{ decision: string; reason: string | null; n: string }>`
      select decision, reason, count(*) as n from mess_scan group by 1, 2`.execute(db);
    const results = of(SNAPSHOT[0], 'core.scanevent').map((s) => s.fields.result);
    const total = (r: string) => results.filter((x) => x === r).length;
    const here = Object.fromEntries(scans.map((s) => [`${s.decision} ${s.reason}`, Number(s.n)]));
    expect(here['allowed null']).toBe(total('ALLOWED'));
    expect(here['denied payment_due']).toBe(total('BLOCKED_NO_PAYMENT'));
    expect(here['denied not_approved']).toBe(total('BLOCKED_STATUS'));
    expect((here['denied mess_cut'] ?? 0) + (here['denied mess_closed'] ?? 0)).toBe(total('BLOCKED_CUT'));
    const { rows: noMeal } = await sql<{
      n: string;
    }>`select count(*) as n from mess_scan where meal_id is null`.execute(db);
    expect(Number(noMeal[0]!.n)).toBe(0);
    // Each closure's days, one row a day.
    const { rows: closed } = await sql<{ date: string }>`select date from mess_closure order by date`.execute(
      db,
    );
    expect(closed.map((c) => c.date)).toEqual([
      '2026-10-02',
      '2026-10-20',
      '2026-10-21',
      '2026-10-22',
      '2026-11-25',
    ]);
  });

  it("takes an old pass the original's QRService made at the counter right after the import", async () => {
    const view = (await (await signedInStaff(app, { role: 'owner' })).get('/api/mess/legacy-passes')).json();
    expect(view).toMatchObject({ qrSecret: { set: true }, until: null, active: true, students: 14 });
    // CS101 paid November (3 Nov – 2 Dec, counted toward November): lunch is served.
    expect(await scanCode(PASSES[0]!.CS101!)).toMatchObject({
      decision: 'allowed',
      student: { rollNumber: 'CS101' },
    });
    // CS108 paid half of November's fee: the counter asks for the rest (the dry run said so).
    const cs108 = of(SNAPSHOT[0], 'core.student').find((s) => s.fields.roll_no === 'CS108')!;
    const pass108 = `2|${cs108.pk}|1794324600|${cs108.fields.qr_nonce}`;
    const { legacySignature } = await import('../legacy-passes.rules.ts');
    expect(await scanCode(`${pass108}|${legacySignature(pass108, QR_SECRET)}`)).toMatchObject({
      decision: 'denied',
      reason: 'payment_due',
      student: { rollNumber: 'CS108' },
    });
    // CS113 was still pending when the warden regenerated every pass (version 2): its pass names
    // version 2 while the student holds 1, which the original refused too.
    expect(await scanCode(PASSES[0]!.CS113!)).toMatchObject({ decision: 'denied', reason: 'pass_revoked' });
    // Signed with another secret: refused.
    const forged = PASSES[0]!.CS102!.replace(/\|[0-9a-f]{64}$/, `|${'0'.repeat(64)}`);
    expect((await scanCode(forged)).reason).toBe('pass_bad_signature');
  });

  it('brings exactly what changed in the original since, then nothing', async () => {
    const before = await holdings('default');
    const second = await run('default', dump(1), { answers });
    expect(refusedOf(second)).toEqual([]);
    // (A student brought again is flagged again when a field of theirs still is: the phone kept as typed.)
    expect(changeCounts(second)).toEqual(
      Object.fromEntries(
        Object.entries(syncCounts()).map(([m, c]) => [m, { ...c, flagged: expect.any(Number) }]),
      ),
    );
    const db = app.database.db;
    // The payment the admins verified since is verified here, and counts toward its cycle.
    const verifiedSince = of(SNAPSHOT[1], 'core.payment').filter(
      (p) =>
        p.fields.status === 'VERIFIED' &&
        of(SNAPSHOT[0], 'core.payment').some((q) => q.pk === p.pk && q.fields.status === 'UPLOADED'),
    );
    expect(verifiedSince.length).toBeGreaterThanOrEqual(1);
    const { rows: settled } = await sql<{ status: string; fee: string | null }>`
      select p.status, f.amount_minor as fee from payment p
      join import_origin io on io.target_id = p.id::text and io.source_model = 'core.payment'
      left join mess_fee_payment f on f.payment_id = p.id
      where io.source_pk = any(${verifiedSince.map((p) => p.pk)})`.execute(db);
    expect(settled).toEqual(
      verifiedSince.map((p) => ({ status: 'verified', fee: String(minor(p.fields.amount)) })),
    );
    // The student approved since is approved here; the phone corrected in the admin, corrected here.
    const { rows: students } = await sql<{ roll_number: string; status: string; phone: string }>`
      select s.roll_number, s.status, s.phone from mess_student s join organization o on o.id = s.org_id
      where o.slug = 'default' order by s.roll_number`.execute(db);
    expect(students.find((s) => s.roll_number === 'CS113')!.status).toBe('approved');
    expect(students.map((s) => s.phone)).toContain('+919811122233');
    expect(students).toHaveLength(of(SNAPSHOT[1], 'core.student').length);
    // Money: still to the cent; December made from the new payments.
    expect(await moneyIn('default')).toEqual(originalMoney(SNAPSHOT[1]));
    const after = await holdings('default');
    // December's payments make December; one of 20 December – 19 January counts toward January.
    expect(after.cycles).toBe((before.cycles ?? 0) + 2);
    const { rows: months } = await sql<{ name: string }>`
      select c.name from mess_cycle c join organization o on o.id = c.org_id
      where o.slug = 'default' order by c.from_date`.execute(db);
    expect(months.map((m) => m.name)).toEqual([
      'October 2026',
      'November 2026',
      'December 2026',
      'January 2027',
    ]);
    expect(after.notifications).toBe(0);

    // The original regenerated every pass since (version 3): the old ones are refused here too, as
    // there, and the new ones scan.
    expect((await scanCode(PASSES[0]!.CS103!)).reason).toBe('pass_revoked');
    expect(await scanCode(PASSES[1]!.CS102!)).toMatchObject({ student: { rollNumber: 'CS102' } });
    expect((await scanCode(PASSES[1]!.CS104!)).reason ?? 'allowed').not.toMatch(/^pass_/);

    const beforeThird = await holdings('default');
    const third = await run('default', dump(1), { answers });
    expect(third.issues.filter((i) => i.kind === 'refused')).toEqual([]);
    expect(third.models.every((m) => m.created === 0 && m.updated === 0 && m.refused === 0)).toBe(true);
    expect(await holdings('default')).toEqual(beforeThird);
  });

  it('recognises an imported student who writes to the bot: the menu, not a registration', async () => {
    const asha = of(SNAPSHOT[0], 'core.student').find((s) => s.fields.roll_no === 'CS101')!;
    const chat = Number(asha.fields.tg_user_id);
    tg.userSendsText(chat, '/start');
    await tg.waitForMessage(chat, () => tg.sentMessages(chat).length >= 1, 10_000);
    expect(tg.sentMessages(chat)[0]!.text).toContain(`Hello ${asha.fields.name}!`);
  });

  it("reads the same from the original's PostgreSQL: tables by db_table, student_id columns", async () => {
    const original = await originalPostgres();
    const load = async (n: 1 | 2) => {
      await original.db.pool.query('drop schema public cascade; create schema public');
      await original.load(read(`database-${n}.sql`));
    };
    const fromDb = async (options: { dryRun?: boolean } = {}) => {
      const source = await original.source('postgres orig_mess');
      try {
        return await run('from-db', source, { ...options, answers });
      } finally {
        await source.close();
      }
    };
    try {
      await createOrg(app, { slug: 'from-db', currency: 'INR', timeZone: 'Asia/Kolkata' });
      await mealsIn('from-db');
      await load(1);
      const first = await fromDb();
      expect(first.found).toEqual(expect.arrayContaining(['students', 'payments', 'scan_events']));
      expect(refusedOf(first)).toEqual([]);
      expect(reportCounts(first)).toEqual(fullCounts(SNAPSHOT[0]));
      expect(await moneyIn('from-db')).toEqual(originalMoney(SNAPSHOT[0]));
      await load(2);
      const second = await fromDb();
      expect(refusedOf(second)).toEqual([]);
      expect(
        Object.fromEntries(Object.entries(changeCounts(second)).map(([m, c]) => [m, [c.created, c.updated]])),
      ).toEqual(
        Object.fromEntries(Object.entries(syncCounts()).map(([m, c]) => [m, [c.created, c.updated]])),
      );
      expect(await moneyIn('from-db')).toEqual(originalMoney(SNAPSHOT[1]));
      const third = await fromDb();
      expect(third.models.every((m) => m.created === 0 && m.updated === 0)).toBe(true);
    } finally {
      await original.close();
    }
  }, 180_000);

  it('reads the same from its tables exported as CSV (psql \\copy … csv header)', async () => {
    await createOrg(app, { slug: 'from-csv', currency: 'INR', timeZone: 'Asia/Kolkata' });
    await mealsIn('from-csv');
    const report = await run('from-csv', openCsvSource(new URL('csv-1', FIXTURES).pathname), { answers });
    expect(refusedOf(report)).toEqual([]);
    expect(reportCounts(report)).toEqual(fullCounts(SNAPSHOT[0]));
    expect(await moneyIn('from-csv')).toEqual(originalMoney(SNAPSHOT[0]));
    const { rows } = await sql<{ registered_at: Date }>`
      select s.registered_at from mess_student s join organization o on o.id = s.org_id
      where o.slug = 'from-csv' and s.roll_number = 'CS101'`.execute(app.database.db);
    const cs101 = of(SNAPSHOT[0], 'core.student').find((s) => s.fields.roll_no === 'CS101')!;
    expect(rows[0]!.registered_at.toISOString()).toBe(
      new Date(String(cs101.fields.created_at)).toISOString(),
    );
  });

  it('writes nothing in a dry run, whose counts and notes are the run’s', async () => {
    await createOrg(app, { slug: 'dry', currency: 'INR', timeZone: 'Asia/Kolkata' });
    await mealsIn('dry');
    const dry = await run('dry', dump(0), { dryRun: true, answers });
    expect(reportCounts(dry)).toEqual(fullCounts(SNAPSHOT[0]));
    expect(await holdings('dry')).toMatchObject({
      students: 0,
      payments: 0,
      cycles: 0,
      origins: 0,
      legacyPasses: 0,
    });
    const real = await run('dry', dump(0), { answers });
    expect(reportCounts(real)).toEqual(reportCounts(dry));
    expect(real.models.map((m) => m.notes)).toEqual(dry.models.map((m) => m.notes));
  });

  it('refuses a second student with one roll number, and reports its payments, cuts and scans with it', async () => {
    await createOrg(app, { slug: 'dupes', currency: 'INR', timeZone: 'Asia/Kolkata' });
    // Registered in Opsdesk before the import (the new bot is already running).
    await createStudent(app, { org: 'dupes', rollNumber: 'CS104', name: 'Registered here' });
    // A spreadsheet export where CS102 came twice, as a second record with its own payment.
    const cs102 = of(SNAPSHOT[0], 'core.student').find((s) => s.fields.roll_no === 'CS102')!;
    const cs104 = of(SNAPSHOT[0], 'core.student').find((s) => s.fields.roll_no === 'CS104')!;
    const copy = {
      ...cs102,
      pk: '00000000-0000-4000-8000-000000000102',
      fields: { ...cs102.fields, tg_user_id: 1 },
    };
    const copysPayment = {
      ...of(SNAPSHOT[0], 'core.payment').find((p) => p.fields.student === cs102.pk)!,
      pk: '00000000-0000-4000-8000-00000000f102',
    };
    copysPayment.fields = { ...copysPayment.fields, student: copy.pk };
    const report = await run('dupes', dump(0, [...SNAPSHOT[0], copy, copysPayment]), { answers });
    const refused = refusedOf(report);
    expect(refused).toContainEqual({
      kind: 'refused',
      model: 'core.student',
      pk: copy.pk,
      field: null,
      reason: `roll_no:CS102 is already held by core.student record ${cs102.pk} of this import`,
    });
    expect(refused).toContainEqual({
      kind: 'refused',
      model: 'core.student',
      pk: cs104.pk,
      field: null,
      reason: 'roll_no: a student of Opsdesk already has this roll number',
    });
    expect(refused).toContainEqual(
      expect.objectContaining({ model: 'core.payment', pk: copysPayment.pk, field: 'student' }),
    );
    // Every payment, cut and scan of CS104 is reported with its student's refusal; nothing else is refused.
    const children = SNAPSHOT[0].filter(
      (r) => r.model !== 'core.student' && r.fields.student === cs104.pk && r.fields.status !== 'NONE',
    );
    expect(
      refused.filter((i) => i.reason.includes('a student of Opsdesk already has this roll number')),
    ).toHaveLength(1 + children.length);
    expect(refused).toHaveLength(2 + 1 + children.length);
    for (const child of children)
      expect(refused).toContainEqual({
        kind: 'refused',
        model: child.model,
        pk: child.pk,
        field: 'student',
        reason: `its student ${cs104.pk} was refused (roll_no: a student of Opsdesk already has this roll number)`,
      });
    // At most one refusal in a thousand records of the original is the goal; here, the two students.
    expect(await moneyIn('dupes')).toEqual({
      total:
        originalMoney(SNAPSHOT[0]).total -
        children.filter((c) => c.model === 'core.payment').reduce((n, p) => n + minor(p.fields.amount), 0),
      count: originalMoney(SNAPSHOT[0]).count - children.filter((c) => c.model === 'core.payment').length,
    });
  });
});
