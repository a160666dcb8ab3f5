import type { AddressInfo } from 'node:net';
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup } from '../../../../test/factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { setTelegramWebhook } from '../../../channels/telegram/index.ts';
import {
  startTelegramStandin,
  type TelegramStandin,
} from '../../../channels/telegram/sandbox/telegram-bot-api.ts';
import { decodeQr, scan, TZ_ENV } from './mess-fixture.ts';

/** A past Monday lunch: jobs scheduled on this clock must not land in the real future. */
const LUNCH_MONDAY = '2026-11-16T13:00:00+05:30';

const SECRET = 'mess-webhook-secret';
const STUDENT = 7001;
const ADMIN = 9001;
let tg: TelegramStandin;
let app: TestApp;
let owner: ApiClient;
let cycleId: string;
const startedAt = Date.now();

beforeAll(async () => {
  tg = await startTelegramStandin();
  app = await startTestApp({
    // Time runs from Monday lunch: the outbox paces messages per recipient on this clock.
    clock: { now: () => new Date(Date.parse(LUNCH_MONDAY) + (Date.now() - startedAt)) },
    env: {
      ...TZ_ENV,
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.url,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    },
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  await app.startWorker();
  await setTelegramWebhook(app.deps, `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`);
  owner = await signedInStaff(app, { role: 'owner' });
  ({ cycleId } = await createMessSetup(app));
  expect((await owner.patch('/api/mess/settings', { adminTelegramIds: [String(ADMIN)] })).statusCode).toBe(
    200,
  );
});
afterAll(async () => {
  await app.close();
  await tg.close();
});

/** Waits for the bot's n-th message to a chat. */
const nth = (chat: number, n: number) =>
  tg
    .waitForMessage(chat, () => tg.sentMessages(chat).length >= n, 10_000)
    .then(() => tg.sentMessages(chat)[n - 1]!);
const buttons = (m: Message) =>
  (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => ('callback_data' in b ? b.callback_data : ''));

describe('the mess bot on Telegram', () => {
  it('takes a student from /start to approved by an admin tap to an allowed scan of the QR it sent', async () => {
    tg.userSendsText(ADMIN, '/start');
    expect(buttons(await nth(ADMIN, 1))).toEqual(['adm:pending', 'adm:payments', 'adm:report']);

    tg.userSendsText(STUDENT, '/start');
    expect((await nth(STUDENT, 1)).text).toContain('What is your full name?');
    tg.userSendsText(STUDENT, 'Ravi Kumar');
    expect((await nth(STUDENT, 2)).text).toBe('Your roll number?');
    tg.userSendsText(STUDENT, 'me201');
    expect((await nth(STUDENT, 3)).text).toBe('Your room number?');
    tg.userSendsText(STUDENT, 'B-12');
    await nth(STUDENT, 4);
    tg.userSendsText(STUDENT, '+91 98765 00000');
    const confirm = await nth(STUDENT, 5);
    expect(confirm.text).toContain('Roll: ME201');
    tg.userTapsButton(STUDENT, confirm.message_id, 'confirm');
    expect((await nth(STUDENT, 6)).text).toContain('waiting for approval');

    const card = await nth(ADMIN, 2);
    expect(card.text).toContain('Ravi Kumar, roll ME201');
    const [approve] = buttons(card);
    const studentId = approve!.slice('adm:ok:'.length);
    const tap = tg.userTapsButton(ADMIN, card.message_id, approve!);
    expect((await nth(ADMIN, 3)).text).toContain('Ravi Kumar');
    await tg.waitForCallbackAnswer(tap);
    // The approval carries the meal pass: one picture of the QR, the message its caption.
    const approval = await nth(STUDENT, 7);
    expect(approval.caption).toContain('registration is approved');
    const approvedCode = decodeQr(tg.fileBytes(approval.photo!.at(-1)!.file_id)!);

    const cash = await owner.post(`/api/mess/students/${studentId}/cash-payments`, {
      cycleId,
      amountMinor: 300_000,
    });
    expect(cash.statusCode, cash.body).toBe(201);
    expect((await nth(STUDENT, 8)).text).toContain('is verified');

    tg.userSendsText(STUDENT, '/start');
    const menu = await nth(STUDENT, 9);
    expect(buttons(menu)).toContain('qr');
    tg.userTapsButton(STUDENT, menu.message_id, 'qr');
    const photo = await nth(STUDENT, 10);
    expect(photo.caption).toContain('meal pass');
    const png = tg.fileBytes(photo.photo!.at(-1)!.file_id)!;
    const code = decodeQr(png);
    // The bot's QR is the same pass the approval sent (no reissue, no revocation).
    expect(code.length).toBe(approvedCode.length);

    const scanner = await signedInStaff(app, { role: 'scanner' });
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
    const before = tg.sentMessages(STUDENT).length;
    tg.userSendsText(STUDENT, '/start');
    const menu = await nth(STUDENT, before + 1);
    tg.userTapsButton(STUDENT, menu.message_id, 'cut');
    const prompt = await nth(STUDENT, before + 2);
    expect(prompt.text).toContain('The earliest is 2026-11-17');
    expect(prompt.text).toMatch(/close today at 23:00 \(Asia\/Kolkata time\): (9|10) hours/);
    tg.userTapsButton(STUDENT, prompt.message_id, 'cut:2026-11-17:2026-11-17');
    expect((await nth(STUDENT, before + 3)).text).toBe('Mess cut booked: 2026-11-17 to 2026-11-17.');
  });

  it('words refusals and guidance in Hindi once the student chose Hindi', async () => {
    let seen = tg.sentMessages(STUDENT).length;
    tg.userSendsText(STUDENT, '/start');
    const menu = await nth(STUDENT, seen + 1);
    tg.userTapsButton(STUDENT, menu.message_id, 'lang:hi');
    const switched = 'अब से मैं हिन्दी में बात करूँगा।';
    await tg.waitForMessage(STUDENT, () =>
      tg
        .sentMessages(STUDENT)
        .slice(seen)
        .some((m) => m.text === switched),
    );

    seen = tg.sentMessages(STUDENT).length;
    tg.userSendsText(STUDENT, '/start');
    const hindiMenu = await nth(STUDENT, seen + 1);
    tg.userTapsButton(STUDENT, hindiMenu.message_id, 'cut');
    await nth(STUDENT, seen + 2);
    tg.userSendsText(STUDENT, '2026-11-10');
    expect((await nth(STUDENT, seen + 3)).text).toBe('मेस कट पिछली तारीख से शुरू नहीं हो सकता।');
    await nth(STUDENT, seen + 4); // the cut prompt again

    seen = tg.sentMessages(STUDENT).length;
    tg.userSendsText(STUDENT, '/start');
    const again = await nth(STUDENT, seen + 1);
    tg.userTapsButton(STUDENT, again.message_id, 'pay');
    // Paid up: the full fee again is refused, not sent to the warden as a new card.
    expect((await nth(STUDENT, seen + 2)).text).toContain('अभी कुछ भी बकाया नहीं');
    await nth(STUDENT, seen + 3); // the menu again
    // A file sent without tapping "Upload payment" is not dropped: the bot says what to do.
    tg.userSendsDocument(STUDENT, new TextEncoder().encode('paid, trust me'), 'proof.txt', 'text/plain');
    expect((await nth(STUDENT, seen + 4)).text).toContain('स्क्रीनशॉट मिला पर राशि नहीं');
  });
});
