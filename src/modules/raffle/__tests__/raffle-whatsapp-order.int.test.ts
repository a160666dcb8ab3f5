import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle } from '../../../../test/factories/raffle.ts';
import { repliedChat } from '../../../../test/support/stored-chat.ts';
import type { ConversationsTables } from '../../../core/conversations/index.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import { type RaffleHarness, startRaffleApp } from './raffle-harness.ts';

// Issue 40: the raffle bot over WhatsApp when Meta delivers a buyer's messages out of order (item 9, and
// issue 55: answered at once, a late message handled from where the buyer wrote it), and when a buyer
// taps a button twice (item 14).

// Stands still unless a test moves it (on a whole second, as Meta's timestamps are).
const clock = fixedClock(new Date(Math.floor(Date.now() / 1000) * 1000));
let h: RaffleHarness;

beforeAll(async () => {
  h = await startRaffleApp({ clock });
  await createRaffle(h.app, { title: 'Rifa del Club', maxNumber: 60 });
});
afterAll(async () => h.close());

/** Sent `agoMs` before the app's now. */
const sentAgo = (agoMs: number) => new Date(clock.now().getTime() - agoMs);
/** The buyer writes `text` at `sentAt` and Meta delivers it now; answers the message's wamid. */
async function writes(from: string, text: string, sentAt: Date): Promise<string> {
  const payload = h.wa.textMessage({ from, text, sentAt });
  await h.deliver(payload);
  return (payload as { entry: [{ changes: [{ value: { messages: [{ id: string }] } }] }] }).entry[0]
    .changes[0].value.messages[0].id;
}
/** The buyer writes and waits for the bot's answer, long after what came before. */
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
  it('answers "confirmar" at once, and takes the numbers typed before it, arriving after, from where the buyer typed them', async () => {
    const u = '595981400001';
    await says(u, 'hola');
    expect(await says(u, 'rifas')).toContain('Rifa del Club');
    expect(await says(u, '1')).toMatch(/libres/);
    const before = h.wa.sentMessages(u).length;

    // "confirmar", sent 2 s after the numbers, reaches the webhook first: it is answered at once (no
    // grace holds it), and there is no order yet.
    const confirm = await writes(u, 'confirmar', sentAgo(1_000));
    const [none, menu] = (await h.waitForCount(u, before + 2)).slice(before);
    expect(none).toMatch(/^No tienes ningún pedido para confirmar/);
    expect(menu).toMatch(/Bienvenido/);
    expect(await inboundStatus(confirm)).toBe('processed');
    const answered = h.wa.sentMessages(u).length;

    // The numbers come 1.5 s later: made before "confirmar", they are handled from where the buyer
    // typed them (choosing numbers in that raffle), not from the menu "confirmar" led to.
    const numbers = await writes(u, '55,56', sentAgo(3_000));
    const [summary] = (await h.waitForCount(u, answered + 1)).slice(answered);
    expect(summary).toMatch(/^Pedido creado/);
    expect(summary).toContain('55, 56');
    expect(await inboundStatus(numbers)).toBe('processed');

    // The buyer confirms again, now, and the order goes on.
    const last = h.wa.sentMessages(u).length;
    await writes(u, 'confirmar', clock.now());
    const [pay] = (await h.waitForCount(u, last + 1)).slice(last);
    expect(pay).toMatch(/comprobante/);
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
