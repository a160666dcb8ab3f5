import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle } from '../../../../test/factories/raffle.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { repliedChat } from '../../../../test/support/stored-chat.ts';
import type { ConversationsTables } from '../../../core/conversations/index.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import { type RaffleHarness, startRaffleApp } from './raffle-harness.ts';

// Issue 40: the raffle bot over WhatsApp when Meta delivers a buyer's messages out of order (item 9), and
// when a buyer taps a button twice (item 14).

/** How long after its timestamp a message waits for one sent before it, here. */
const GRACE_MS = 3_000;
// Stands still unless a test moves it (on a whole second, as Meta's timestamps are).
const clock = fixedClock(new Date(Math.floor(Date.now() / 1000) * 1000));
let h: RaffleHarness;

beforeAll(async () => {
  h = await startRaffleApp({ clock, env: { WHATSAPP_ORDER_GRACE_MS: String(GRACE_MS) } });
  await createRaffle(h.app, { title: 'Rifa del Club', maxNumber: 60 });
});
afterAll(async () => h.close());

/** Sent `agoMs` before the app's now: a message whose grace has passed is handled at once. */
const sentAgo = (agoMs: number) => new Date(clock.now().getTime() - agoMs);
/** The buyer writes `text` at `sentAt` and Meta delivers it now; answers the message's wamid. */
async function writes(from: string, text: string, sentAt: Date): Promise<string> {
  const payload = h.wa.textMessage({ from, text, sentAt });
  await h.deliver(payload);
  return (payload as { entry: [{ changes: [{ value: { messages: [{ id: string }] } }] }] }).entry[0]
    .changes[0].value.messages[0].id;
}
/** The buyer writes and waits for the bot's answer, long after the grace of what came before. */
async function says(from: string, text: string): Promise<string> {
  const before = h.wa.sentMessages(from).length;
  await writes(from, text, sentAgo(60_000));
  return (await h.waitForCount(from, before + 1))[before]!;
}
const inboundStatus = async (wamid: string) =>
  (
    await h.app.database.db
      .withTables<ConversationsTables>()
      .selectFrom('conversation_message')
      .select('status')
      .where('direction', '=', 'in')
      .where('channel_message_id', '=', wamid)
      .executeTakeFirstOrThrow()
  ).status;

describe('the raffle bot when Meta delivers messages out of order (issue 40, item 9)', () => {
  it('holds the numbers typed at t before "confirmar" typed at t+2, though "confirmar" came first', async () => {
    const u = '595981400001';
    await says(u, 'hola');
    expect(await says(u, 'rifas')).toContain('Rifa del Club');
    expect(await says(u, '1')).toMatch(/libres/);
    const before = h.wa.sentMessages(u).length;

    // "confirmar", sent 2 s after the numbers, reaches the webhook first: it waits for them.
    const confirm = await writes(u, 'confirmar', sentAgo(1_000));
    await h.app.jobs.settled();
    expect(await inboundStatus(confirm)).toBe('received');
    await writes(u, '55,56', sentAgo(3_000));

    const [summary] = (await h.waitForCount(u, before + 1)).slice(before);
    expect(summary).toMatch(/^Pedido creado/);
    expect(summary).toContain('55, 56');
    // Its grace (3 s after it was sent) passes on the app's clock: then it is handled.
    clock.advance(GRACE_MS);
    const [, pay] = (await h.waitForCount(u, before + 2)).slice(before);
    expect(pay).toMatch(/comprobante/);
    await eventually(async () => (await inboundStatus(confirm)) === 'processed', {
      what: '"confirmar" handled',
    });
    expect(h.texts(u).slice(before)).toHaveLength(2);
  });
});

describe('the raffle bot when a buyer taps a button twice (issue 40, item 14)', () => {
  it('sends the payment instructions once for "Confirmar" tapped twice on the same order', async () => {
    const u = '595981400002';
    await says(u, 'hola');
    await says(u, 'rifas');
    await says(u, '1');
    expect(await says(u, '7, 8')).toMatch(/^Pedido creado/);
    const summary = h.wa.sentMessages(u).at(-1)!;
    const before = h.wa.sentMessages(u).length;

    const tap = () =>
      h.deliver(
        h.wa.buttonReply({
          from: u,
          buttonId: 'confirm',
          title: 'Confirmar',
          contextId: summary.id,
          sentAt: sentAgo(60_000),
        }),
      );
    await tap();
    await tap();
    const chat = await repliedChat(h.app, 'whatsapp', u);
    expect(h.texts(u).slice(before)).toEqual([expect.stringMatching(/comprobante/)]);
    expect(
      chat
        .filter((m) => m.direction === 'in')
        .map((m) => m.status)
        .slice(-2),
    ).toEqual(['processed', 'unhandled']);
  });
});
