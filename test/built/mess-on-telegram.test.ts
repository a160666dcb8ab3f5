import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTelegramStandin,
  type TelegramStandin,
} from '../../src/channels/telegram/sandbox/telegram-bot-api.ts';
import { type GoogleSheetsStandin, startGoogleSheetsStandin } from '../standins/google-sheets.ts';
import { type S3Standin, startS3Standin } from '../standins/s3.ts';
import { eventually } from '../support/eventually.ts';
import { type BuiltServer, freePort, runCli, startBuiltServer } from '../support/processes.ts';
import { middayZone } from '../support/test-clock.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';
import { decodeQr, receiptPng } from './pictures.ts';
import { showServerLogOnFailure } from './server-log.ts';
import { type StaffSession, signIn, tryToSignIn } from './staff-session.ts';

// The mess as it ships (`node dist/src/app/cli.js start`): a student registers with the Telegram bot,
// which the app reaches through grammY on a webhook it sets itself; the meal pass is a QR drawn on a
// render worker and sent as a photo; a payment screenshot is fetched through getFile and kept in an
// S3 bucket; key events are appended to a Google spreadsheet. Every outside service is a stand-in on
// 127.0.0.1 speaking its real protocol; the server is driven as the student, the staff and the
// scanner would.

const OWNER = 'owner@mess.example';
const PASSWORD = 'correct horse battery staple';
const WEBHOOK_SECRET = 'dist-telegram-webhook-secret';
const BUCKET = 'mess-files';
const SPREADSHEET = 'mess-backup-dist';
const SERVICE_ACCOUNT = 'backup@opsdesk-dist.iam.gserviceaccount.com';
const STUDENT = 7101;

const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-dist-mess-'));
let tg: TelegramStandin;
let s3: S3Standin;
let sheets: GoogleSheetsStandin;
let server: BuiltServer;
let owner: StaffSession;

