import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle } from '../../../../test/factories/raffle.ts';
import { runJob } from '../../../../test/support/jobs.ts';
import { sweepHoldsJob } from '../raffle.queue.ts';
import { type RaffleHarness, receiptPng, startRaffleApp } from './raffle-harness.ts';

// Issue 40, items 15 and 16: every open raffle in the bot's list, rows that stay different, and the
// words of "confirmar" without an order and of the hold reminder, as the buyer receives them.

/**
 * A zone where it is about noon now (a fixed offset from UTC), so a 15-minute hold ends the same day
 * there and one of 12 hours ends the next.
 */
function zoneAtNoon(now: Date): string {
  let offset = 12 - now.getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  if (offset === 0) return 'UTC';
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

type Row = { id: string; title: string; description?: string };
let h: RaffleHarness;
/** The app's clock runs with real time; a test moves it on (never back) to let a hold run out. */
let shiftMs = 0;

beforeAll(async () => {
  h = await startRaffleApp({
    clock: { now: () => new Date(Date.now() + shiftMs) },
    env: { OPSDESK_TIMEZONE: zoneAtNoon(new Date()) },
  });
  // Every message at once: the pace between two messages to one person is not under test here.
  await h.app.database.pool.query(
    `update organization set settings = jsonb_set(settings, '{notifications}', $1::jsonb) where id = $2`,
    [JSON.stringify({ paceMs: { whatsapp: 0, telegram: 0 } }), h.orgId],
  );
}, 60_000);
afterAll(async () => h?.close());

/** A list message as the Cloud API receives it (reference/whatsapp-cloud-api.md). */
type ListBody = {
  interactive?: {
    type: string;
    body: { text: string };
    action: { button: string; sections: Array<{ rows: Row[] }> };
  };
};

/** The list message last sent to `to`, as the Cloud API received it. */
function lastList(to: string): { body: string; button: string; rows: Row[] } {
  const sent = h.wa.sentMessages(to).map((m) => m.body as ListBody);
  const list = sent.reverse().find((b) => b.interactive?.type === 'list')?.interactive;
  if (!list) throw new Error(`no list message to ${to}`);
  return {
    body: list.body.text,
    button: list.action.button,
    rows: list.action.sections.flatMap((s) => s.rows),
  };
}
const tapRow = async (from: string, rowId: string) => {
  const before = h.wa.sentMessages(from).length;
  await h.deliver(h.wa.listReply({ from, rowId, title: 'whatever' }));
  return (await h.waitForCount(from, before + 1)).slice(before);
};

describe('the raffle list on WhatsApp (issue 40, item 15)', () => {
  const letters = [...'ABCDEFGHIJKL'];

  beforeAll(async () => {
    for (const letter of letters)
      await createRaffle(h.app, { title: `Rifa Navideña del Club Deportivo ${letter}`, maxNumber: 50 });
    await createRaffle(h.app, { title: 'Rifa Navideña del Club Deportivo Z', status: 'closed' });
  }, 60_000);

  it('offers every open raffle: nine rows and a "more" row, then the rest, each row telling its raffle apart', async () => {
    const u = '595981400001';
    await h.say(u, 'hola');
    await h.say(u, 'rifas');
    const first = lastList(u);
    // At most 10 rows; the newest nine, then "more".
    expect(first.rows).toHaveLength(10);
    expect(first.rows.at(-1)).toMatchObject({
      id: 'more',
      title: 'Más rifas ➜',
      description: '3 rifas abiertas más',
    });
    const shown = first.rows.slice(0, 9);
    for (const row of shown) {
      expect(row.title.length).toBeLessThanOrEqual(24);
      expect(row.description!.length).toBeLessThanOrEqual(72);
    }
    // Distinct where they differ (the club's letter), not nine times "Rifa Navideña del Cl…".
    expect(shown.map((r) => r.title.at(-1))).toEqual([...'LKJIHGFED']);
    expect(shown[0]!.title).toMatch(/^1\. Rifa .*…Deportivo L$/);
    // The whole title in the description.
    expect(shown[0]!.description).toMatch(/^Rifa Navideña del Club Deportivo L · 50 libres · \S/);
    expect(first.body).toContain('Hay 3 más');

    // The "more" row: the three oldest, numbered on.
    await tapRow(u, 'more');
    const rest = lastList(u);
    expect(rest.rows.map((r) => r.title)).toEqual([
      expect.stringMatching(/^10\. .*C$/),
      expect.stringMatching(/^11\. .*B$/),
      expect.stringMatching(/^12\. .*A$/),
    ]);
    // A number answers for the whole list.
    const [details] = await h.say(u, '12');
    expect(details).toContain('Rifa Navideña del Club Deportivo A');
  });

  it('finds a raffle by part of its name, and says so when none has it', async () => {
    const u = '595981400002';
    await h.say(u, 'rifas');
    await h.say(u, 'deportivo b');
    const found = lastList(u);
    expect(found.rows).toHaveLength(1);
    expect(found.rows[0]!.description).toMatch(/^Rifa Navideña del Club Deportivo B · /);
    expect(found.body).toContain('"deportivo b"');
    const [details] = await h.say(u, '1');
    expect(details).toContain('Rifa Navideña del Club Deportivo B');

    await h.say(u, 'rifas');
    const [none] = await h.say(u, 'bicicleta', 2);
    expect(none).toBe('Ninguna rifa abierta tiene "bicicleta" en el nombre.');
    expect(lastList(u).rows).toHaveLength(10);
  });
});

describe('the bot’s words (issue 40, item 16)', () => {
  it('answers "confirmar" without an order with "nothing to confirm", not with an expired hold', async () => {
    const u = '595981400003';
    await h.say(u, 'hola');
    const [answer] = await h.say(u, 'confirmar', 2);
    expect(answer).toBe('No tienes ningún pedido para confirmar. Escribe "rifas" para elegir tus números.');
  });

  const reminderTo = async (buyer: string, holdMinutes: number) => {
    const raffle = await createRaffle(h.app, { title: `Rifa ${buyer}`, holdMinutes });
    await h.say(buyer, 'rifas');
    await tapRow(buyer, `raffle:${raffle.id}`);
    const [summary] = await h.say(buyer, '5');
    const before = h.wa.sentMessages(buyer).length;
    // The reminder is due five minutes before the hold ends: the clock goes to four minutes before.
    shiftMs += (holdMinutes - 4) * 60_000;
    await runJob(h.app, sweepHoldsJob, {});
    const [reminder] = (await h.waitForCount(buyer, before + 1)).slice(before);
    return { summary: summary!, reminder: reminder! };
  };

  it('tells the hold reminder’s end as a time of day in the organization’s zone when it is today', async () => {
    const { summary, reminder } = await reminderTo('595981400005', 15);
    expect(reminder).toMatch(
      /^Recordatorio: tus boletos 5 de "Rifa 595981400005" están reservados hasta las \d{1,2}:\d{2}\. Envía tu comprobante antes\.$/,
    );
    expect(summary).toMatch(/\(hasta \d{1,2}:\d{2}\)/);
  });

  it('adds the day when the hold ends on another day there', async () => {
    // From about noon, twelve hours and a half end after midnight.
    const { summary, reminder } = await reminderTo('595981400006', 12.5 * 60);
    // Sent minutes before the end, the reminder names the day only when midnight falls in between.
    expect(reminder).toMatch(
      /están reservados hasta las \d{1,2}:\d{2}( del \d{1,2} de [a-z]+)?\. Envía tu comprobante antes\.$/,
    );
    expect(summary).toMatch(/\(hasta \d{1,2}:\d{2} del \d{1,2} de [a-z]+\)/);
  });

  it('asks no proof again by reminder once the buyer sent one and it is being checked (issue 54, item 16)', async () => {
    const u = '595981400007';
    const raffle = await createRaffle(h.app, { title: 'Rifa Comprobante', holdMinutes: 30 });
    await h.say(u, 'rifas');
    await tapRow(u, `raffle:${raffle.id}`);
    await h.say(u, '9');
    await h.say(u, 'confirmar');
    const before = h.wa.sentMessages(u).length;
    await h.deliver(
      h.wa.imageMessage({ from: u, bytes: receiptPng('reminded proof'), mimeType: 'image/png' }),
    );
    expect((await h.waitForCount(u, before + 1))[before]).toMatch(/revisión/);
    shiftMs += 26 * 60_000;
    await runJob(h.app, sweepHoldsJob, {});
    const { rows } = await h.app.database.pool.query(
      `select 1 from notification where template = 'raffle.hold_reminder' and recipient = $1`,
      [u],
    );
    expect(rows).toEqual([]);
  });

  // Last: it moves the clock on.
  it('still says the hold expired when the order being confirmed ran out', async () => {
    const u = '595981400004';
    const raffle = await createRaffle(h.app, { title: 'Rifa Relámpago', holdMinutes: 1 });
    await h.say(u, 'rifas');
    await tapRow(u, `raffle:${raffle.id}`);
    const [summary] = await h.say(u, '7');
    expect(summary).toMatch(/^Pedido creado/);
    shiftMs += 2 * 60_000;
    // (The minute's sweep may tell the buyer of the expiry meanwhile: look at every new message.)
    const replies = await h.say(u, 'confirmar', 2);
    expect(
      replies.some((r) => /^Tu reserva venció y los boletos fueron liberados/.test(r)),
      replies.join(' | '),
    ).toBe(true);
    expect(replies.join()).not.toContain('No tienes ningún pedido');
  });
});
