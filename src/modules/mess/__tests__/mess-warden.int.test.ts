import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup } from '../../../../test/factories/student.ts';
import { startTelegramApp, type TelegramApp } from '../../../../test/support/telegram-app.ts';
import type { ApiClient } from '../../../../test/support/test-app.ts';
import type { PaymentsTables } from '../../../core/payments/payments.tables.ts';
import type { MessTables } from '../mess.tables.ts';
import { TZ_ENV } from './mess-fixture.ts';

/**
 * A warden runs approvals and payments from the chat over the real Bot API wire protocol (grammY
 * against the stand-in, webhook mode): approve, deny with a reason the student reads, verify a
 * payment with its screenshot in front of them, a stale card tapped, and a settings change that
 * leaves the warden in place (issue 19).
 */
const MONDAY = '2026-11-16T10:00:00+05:30';
const SECRET = 'warden-webhook-secret';
const WARDEN = 9101;
const RAVI = 7101;
const SONU = 7102;
/** JPEG magic, so the file store takes it as the photo it is. */
const SCREENSHOT = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  Buffer.from('upi screenshot ₹2,840'),
  Buffer.from([0xff, 0xd9]),
]);

let h: TelegramApp;
let owner: ApiClient;
const startedAt = Date.now();

beforeAll(async () => {
  h = await startTelegramApp({
    webhookSecret: SECRET,
    clock: { now: () => new Date(Date.parse(MONDAY) + (Date.now() - startedAt)) },
    env: TZ_ENV,
  });
  owner = await signedInStaff(h.app, { role: 'owner' });
  await createMessSetup(h.app);
  const res = await owner.patch('/api/mess/settings', { adminTelegramIds: [String(WARDEN)] });
  expect(res.statusCode, res.body).toBe(200);
}, 120_000);
afterAll(async () => h?.close());

const next = (chat: number) => h.nth(chat, h.tg.sentMessages(chat).length + 1);
/** The first message to `chat` after the first `since` that contains `text` (other chats' order is free). */
const arrives = (chat: number, since: number, text: string) =>
  h.tg
    .waitForMessage(
      chat,
      () =>
        h.tg
          .sentMessages(chat)
          .slice(since)
          .some((m) => (m.text ?? m.caption)?.includes(text)),
      10_000,
    )
    .then(
      () =>
        h.tg
          .sentMessages(chat)
          .slice(since)
          .find((m) => (m.text ?? m.caption)?.includes(text))!,
    );
/** The card as the warden sees it once the app has edited it (edit_date set by the Bot API). */
const editedCard = (chat: number, card: Message) =>
  h.tg.waitForMessage(chat, (m) => m.message_id === card.message_id && m.edit_date !== undefined, 10_000);
const buttons = (m: Message) =>
  (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => ('callback_data' in b ? b.callback_data : ''));
