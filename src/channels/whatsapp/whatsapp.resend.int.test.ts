import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { menuTestModule } from '../../../test/fixtures/menu-flow/menu.module.ts';
import { eventually } from '../../../test/support/eventually.ts';
import { TEST_MODULES } from '../../../test/support/template-sources.ts';
import type { ApiClient } from '../../../test/support/test-app.ts';
import { startWhatsAppApp, type WhatsAppApp } from '../../../test/support/whatsapp-app.ts';
import type { MessageView } from '../../core/conversations/index.ts';
import { fixedClock } from '../../platform/clock/index.ts';

// A reply WhatsApp never confirmed is settled by Meta's report, and sent again when Meta never reported
// it, even after a later reply reached the person (issue 55: late, not lost; issue 40 item 13 had it
// superseded, and a crash left buyers without answers); what the buyer receives, and what staff read.

const APP_SECRET = 'wa-app-secret-for-resend-tests';
// Stands still unless a test moves it: Meta's report window passes only when the test says so.
const clock = fixedClock(new Date());
let h: WhatsAppApp;
let ops: ApiClient;

beforeAll(async () => {
  h = await startWhatsAppApp({
    appSecret: APP_SECRET,
    flow: 'menu-test',
    modules: [...TEST_MODULES, menuTestModule],
    clock,
  });
  // Meta posts a signed `sent` status for each message it took, echoing biz_opaque_callback_data.
  h.wa.reportStatusesTo({ to: h.hook, appSecret: APP_SECRET });
  await h.app.createStaff({ email: 'ops@example.com', role: 'ops' });
  ops = await h.app.signIn('ops@example.com');
});
afterAll(async () => h.close());

/** The bot's replies to `to` as staff read them in the conversation's history. */
async function history(to: string): Promise<MessageView[]> {
  const list = (await ops.get('/api/conversations?channel=whatsapp')).json() as Array<{
    id: string;
    externalId: string;
  }>;
  const id = list.find((c) => c.externalId === to)!.id;
  const messages = (await ops.get(`/api/conversations/${id}/messages`)).json() as MessageView[];
  return messages.filter((m) => m.direction === 'out');
}
const textOf = (m: MessageView) => (m.payload as { text?: string }).text;

describe('a WhatsApp reply Meta never confirmed', () => {
  it('is sent again when Meta never reported it, though the reply to the next message went first (issue 55)', async () => {
    const buyer = '595981400001';
    // Meta answers 500 without taking the menu: no report will come.
    h.wa.failNextSends(1, 500);
    await h.deliver(h.wa.textMessage({ from: buyer, text: 'hello' }));
    await eventually(async () => (await history(buyer))[0]?.status === 'unconfirmed', {
      what: 'the menu recorded as unconfirmed',
    });
    // The buyer writes again; the answer goes out and Meta takes it.
    await h.deliver(h.wa.listReply({ from: buyer, rowId: 'coffee', title: 'Coffee' }));
    await eventually(async () => (await history(buyer))[1]?.status === 'sent', {
      what: 'the answer to the next message recorded as sent',
    });
    // Meta's report window passes: the menu never reached Meta, so it goes now, late rather than never.
    clock.advance(61_000);
    await h.app.deps.outbox.runOnce();
    await eventually(async () => (await history(buyer))[0]?.status === 'sent', { what: 'the menu resent' });
    await h.app.deps.outbox.runOnce();
    expect(h.texts(buyer)).toEqual(['Confirm one Coffee?', 'What would you like to drink?']);
    const [menu] = await history(buyer);
    expect(menu).toMatchObject({ status: 'sent', error: null });
  });

  it("is settled by Meta's report coming after the next reply: it reached the buyer once, and keeps no error", async () => {
    const buyer = '595981400003';
    // Meta takes the menu but answers 500, and its report is late.
    h.wa.reportStatusesTo({ to: () => undefined, appSecret: APP_SECRET });
    h.wa.failNextSendsAfterDelivery(1, 500);
    await h.deliver(h.wa.textMessage({ from: buyer, text: 'hello' }));
    await eventually(async () => (await history(buyer))[0]?.status === 'unconfirmed', {
      what: 'the menu recorded as unconfirmed',
    });
    h.wa.reportStatusesTo({ to: h.hook, appSecret: APP_SECRET });
    await h.deliver(h.wa.listReply({ from: buyer, rowId: 'coffee', title: 'Coffee' }));
    await eventually(async () => (await history(buyer))[1]?.status === 'sent', {
      what: 'the answer to the next message recorded as sent',
    });
    const [took] = h.wa.sentMessages(buyer);
    await h.deliver(
      h.wa.statusUpdate({
        id: took!.id,
        status: 'sent',
        recipientId: buyer,
        bizOpaqueCallbackData: String(took!.body.biz_opaque_callback_data),
      }),
    );
    expect((await history(buyer))[0]).toMatchObject({
      status: 'sent',
      channelMessageId: took!.id,
      error: null,
    });
    // Its window passes: reported, it is not sent again.
    clock.advance(61_000);
    await h.app.deps.outbox.runOnce();
    expect(h.texts(buyer)).toEqual(['What would you like to drink?', 'Confirm one Coffee?']);
  });

  it('is sent again while nothing later was confirmed, and its history then keeps no error', async () => {
    const buyer = '595981400002';
    h.wa.failNextSends(1, 500);
    await h.deliver(h.wa.textMessage({ from: buyer, text: 'hello' }));
    await eventually(async () => (await history(buyer))[0]?.status === 'unconfirmed', {
      what: 'the menu recorded as unconfirmed',
    });
    // Staff read why: Meta's answer, the send's last error (the outbox's `last_error`).
    expect((await history(buyer))[0]!.error).toEqual({ message: expect.stringContaining('500') });
    clock.advance(61_000);
    await h.app.deps.outbox.runOnce();
    await eventually(async () => (await history(buyer))[0]?.status === 'sent', { what: 'the menu resent' });
    expect(h.texts(buyer)).toEqual(['What would you like to drink?']);
    const [menu] = await history(buyer);
    expect(menu).toMatchObject({ status: 'sent', error: null });
    expect(textOf(menu!)).toBe('What would you like to drink?');
  });
});