beforeAll(async () => {
  [tg, s3, sheets] = await Promise.all([
    startTelegramStandin(),
    startS3Standin({ buckets: [BUCKET] }),
    startGoogleSheetsStandin(),
  ]);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  sheets.registerServiceAccount({
    clientEmail: SERVICE_ACCOUNT,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
  sheets.createSpreadsheet(SPREADSHEET, ['Registrations', 'Approvals', 'Payments', 'Scans']);
  const port = String(await freePort());
  const env = {
    ...(await freshDatabaseEnv(dataDir)),
    PORT: port,
    OPSDESK_PUBLIC_URL: `http://127.0.0.1:${port}`,
    // the mess's day is about noon, so its "All day" meal is open whenever this runs
    OPSDESK_TIMEZONE: middayZone(),
    OPSDESK_CURRENCY: 'INR',
    OPSDESK_LANGUAGES: 'en,hi',
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.url,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    S3_ENDPOINT: s3.url,
    S3_BUCKET: BUCKET,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: 'standin-secret',
    GOOGLE_SHEETS_API_BASE_URL: sheets.url,
    GOOGLE_OAUTH_TOKEN_URL: sheets.tokenUrl,
    GOOGLE_SERVICE_ACCOUNT_EMAIL: SERVICE_ACCOUNT,
    // As a one-line .env file carries the key.
    GOOGLE_SERVICE_ACCOUNT_KEY: privateKey
      .export({ type: 'pkcs8', format: 'pem' })
      .toString()
      .replace(/\n/g, '\\n'),
    MESS_SHEETS_SPREADSHEET_ID: SPREADSHEET,
  };
  // The operator's first steps: an owner from the command line (which migrates), then the server.
  const created = await runCli(['create-user', '--email', OWNER, '--role', 'owner'], {
    ...env,
    OPSDESK_NEW_PASSWORD: PASSWORD,
  });
  expect(created.code, created.output).toBe(0);
  server = await startBuiltServer(['start'], env);
  owner = await signIn(server.url, OWNER, PASSWORD);
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  for (const [path, body] of [
    ['/api/mess/meals', { name: 'All day', start: '00:00', end: '23:59' }],
    [
      '/api/mess/cycles',
      { name: 'This month', from: day(-10), to: day(20), feeMinor: 300_000, currency: 'INR' },
    ],
  ] as const) {
    const res = await owner.post(path, body);
    expect(res.status, res.text).toBe(201);
  }
}, 240_000);

showServerLogOnFailure(() => server?.output());
afterAll(async () => {
  await server?.stop();
  await Promise.all([tg?.close(), s3?.close(), sheets?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

/** The bot's `n`-th message to the student (1-based), once it has been sent. */
const nth = (n: number) =>
  tg
    .waitForMessage(STUDENT, () => tg.sentMessages(STUDENT).length >= n)
    .then(() => tg.sentMessages(STUDENT)[n - 1]!);
const buttons = (m: Message) =>
  (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => ('callback_data' in b ? b.callback_data : ''));

describe('the built server signs staff in', () => {
  it('accepts the password the command line set (argon2) and refuses another', async () => {
    const wrong = await tryToSignIn(server.url, OWNER, 'not the password');
    expect(wrong.answer.status).toBe(401);
    const session = (await owner.get('/api/auth/session')).json();
    expect(session).toMatchObject({ user: { email: OWNER }, role: 'owner' });
  });
});

describe('the mess bot on Telegram, from the built server', () => {
  let studentId: string;
  let pass: string;

  it('registers a student through the webhook the server set, and sends the approved student a QR meal pass', async () => {
    // The server pointed the bot at itself at start (setWebhook through grammY), with the secret.
    expect(tg.currentWebhook()).toEqual({
      url: `${server.url}/webhooks/telegram`,
      secret: WEBHOOK_SECRET,
      maxConnections: 1,
    });

    tg.userSendsText(STUDENT, '/start');
    expect((await nth(1)).text).toContain('What is your full name?');
    tg.userSendsText(STUDENT, 'Meera Iyer');
    expect((await nth(2)).text).toBe('Your roll number?');
    tg.userSendsText(STUDENT, 'dist101');
    expect((await nth(3)).text).toBe('Your room number?');
    tg.userSendsText(STUDENT, 'C-7');
    await nth(4);
    tg.userSendsText(STUDENT, '+91 98765 43210');
    const confirm = await nth(5);
    expect(confirm.text).toContain('Roll: DIST101');
    expect(buttons(confirm)).toContain('confirm');
    const tap = tg.userTapsButton(STUDENT, confirm.message_id, 'confirm');
    expect((await nth(6)).text).toContain('waiting for approval');
    await tg.waitForCallbackAnswer(tap);

    const students = (await owner.get('/api/mess/students')).json().items as Array<{
      id: string;
      rollNumber: string;
    }>;
    studentId = students.find((s) => s.rollNumber === 'DIST101')!.id;
    const approved = await owner.post('/api/mess/students/actions/approve', { ids: [studentId] });
    expect(approved.status, approved.text).toBe(200);

    // The approval is one photo: the QR (rendered on a worker thread) with the message as its caption.
    const approval = await tg.waitForMessage(STUDENT, (m) => m.photo !== undefined);
    expect(approval.caption).toContain('registration is approved');
    pass = decodeQr(tg.fileBytes(approval.photo!.at(-1)!.file_id)!);
    expect(tg.webhookDeliveries.length).toBeGreaterThanOrEqual(6);
    expect(tg.webhookDeliveries.every((d) => d.status === 200 && d.secretHeader === WEBHOOK_SECRET)).toBe(
      true,
    );
  });

  it('appends the registration and the approval to the Google spreadsheet', async () => {
    const rolls = (sheet: string) => sheets.rows(SPREADSHEET, sheet).map((row) => row[3]);
    await eventually(() => rolls('Registrations').includes('DIST101'), { what: 'the registration row' });
    await eventually(() => rolls('Approvals').includes('DIST101'), { what: 'the approval row' });
  });

  it('takes a payment screenshot sent as a photo into the S3 bucket, where staff open the same bytes', async () => {
    const screenshot = receiptPng('UPI payment 3000 for the mess');
    const seen = tg.sentMessages(STUDENT).length;
    tg.userSendsText(STUDENT, '/start');
    const menu = await nth(seen + 1);
    expect(buttons(menu)).toContain('pay');
    tg.userTapsButton(STUDENT, menu.message_id, 'pay');
    await tg.waitForMessage(
      STUDENT,
      (m) => Boolean(m.text?.includes('screenshot')) && m.message_id > menu.message_id,
    );
    tg.userSendsPhoto(STUDENT, screenshot, '3000 UTR412345678901');
    await tg.waitForMessage(STUDENT, (m) =>
      Boolean(m.text?.includes('Payment proof received for This month (₹3,000.00)')),
    );

    // The server fetched the photo through getFile and the file link, and put it in the bucket.
    await eventually(() => [...s3.objects.values()].some((o) => o.body.equals(screenshot)), {
      what: 'the screenshot in the bucket',
    });
    const review = (await owner.get('/api/payments/review')).json();
    const item = review.items.find(
      (i: { payment: { amount: { amountMinor: number } } }) => i.payment.amount.amountMinor === 300_000,
    );
    const proof = await owner.get(item.proof.url);
    expect(proof.status).toBe(200);
    expect(proof.headers.get('content-type')).toBe('image/png');
    expect(proof.bytes.equals(screenshot)).toBe(true);

    const verified = await owner.post(`/api/payments/${item.payment.id}/verify`);
    expect(verified.status, verified.text).toBe(200);
    await tg.waitForMessage(STUDENT, (m) => Boolean(m.text?.includes('is verified')));
  });

  it('lets the scanner in with the pass the student received, now that the fee is paid', async () => {
    const res = await owner.post('/api/mess/scans', {
      deviceId: 'counter-1',
      scans: [
        { nonce: crypto.randomUUID(), code: pass, scannedAt: new Date().toISOString(), offline: false },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json().results[0]).toMatchObject({
      decision: 'allowed',
      student: { id: studentId, rollNumber: 'DIST101' },
    });
  });
});

describe('files in S3 through the built server', () => {
  it('stores an upload in the bucket and serves it back unchanged', async () => {
    const bytes = receiptPng('a signed contract, scanned');
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'image/png' }), 'contract.png');
    const uploaded = await owner.upload('/api/files', form);
    expect(uploaded.status, uploaded.text).toBe(201);
    const stored = [...s3.objects.entries()].filter(([, o]) => o.body.equals(bytes));
    expect(stored).toHaveLength(1);
    expect(stored[0]![0]).toMatch(new RegExp(`^${BUCKET}/`));
    const content = await owner.get(`/api/files/${uploaded.json().id}/content`);
    expect(content.status).toBe(200);
    expect(content.bytes.equals(bytes)).toBe(true);
  });
});

describe('the built server’s own output', () => {
  it('prints no deprecation warning once grammY has talked to Telegram (issue 54 item 25)', () => {
    // grammY's node-fetch@2 reached Node's deprecated `punycode`: a DeprecationWarning after the banner.
    expect(server.output()).not.toMatch(/DeprecationWarning|\[DEP0\d+\]/);
  });
});
