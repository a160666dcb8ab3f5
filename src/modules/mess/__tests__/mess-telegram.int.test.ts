import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup } from '../../../../test/factories/student.ts';
import { startTelegramApp, type TelegramApp } from '../../../../test/support/telegram-app.ts';
import type { ApiClient } from '../../../../test/support/test-app.ts';
import { decodeQr, scan, TZ_ENV } from './mess-fixture.ts';

/** A past Monday lunch: jobs scheduled on this clock must not land in the real future. */
const LUNCH_MONDAY = '2026-11-16T13:00:00+05:30';

const SECRET = 'mess-webhook-secret';
const STUDENT = 7001;
const ADMIN = 9001;
let h: TelegramApp;
let owner: ApiClient;
let cycleId: string;
const startedAt = Date.now();

beforeAll(async () => {
  h = await startTelegramApp({
    webhookSecret: SECRET,
    // Time runs from Monday lunch: the outbox paces messages per recipient on this clock.
    clock: { now: () => new Date(Date.parse(LUNCH_MONDAY) + (Date.now() - startedAt)) },
    env: TZ_ENV,
  });
  owner = await signedInStaff(h.app, { role: 'owner' });
  ({ cycleId } = await createMessSetup(h.app));
  expect((await owner.patch('/api/mess/settings', { adminTelegramIds: [String(ADMIN)] })).statusCode).toBe(
    200,
  );
});
afterAll(async () => h.close());

const buttons = (m: Message) =>
  (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => ('callback_data' in b ? b.callback_data : ''));

