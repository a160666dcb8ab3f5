import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup, createStudent } from '../../../../test/factories/student.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { startTelegramApp, type TelegramApp } from '../../../../test/support/telegram-app.ts';
import type { ApiClient } from '../../../../test/support/test-app.ts';
import { decodeQr, scan, TZ_ENV } from './mess-fixture.ts';

/*
 * What the mess tells a student on Telegram about their pass (the QR with the approval, a receipt
 * per served meal, a new QR after a key rotation) and what it tells Prometheus, each through the
 * real interfaces: the Telegram stand-in, the scan API, /metrics, the console's API.
 */
const METRICS_TOKEN = 'mess-metrics-0123456789';
/** A past Monday lunch: messages the outbox paces on this clock must not land in the real future. */
const LUNCH_MONDAY = '2026-11-16T13:00:00+05:30';
const startedAt = Date.now();
/** How far a scan moved the running clock on: a scan is never dated ahead of the server's clock. */
let shiftMs = 0;
const now = () => new Date(Date.parse(LUNCH_MONDAY) + (Date.now() - startedAt) + shiftMs);
let h: TelegramApp;
let owner: ApiClient;
let scanner: ApiClient;
let cycleId: string;

beforeAll(async () => {
  h = await startTelegramApp({
    webhookSecret: 'mess-pass-messages',
    // Monday lunch, running: the outbox paces messages per person on this clock.
    clock: { now },
    env: {
      ...TZ_ENV,
      // Sessions outlast the night the clock is moved across.
      OPSDESK_SESSION_HOURS: '72',
      OPSDESK_METRICS_TOKEN: METRICS_TOKEN,
    },
  });
  owner = await signedInStaff(h.app, { role: 'owner' });
  scanner = await signedInStaff(h.app, { role: 'scanner' });
  ({ cycleId } = await createMessSetup(h.app));
}, 120_000);
afterAll(async () => h?.close());

const qrOf = (photo: Message) => decodeQr(h.tg.fileBytes(photo.photo!.at(-1)!.file_id)!);
const scanAt = async (at: string, code: string) => {
  shiftMs += Math.max(0, Date.parse(at) + 1000 - now().getTime());
  return (await scanner.post('/api/mess/scans', { deviceId: 'gate', scans: [scan(at, { code })] })).json()
    .results[0];
};

describe('the meal pass on Telegram', () => {
  it('sends the QR pass with the approval, and that QR is served at the counter', async () => {
    const chat = 7101;
    const student = await createStudent(h.app, { telegramId: String(chat), paidCycleId: cycleId });
    const approval = await h.nth(chat, 1);
    expect(approval.caption).toMatch(/your mess registration is approved\. This QR is your meal pass/);
    expect(await scanAt(LUNCH_MONDAY, qrOf(approval))).toMatchObject({
      decision: 'allowed',
      student: { id: student.id },
    });
    // The outbox keeps the pass sealed: the stored message says nothing of it.
    const { rows } = await h.app.database.pool.query<{ data: { pass: string } }>(
      `select data from notification where template = 'mess.approved' and recipient = $1`,
      [String(chat)],
    );
    expect(rows[0]!.data.pass).not.toBe(qrOf(approval));
  });

  it('sends no scan receipt by default; once turned on, "Lunch scanned at 13:00" in the student’s language', async () => {
    const english = 7102;
    const hindi = 7103;
    await createStudent(h.app, { telegramId: String(english), paidCycleId: cycleId });
    await createStudent(h.app, { telegramId: String(hindi), paidCycleId: cycleId, language: 'hi' });
    // The approval with the pass, then the cash payment's confirmation.
    const passes = { en: qrOf(await h.nth(english, 1)), hi: qrOf(await h.nth(hindi, 1)) };
    await h.nth(english, 2);
    await h.nth(hindi, 2);
    expect((await owner.get('/api/mess/settings')).json().scanReceipts).toBe(false);

    // Breakfast the next morning (a pass cannot be scanned before it was issued, at Monday's lunch).
    expect((await scanAt('2026-11-17T08:02:00+05:30', passes.en)).decision).toBe('allowed');
    const quiet = await h.app.database.pool.query(
      `select 1 from notification where template = 'mess.scan_receipt' and recipient = $1`,
      [String(english)],
    );
    expect(quiet.rows).toEqual([]);

    const on = await owner.patch('/api/mess/settings', { scanReceipts: true });
    expect(on.statusCode, on.body).toBe(200);
    expect((await scanAt(LUNCH_MONDAY, passes.en)).decision).toBe('allowed');
    expect((await h.nth(english, 3)).text).toBe('Lunch scanned at 13:00');
    expect((await scanAt('2026-11-16T13:05:00+05:30', passes.hi)).decision).toBe('allowed');
    // Issue 66 item 4: the meal and the time in Hindi too, not "Lunch 13:05".
    expect((await h.nth(hindi, 3)).text).toBe('दोपहर का भोजन दोपहर 1:05 बजे स्कैन हुआ');
    // A refused scan (served already this lunch) sends nothing.
    expect((await scanAt('2026-11-16T13:10:00+05:30', passes.en)).reason).toBe('already_served');
    const receipts = await h.app.database.pool.query(
      `select 1 from notification where template = 'mess.scan_receipt' and recipient = $1`,
      [String(english)],
    );
    expect(receipts.rows).toHaveLength(1);
  });
});