const studentRow = (id: string) =>
  h.app.database.db
    .withTables<MessTables>()
    .selectFrom('mess_student')
    .select(['status', 'status_reason', 'decided_by', 'phone', 'language'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** Registers a student through the chat; returns the registration card the warden got. */
async function register(chat: number, name: string, roll: string): Promise<Message> {
  const seen = h.tg.sentMessages(chat).length;
  const wardenSeen = h.tg.sentMessages(WARDEN).length;
  h.tg.userSendsText(chat, '/start');
  await h.nth(chat, seen + 1);
  h.tg.userSendsText(chat, name);
  await h.nth(chat, seen + 2);
  h.tg.userSendsText(chat, roll);
  await h.nth(chat, seen + 3);
  h.tg.userSendsText(chat, 'B-12');
  await h.nth(chat, seen + 4);
  h.tg.userSendsText(chat, 'abc');
  expect((await h.nth(chat, seen + 5)).text).toContain('not a phone number');
  h.tg.userSendsText(chat, '12');
  expect((await h.nth(chat, seen + 6)).text).toContain('not a phone number');
  h.tg.userSendsText(chat, '98765 43210');
  const confirm = await h.nth(chat, seen + 7);
  expect(confirm.text).toContain('+919876543210');
  h.tg.userTapsButton(chat, confirm.message_id, 'confirm');
  expect((await h.nth(chat, seen + 8)).text).toContain('waiting for approval');
  return h.nth(WARDEN, wardenSeen + 1);
}

describe('a warden on Telegram', () => {
  let raviId: string;

  it('approves a registration with one tap', async () => {
    h.tg.userSendsText(WARDEN, '/start');
    expect(buttons(await h.nth(WARDEN, 1))).toEqual(['adm:pending', 'adm:payments', 'adm:report']);
    const card = await register(RAVI, 'Ravi Kumar', 'hi22017');
    expect(card.text).toContain('Ravi Kumar, roll HI22017');
    const [approve] = buttons(card);
    raviId = approve!.slice('adm:ok:'.length);
    // The student's message may arrive before the warden's: count both chats before the tap.
    const raviSeen = h.tg.sentMessages(RAVI).length;
    h.tg.userTapsButton(WARDEN, card.message_id, approve!);
    expect((await next(WARDEN)).text).toBe('Approved: Ravi Kumar (HI22017).');
    // The approval carries the meal pass: a picture of the QR with the message as its caption.
    expect((await arrives(RAVI, raviSeen, 'registration is approved')).caption).toContain('approved');
    expect(await studentRow(raviId)).toMatchObject({ status: 'approved', phone: '+919876543210' });
    // The card now says what was decided, by whom and when, and has no buttons left to tap.
    const settled = await editedCard(WARDEN, card);
    expect(settled.text).toMatch(
      /^Ravi Kumar, roll HI22017, room B-12, phone \+919876543210\n\n— approved by .+ on .+2026.+\.$/,
    );
    expect(settled.reply_markup).toBeUndefined();
  });

  it('denies with a typed reason the student reads, and a stale Approve on that card changes nothing', async () => {
    const card = await register(SONU, 'Sonu Verma', 'hi22018');
    const [approve, deny] = buttons(card);
    const sonuId = deny!.slice('adm:no:'.length);
    h.tg.userTapsButton(WARDEN, card.message_id, deny!);
    const ask = await next(WARDEN);
    expect(ask.text).toContain('Why?');
    expect(buttons(ask)).toEqual([
      `adm:nr:${sonuId}:details`,
      `adm:nr:${sonuId}:not_resident`,
      `adm:nr:${sonuId}:duplicate`,
    ]);
    const sonuSeen = h.tg.sentMessages(SONU).length;
    h.tg.userSendsText(WARDEN, 'Your room B-12 is in the other block.');
    expect((await next(WARDEN)).text).toBe(
      'Denied: Sonu Verma (HI22018). They are told: “Your room B-12 is in the other block.”',
    );
    expect((await arrives(SONU, sonuSeen, 'was not approved')).text).toBe(
      'Hello Sonu Verma, your mess registration was not approved. Your room B-12 is in the other block.',
    );
    expect(await studentRow(sonuId)).toMatchObject({
      status: 'denied',
      status_reason: 'Your room B-12 is in the other block.',
    });

    // Both the card and the reason card lose their buttons and say the decision.
    for (const m of [card, ask]) {
      const settled = await editedCard(WARDEN, m);
      expect(settled.text).toMatch(/— denied by .+ on .+\.$/);
      expect(settled.reply_markup).toBeUndefined();
    }
    // The old card's Approve, tapped before the edit reached the phone: answered with what happened, nothing changes.
    const tap = h.tg.userTapsButton(WARDEN, card.message_id, approve!);
    const stale = await next(WARDEN);
    await h.tg.waitForCallbackAnswer(tap);
    expect(stale.text).toMatch(/^Sonu Verma \(HI22018\) was already denied by .+ on .+\. Nothing changed\.$/);
    expect((await studentRow(sonuId)).status).toBe('denied');
    // A quick pick on the stale reason card is refused the same way.
    h.tg.userTapsButton(WARDEN, ask.message_id, `adm:nr:${sonuId}:details`);
    expect((await next(WARDEN)).text).toContain('was already denied');
    expect((await studentRow(sonuId)).status_reason).toBe('Your room B-12 is in the other block.');
  });

  it('verifies a payment with the screenshot, the declared amount and the reference in front of them', async () => {
    h.tg.userSendsText(RAVI, '/start');
    const menu = await next(RAVI);
    h.tg.userTapsButton(RAVI, menu.message_id, 'pay');
    expect((await next(RAVI)).text).toContain('How much did you pay?');
    const wardenSeen = h.tg.sentMessages(WARDEN).length;
    h.tg.userSendsPhoto(RAVI, SCREENSHOT, '2840 UTR412345678901');
    expect((await next(RAVI)).text).toContain('Payment proof received');

    const photo = await h.nth(WARDEN, wardenSeen + 1);
    expect(photo.caption).toBe('Payment screenshot from Ravi Kumar (roll HI22017)');
    expect(Buffer.from(h.tg.fileBytes(photo.photo!.at(-1)!.file_id)!)).toEqual(SCREENSHOT);
    const card = await h.nth(WARDEN, wardenSeen + 2);
    expect(card.text).toBe(
      'Payment from Ravi Kumar (roll HI22017): declared ₹2,840.00, reference 412345678901; balance due ₹3,000.00',
    );
    const [verify, reject] = buttons(card);
    const paymentId = verify!.slice('adm:pv:'.length);
    // Issue 66 item 4: the proof is Ravi's as the mess knows him, not his chat's profile ("User 7101").
    expect((await owner.get(`/api/payments/${paymentId}`)).json()).toMatchObject({
      createdBy: { type: 'contact', label: 'Ravi Kumar' },
    });
    const history = (await owner.get(`/api/audit?subjectType=payment&subjectId=${paymentId}`)).json()
      .items as Array<{ action: string; actor: { type: string; label: string } }>;
    expect(history.filter((e) => e.actor.type === 'contact')).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ label: 'Ravi Kumar' }) }),
    ]);
    // The console's review queue says the same in words: what it pays for, and who paid.
    const queued = (await owner.get('/api/payments/review')).json().items as Array<{
      payment: { id: string };
      payerName: string | null;
      purpose: { key: string; params: Record<string, string>; record: { resource: string } } | null;
    }>;
    expect(queued.find((q) => q.payment.id === paymentId)).toMatchObject({
      payerName: 'Ravi Kumar',
      purpose: {
        key: 'mess.purpose.cycleFee',
        params: { roll: 'HI22017', cycle: expect.any(String) },
        record: { resource: 'mess.students' },
      },
    });
    const raviSeen = h.tg.sentMessages(RAVI).length;
    h.tg.userTapsButton(WARDEN, card.message_id, verify!);
    // Issue 54 item 5: it answered 'Done: Verify ✓.'
    expect((await next(WARDEN)).text).toBe('Verified: ₹2,840.00 from Ravi Kumar (HI22017).');
    expect(
      await arrives(RAVI, raviSeen, 'Your payment of ₹2,840.00 for November 2026 is verified'),
    ).toBeDefined();
    const stored = await h.app.database.db
      .withTables<PaymentsTables>()
      .selectFrom('payment')
      .select(['status', 'amount_minor', 'external_reference'])
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'verified', external_reference: '412345678901' });
    expect(Number(stored.amount_minor)).toBe(284_000);
    const settled = await editedCard(WARDEN, card);
    expect(settled.text).toMatch(/^Payment from Ravi Kumar .+\n\n— verified by .+ on .+\.$/);
    expect(settled.reply_markup).toBeUndefined();

    // Reject on the same card, later: stale, the payment stays verified.
    h.tg.userTapsButton(WARDEN, card.message_id, reject!);
    expect((await next(WARDEN)).text).toMatch(/^₹2,840\.00 was already verified by .+\. Nothing changed\.$/);
  });

  it('names a new warden by a one-time invite link opened in Telegram', async () => {
    const NEW_WARDEN = 9102;
    const OTHER = 9103;
    const res = await owner.post(
      '/api/mess/warden-invites',
      { note: 'night warden' },
      { 'idempotency-key': 'invite-night-warden' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const invite = res.json();
    expect(invite.link).toMatch(/^https:\/\/t\.me\/opsdesk_test_bot\?start=w_[A-Za-z0-9_-]{20,60}$/);
    // A retried request answers the same link; one invite is stored.
    const again = await owner.post(
      '/api/mess/warden-invites',
      { note: 'night warden' },
      { 'idempotency-key': 'invite-night-warden' },
    );
    expect(again.json().link).toBe(invite.link);
    const start = new URL(invite.link).searchParams.get('start')!;

    h.tg.userSendsText(NEW_WARDEN, `/start ${start}`);
    expect((await h.nth(NEW_WARDEN, 1)).text).toContain('You are now a warden');
    expect(buttons(await h.nth(NEW_WARDEN, 2))).toEqual(['adm:pending', 'adm:payments', 'adm:report']);
    // Single use: another account opening the same link is refused and not made a warden.
    h.tg.userSendsText(OTHER, `/start ${start}`);
    expect((await h.nth(OTHER, 1)).text).toContain('already been used');

    const wardens = (await owner.get('/api/mess/wardens')).json();
    expect(wardens.wardens.map((w: { telegramId: string }) => w.telegramId)).toEqual([
      String(WARDEN),
      String(NEW_WARDEN),
    ]);
    expect(wardens.invites).toHaveLength(1);
    expect(wardens.invites[0]).toMatchObject({
      note: 'night warden',
      usedBy: expect.stringContaining('9102'),
    });
    const audit = await h.app.database.db
      .withTables<{ audit_event: { action: string; org_id: string } }>()
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', 'mess.warden.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['mess.warden.invited', 'mess.warden.joined']);
    // A scoped role cannot create invites.
    const ops = await signedInStaff(h.app, { role: 'ops' });
    expect((await ops.post('/api/mess/warden-invites', {})).statusCode).toBe(403);
  });

  it('keeps the warden after a partial settings change: taps are still answered', async () => {
    const res = await owner.patch('/api/mess/settings', { cutoffTime: '09:00' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ cutoffTime: '09:00', adminTelegramIds: [String(WARDEN), '9102'] });
    h.tg.userSendsText(WARDEN, '/start');
    const menu = await next(WARDEN);
    expect(buttons(menu)).toEqual(['adm:pending', 'adm:payments', 'adm:report']);
    h.tg.userTapsButton(WARDEN, menu.message_id, 'adm:report');
    expect((await next(WARDEN)).text).toContain('Today:');
  });
});