describe('the mess bot on Telegram', () => {
  it('takes a student from /start to approved by an admin tap to an allowed scan of the QR it sent', async () => {
    h.tg.userSendsText(ADMIN, '/start');
    expect(buttons(await h.nth(ADMIN, 1))).toEqual(['adm:pending', 'adm:payments', 'adm:report']);

    h.tg.userSendsText(STUDENT, '/start');
    expect((await h.nth(STUDENT, 1)).text).toContain('What is your full name?');
    h.tg.userSendsText(STUDENT, 'Ravi Kumar');
    expect((await h.nth(STUDENT, 2)).text).toBe('Your roll number?');
    h.tg.userSendsText(STUDENT, 'me201');
    expect((await h.nth(STUDENT, 3)).text).toBe('Your room number?');
    h.tg.userSendsText(STUDENT, 'B-12');
    await h.nth(STUDENT, 4);
    h.tg.userSendsText(STUDENT, '+91 98765 00000');
    const confirm = await h.nth(STUDENT, 5);
    expect(confirm.text).toContain('Roll: ME201');
    h.tg.userTapsButton(STUDENT, confirm.message_id, 'confirm');
    expect((await h.nth(STUDENT, 6)).text).toContain('waiting for approval');

    const card = await h.nth(ADMIN, 2);
    expect(card.text).toContain('Ravi Kumar, roll ME201');
    const [approve] = buttons(card);
    const studentId = approve!.slice('adm:ok:'.length);
    const tap = h.tg.userTapsButton(ADMIN, card.message_id, approve!);
    expect((await h.nth(ADMIN, 3)).text).toContain('Ravi Kumar');
    await h.tg.waitForCallbackAnswer(tap);
    // The approval carries the meal pass: one picture of the QR, the message its caption.
    const approval = await h.nth(STUDENT, 7);
    expect(approval.caption).toContain('registration is approved');
    const approvedCode = decodeQr(h.tg.fileBytes(approval.photo!.at(-1)!.file_id)!);

    const cash = await owner.post(`/api/mess/students/${studentId}/cash-payments`, {
      cycleId,
      amountMinor: 300_000,
    });
    expect(cash.statusCode, cash.body).toBe(201);
    expect((await h.nth(STUDENT, 8)).text).toContain('is verified');

    h.tg.userSendsText(STUDENT, '/start');
    const menu = await h.nth(STUDENT, 9);
    expect(buttons(menu)).toContain('qr');
    h.tg.userTapsButton(STUDENT, menu.message_id, 'qr');
    const photo = await h.nth(STUDENT, 10);
    expect(photo.caption).toContain('meal pass');
    const png = h.tg.fileBytes(photo.photo!.at(-1)!.file_id)!;
    const code = decodeQr(png);
    // The bot's QR is the same pass the approval sent (no reissue, no revocation).
    expect(code.length).toBe(approvedCode.length);

    const scanner = await signedInStaff(h.app, { role: 'scanner' });
    const res = await scanner.post('/api/mess/scans', {
      deviceId: 'gate',
      scans: [scan(LUNCH_MONDAY, { code })],
    });
    expect(res.json().results[0]).toMatchObject({
      decision: 'allowed',
      student: { id: studentId, rollNumber: 'ME201' },
    });
  });

  it('shows the time left until the cutoff and books a cut for tomorrow from the bot', async () => {
    const before = h.tg.sentMessages(STUDENT).length;
    h.tg.userSendsText(STUDENT, '/start');
    const menu = await h.nth(STUDENT, before + 1);
    h.tg.userTapsButton(STUDENT, menu.message_id, 'cut');
    const prompt = await h.nth(STUDENT, before + 2);
    expect(prompt.text).toContain('The earliest is 2026-11-17');
    expect(prompt.text).toMatch(/close today at 23:00 \(Asia\/Kolkata time\): (9|10) hours/);
    h.tg.userTapsButton(STUDENT, prompt.message_id, 'cut:2026-11-17:2026-11-17');
    expect((await h.nth(STUDENT, before + 3)).text).toBe('Mess cut booked: 2026-11-17 to 2026-11-17.');
  });

  it('words refusals and guidance in Hindi once the student chose Hindi', async () => {
    let seen = h.tg.sentMessages(STUDENT).length;
    h.tg.userSendsText(STUDENT, '/start');
    const menu = await h.nth(STUDENT, seen + 1);
    h.tg.userTapsButton(STUDENT, menu.message_id, 'lang:hi');
    const switched = 'अब से मैं हिन्दी में बात करूँगा।';
    await h.tg.waitForMessage(STUDENT, () =>
      h.tg
        .sentMessages(STUDENT)
        .slice(seen)
        .some((m) => m.text === switched),
    );

    seen = h.tg.sentMessages(STUDENT).length;
    h.tg.userSendsText(STUDENT, '/start');
    const hindiMenu = await h.nth(STUDENT, seen + 1);
    h.tg.userTapsButton(STUDENT, hindiMenu.message_id, 'cut');
    await h.nth(STUDENT, seen + 2);
    h.tg.userSendsText(STUDENT, '2026-11-10');
    expect((await h.nth(STUDENT, seen + 3)).text).toBe('मेस कट पिछली तारीख से शुरू नहीं हो सकता।');
    await h.nth(STUDENT, seen + 4); // the cut prompt again

    seen = h.tg.sentMessages(STUDENT).length;
    h.tg.userSendsText(STUDENT, '/start');
    const again = await h.nth(STUDENT, seen + 1);
    h.tg.userTapsButton(STUDENT, again.message_id, 'pay');
    // Paid up: the full fee again is refused, not sent to the warden as a new card.
    expect((await h.nth(STUDENT, seen + 2)).text).toContain('अभी कुछ भी बकाया नहीं');
    await h.nth(STUDENT, seen + 3); // the menu again
    // A file sent without tapping "Upload payment" is not dropped: the bot says what to do.
    h.tg.userSendsDocument(STUDENT, new TextEncoder().encode('paid, trust me'), 'proof.txt', 'text/plain');
    expect((await h.nth(STUDENT, seen + 4)).text).toContain('स्क्रीनशॉट मिला पर राशि नहीं');
  });
});