describe('mess gauges on /metrics', () => {
  it('counts approvals waiting, scans per meal and decision, and times each verification', async () => {
    await createStudent(h.app, { status: 'pending' });
    await createStudent(h.app, { status: 'pending' });
    const text = (await h.app.withToken(METRICS_TOKEN).get('/metrics')).body;
    expect(text).toMatch(/^opsdesk_mess_approvals_waiting\{org="[0-9a-f-]+"\} 2$/m);
    expect(text).toMatch(
      /^opsdesk_mess_scans_24h\{org="[0-9a-f-]+",meal="Lunch",decision="allowed"\} [3-9]$/m,
    );
    expect(text).toMatch(
      /^opsdesk_mess_scans_24h\{org="[0-9a-f-]+",meal="Breakfast",decision="allowed"\} 1$/m,
    );
    expect(text).toMatch(/^opsdesk_mess_scans_24h\{org="[0-9a-f-]+",meal="Lunch",decision="denied"\} 1$/m);
    expect(text).toMatch(/^opsdesk_mess_scan_verification_seconds_count\{method="pass"\} [5-9]$/m);
  });
});

describe('regenerating every pass after a key rotation', () => {
  it('signs every approved student’s pass with the new key and sends it, with progress', async () => {
    const noChat = await createStudent(h.app, { paidCycleId: cycleId });
    // 7102 registered in English, then chose Hindi (the console's contact page): the new pass is in Hindi.
    const { rows: chose } = await h.app.database.pool.query<{ contact_id: string }>(
      `select contact_id from mess_student where telegram_id = '7102'`,
    );
    const patched = await owner.patch(`/api/contacts/${chose[0]!.contact_id}`, { preferredLanguage: 'hi' });
    expect(patched.statusCode, patched.body).toBe(200);
    const rotated = await owner.post('/api/passes/keys/rotate');
    expect(rotated.statusCode, rotated.body).toBe(200);
    const chats = [7101, 7102, 7103];
    const before = chats.map((c) => h.tg.sentMessages(c).length);

    const started = await owner.post('/api/mess/pass-runs');
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({ status: 'running', total: 4 });
    // A second click while it runs finds the same run.
    expect((await owner.post('/api/mess/pass-runs')).json().id).toBe(started.json().id);

    await eventually(async () => (await owner.get('/api/mess/pass-runs/latest')).json().status === 'done', {
      timeoutMs: 20_000,
      what: 'the pass run to finish',
    });
    for (const [i, chat] of chats.entries()) {
      const renewed = await h.nth(chat, before[i]! + 1);
      expect(renewed.caption).toMatch(
        chat === 7101 ? /meal pass has been renewed/ : /^नमस्ते .+, आपका भोजन पास नया कर दिया गया है/,
      );
      expect((await scanAt('2026-11-17T19:45:00+05:30', qrOf(renewed))).decision).toBe('allowed');
    }
    await eventually(async () => (await owner.get('/api/mess/pass-runs/latest')).json().pending === 0, {
      what: 'every pass message sent',
    });
    expect((await owner.get('/api/mess/pass-runs/latest')).json()).toMatchObject({
      status: 'done',
      total: 4,
      done: 4,
      sent: 3,
      failed: 0,
      noChat: 1,
      keyIds: [rotated.json().active],
    });
    expect(noChat.telegramId).toBeNull();
    // The job's runs are the console's: a scanner may not start one.
    expect((await scanner.post('/api/mess/pass-runs')).statusCode).toBe(403);
  });
});
