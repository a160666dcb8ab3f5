import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQr } from '../../../../test/built/pictures.ts';
import { orgCtx } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup } from '../../../../test/factories/student.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { startTelegramApp, type TelegramApp } from '../../../../test/support/telegram-app.ts';
import type { ApiClient } from '../../../../test/support/test-app.ts';
import { type AfricasTalkingSandbox, startAfricasTalkingSandbox } from '../../../channels/sms/index.ts';
import { verifyPassOnline } from '../../../core/pass-issuer/index.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { recordCashFee } from '../fee-payments.ts';
import type { MessRuntime } from '../mess.runtime.ts';
import { decideStudent } from '../student-status.ts';
import { registerStudent } from '../students.ts';
import { LUNCH_MONDAY, TZ_ENV } from './mess-fixture.ts';

/**
 * Issue 65: a student without Telegram is told by SMS (the approval, a denial, payment verdicts,
 * dues reminders, pay-backs), each behind its setting, in the language they chose; one with
 * Telegram gets the chat message only. Through the real outbox, the Africa's Talking stand-in and
 * the Bot API stand-in.
 */
/** The real clock's pace, started at `at`. */
function runningFrom(at: string): Clock {
  const offset = new Date(at).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

const PUBLIC_URL = 'https://mess.hostel-b.example.in';
let at: AfricasTalkingSandbox;
let t: TelegramApp;
let owner: ApiClient;
let cycleId: string;

beforeAll(async () => {
  at = await startAfricasTalkingSandbox();
  t = await startTelegramApp({
    webhookSecret: 'mess-sms-secret',
    // Running from Monday's lunch: the outbox paces a chat's messages (the approval, then the reminder).
    clock: runningFrom(LUNCH_MONDAY),
    // The address the approval SMS's pass link starts with.
    env: { ...TZ_ENV, ...at.appEnv(), OPSDESK_PUBLIC_URL: PUBLIC_URL },
  });
  owner = await signedInStaff(t.app, { role: 'owner' });
  ({ cycleId } = await createMessSetup(t.app));
}, 60_000);
afterAll(async () => {
  await t?.close();
  await at?.close();
});

const rt = () => t.app.runtimeOf('mess') as MessRuntime;

/** A student the manager registered on the console, with a phone and maybe a Telegram account. */
async function student(input: {
  roll: string;
  phone: string;
  language?: 'en' | 'hi';
  telegramId?: string;
  decide?: 'approve' | 'deny' | null;
  reason?: string;
}) {
  const ctx = await orgCtx(t.app);
  const s = await registerStudent(ctx, rt(), {
    name: `Student ${input.roll}`,
    rollNumber: input.roll,
    room: 'B-2',
    phone: input.phone,
    language: input.language ?? 'en',
    telegramId: input.telegramId ?? null,
  });
  if (input.decide === null) return s;
  return decideStudent(ctx, rt(), {
    studentId: s.id,
    decision: input.decide ?? 'approve',
    reason: input.reason ?? null,
  });
}

/** What the outbox holds for these recipients: template and status. */
const queued = async (...to: string[]) =>
  (
    await t.app.database.pool.query<{ template: string; recipient: string; status: string }>(
      'select template, recipient, status from notification where recipient = any($1) order by created_at',
      [to],
    )
  ).rows;
const allSent = (...to: string[]) =>
  eventually(async () => (await queued(...to)).every((n) => n.status === 'sent') && queued(...to), {
    what: `every message to ${to.join(', ')} sent`,
  });
const texts = (phone: string, pattern: RegExp) => at.inbox(phone).filter((s) => pattern.test(s.text));
const chats = (chat: number, pattern: RegExp) =>
  t.tg.sentMessages(chat).filter((m) => pattern.test(m.text ?? m.caption ?? ''));
const REMINDER = /is due|बकाया/;

describe('mess: SMS to students without Telegram', () => {
  it('REMIND ALL texts the two +91 students without Telegram once each, in their language; the Telegram ones get Telegram only, the one who switched to Hindi in Hindi', async () => {
    const onTelegram = await student({ roll: 'SMS-T1', phone: '+919812345600', telegramId: '7301' });
    const switched = await student({ roll: 'SMS-T2', phone: '+919812345603', telegramId: '7302' });
    await student({ roll: 'SMS-P1', phone: '+919812345601' });
    await student({ roll: 'SMS-P2', phone: '98123 45602', language: 'hi' });
    // The student switches to Hindi (on the console's contact page, as the bot's menu does).
    const contactId = (
      await t.app.database.pool.query<{ contact_id: string }>(
        'select contact_id from mess_student where id = $1',
        [switched.id],
      )
    ).rows[0]!.contact_id;
    expect((await owner.patch(`/api/contacts/${contactId}`, { preferredLanguage: 'hi' })).statusCode).toBe(
      200,
    );
    expect(onTelegram.status).toBe('approved');

    const list = (await owner.get('/api/mess/reports/defaulters')).json();
    const mine = list.items.filter((d: { rollNumber: string }) => d.rollNumber.startsWith('SMS-'));
    expect(mine.map((d: { reachable: boolean }) => d.reachable)).toEqual([true, true, true, true]);

    const res = await owner.post('/api/mess/defaulters/remind', {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ reminded: 4, unreachable: 0 });

    const english = await eventually(() => texts('+919812345601', REMINDER)[0], { what: 'the SMS reminder' });
    expect(english.text).toMatch(/^Hello Student SMS-P1, your mess fee for November 2026 is not fully paid/);
    expect(english.text).toContain('mess office');
    expect(english.segments).toBeLessThanOrEqual(2);
    const hindi = await eventually(() => texts('+919812345602', REMINDER)[0], { what: 'the Hindi SMS' });
    expect(hindi.text).toMatch(/बकाया/);
    expect(hindi.segments).toBeLessThanOrEqual(2);
    // The approval reached them by SMS too, with the link to their meal pass.
    expect(texts('+919812345601', /approved/)[0]?.text).toMatch(
      /^Hello Student SMS-P1, your mess registration is approved\. Your meal pass: https:\/\/mess\.hostel-b\.example\.in\/public\/mess\/pass\//,
    );

    const tgEnglish = await eventually(() => chats(7301, /is due/)[0], { what: 'the Telegram reminder' });
    expect(tgEnglish.text).toMatch(/Upload payment/);
    const tgHindi = await eventually(() => chats(7302, /बकाया/)[0], { what: 'the Hindi Telegram reminder' });
    expect(tgHindi.text).toMatch(/नमस्ते/);
    await allSent('+919812345601', '+919812345602', '7301', '7302');

    // Pressed again: nothing is queued or sent twice.
    const before = await queued('+919812345600', '+919812345601', '+919812345602', '7301', '7302');
    expect((await owner.post('/api/mess/defaulters/remind', {})).statusCode).toBe(200);
    expect(await queued('+919812345600', '+919812345601', '+919812345602', '7301', '7302')).toEqual(before);
    expect(texts('+919812345601', REMINDER)).toHaveLength(1);
    expect(texts('+919812345602', REMINDER)).toHaveLength(1);
    expect(chats(7301, REMINDER)).toHaveLength(1);
    // The Telegram students' phones got nothing.
    expect(at.inbox('+919812345600')).toEqual([]);
    expect(at.inbox('+919812345603')).toEqual([]);
  });

  it("the approval SMS's link opens the meal pass the counter scans, until the pass is re-issued", async () => {
    const approved = await student({ roll: 'SMS-L1', phone: '+919812345631', language: 'hi' });
    const sms = await eventually(() => texts('+919812345631', /स्वीकृत/)[0], { what: 'the approval SMS' });
    expect(sms.segments).toBeLessThanOrEqual(3);
    const link = /https:\/\/\S+/.exec(sms.text)![0];
    expect(link.startsWith(`${PUBLIC_URL}/public/mess/pass/${approved.id}/`)).toBe(true);
    const path = link.slice(PUBLIC_URL.length);

    // Opened without signing in: the QR is a working pass of this student, as the counter checks it.
    const opened = await t.app.anonymous().get(path);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.headers['content-type']).toBe('image/png');
    const checked = await verifyPassOnline(await orgCtx(t.app), decodeQr(opened.rawPayload));
    expect(checked).toMatchObject({ ok: true, pass: { subject: { type: 'mess', id: approved.id } } });
    // The outbox keeps the link sealed: the stored data does not hold it.
    const stored = await t.app.database.pool.query<{ data: unknown }>(
      'select data from notification where recipient = $1',
      ['+919812345631'],
    );
    expect(JSON.stringify(stored.rows)).not.toContain(path.split('/').at(-1));

    // A wrong hash, another student's id, and a link from before a re-issued pass: refused alike.
    const other = await student({ roll: 'SMS-L2', phone: '+919812345632' });
    expect((await t.app.anonymous().get(path.replace(approved.id, other.id))).statusCode).toBe(404);
    expect((await t.app.anonymous().get(path.replace(/[0-9a-f]{4}$/, '0000'))).statusCode).toBe(404);
    const reissued = await owner.post('/api/mess/students/actions/reissue-pass', { ids: [approved.id] });
    expect(reissued.statusCode, reissued.body).toBeLessThan(300);
    expect((await t.app.anonymous().get(path)).statusCode).toBe(404);
  });

  it('a denial and a pay-back reach a student without Telegram by SMS', async () => {
    await student({
      roll: 'SMS-D1',
      phone: '+919812345611',
      decide: 'deny',
      reason: 'Not a hostel resident',
    });
    const denial = await eventually(() => texts('+919812345611', /not approved/)[0], { what: 'the denial' });
    expect(denial.text).toBe(
      'Hello Student SMS-D1, your mess registration was not approved. Not a hostel resident',
    );

    const paid = await student({ roll: 'SMS-R1', phone: '+919812345612', language: 'hi' });
    await recordCashFee(await orgCtx(t.app), { studentId: paid.id, cycleId, amountMinor: 350_000 });
    const back = await owner.post(`/api/mess/students/${paid.id}/pay-back`, {
      amountMinor: 20_000,
      reason: 'छात्र ने मेस छोड़ दी',
    });
    expect(back.statusCode, back.body).toBe(201);
    const refund = await eventually(() => texts('+919812345612', /वापस/)[0], { what: 'the pay-back SMS' });
    expect(refund.text).toContain('छात्र ने मेस छोड़ दी');
    expect(refund.text).toContain('200');
    expect(refund.segments).toBeLessThanOrEqual(2);
  });

  it('with the settings off, no SMS is queued; the settings read back on by default', async () => {
    const settings = (await owner.get('/api/mess/settings')).json();
    expect(settings).toMatchObject({
      smsApproval: true,
      smsDenials: true,
      smsPaymentVerdicts: true,
      smsRefunds: true,
      smsReminders: true,
    });
    const off = await owner.patch('/api/mess/settings', {
      smsApproval: false,
      smsDenials: false,
      smsReminders: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    try {
      await student({ roll: 'SMS-O1', phone: '+919812345621', decide: 'deny', reason: 'no' });
      await student({ roll: 'SMS-O2', phone: '+919812345622' });
      const list = (await owner.get('/api/mess/reports/defaulters')).json();
      expect(list.items.find((d: { rollNumber: string }) => d.rollNumber === 'SMS-O2').reachable).toBe(false);
      expect((await owner.post('/api/mess/defaulters/remind', {})).statusCode).toBe(200);
      expect(await queued('+919812345621', '+919812345622')).toEqual([]);
    } finally {
      await owner.patch('/api/mess/settings', { smsApproval: true, smsDenials: true, smsReminders: true });
    }
  });
});
