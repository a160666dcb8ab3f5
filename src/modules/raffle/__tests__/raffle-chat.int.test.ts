import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle } from '../../../../test/factories/raffle.ts';
import { type RaffleHarness, receiptPng, startRaffleApp } from './raffle-harness.ts';

let h: RaffleHarness;
let raffleId: string;

beforeAll(async () => {
  h = await startRaffleApp();
  raffleId = (await createRaffle(h.app, { title: 'Rifa Escolar', maxNumber: 50 })).id;
});
afterAll(async () => h.close());

describe('raffle bot on WhatsApp', () => {
  it('sells by typed keywords in Spanish: menu, list, pick, confirm, proof', async () => {
    const u = '595981200001';
    const [welcome] = await h.say(u, 'hola');
    expect(welcome).toMatch(/Bienvenido/);
    const [list] = await h.say(u, 'rifas');
    expect(list).toContain('Rifa Escolar');
    const [details] = await h.say(u, '1');
    expect(details).toMatch(/50 libres/);
    const [summary] = await h.say(u, '5, 12 33');
    expect(summary).toMatch(/^Pedido creado/);
    expect(summary).toContain('5, 12, 33');
    const [pay] = await h.say(u, 'confirmar');
    expect(pay).toMatch(/comprobante/);
    const before = h.wa.sentMessages(u).length;
    await h.deliver(h.wa.imageMessage({ from: u, bytes: receiptPng('proof one'), mimeType: 'image/png' }));
    const [review] = (await h.waitForCount(u, before + 1)).slice(before);
    expect(review).toMatch(/revisión/);
    const orders = (await h.ops.get(`/api/raffle/orders?raffleId=${raffleId}`)).json().items as Array<{
      numbers: number[];
      status: string;
      id: string;
    }>;
    const mine = orders.find((o) => o.numbers.join() === '5,12,33')!;
    expect(mine.status).toBe('pending_payment');
    const confirmed = await h.ops.post(`/api/raffle/orders/${mine.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().status).toBe('paid');
    const texts = await h.waitForCount(u, before + 2);
    expect(texts.at(-1)).toMatch(/Pago confirmado/);
  });

  it('gives button taps the same answers as typed words, in English', async () => {
    const u = '595981200002';
    await h.say(u, 'hi');
    const [lang] = await h.say(u, 'language');
    expect(lang).toBeTruthy();
    await h.deliver(h.wa.buttonReply({ from: u, buttonId: 'lang:en', title: 'English' }));
    await h.waitForCount(u, 3);
    const [list] = await h.tap(u, 'raffles');
    expect(list).toContain('Open raffles');
    const before = h.wa.sentMessages(u).length;
    await h.deliver(h.wa.listReply({ from: u, rowId: `raffle:${raffleId}`, title: 'whatever' }));
    const [details] = (await h.waitForCount(u, before + 1)).slice(before);
    expect(details).toContain('Price');
    const [summary] = await h.tap(u, 'random');
    expect(summary).toMatch(/^Order created/);
    const [again] = await h.tap(u, 'random');
    expect(again).toMatch(/already have an order/);
    const [cancelled] = await h.tap(u, 'cancel', 2);
    expect(cancelled).toMatch(/Order cancelled; tickets \d+ were released/);
    const [mine] = await h.say(u, 'my tickets', 2);
    expect(mine).toMatch(/cancelled/);
  });

  it('answers "random 3" / "aleatorio 3" and refuses taken numbers', async () => {
    const a = '595981200003';
    const b = '595981200004';
    await h.say(a, 'rifas');
    await h.say(a, '1');
    const [first] = await h.say(a, '40 41');
    expect(first).toMatch(/(Pedido creado|Order created)/);
    await h.say(b, 'rifas');
    await h.say(b, '1');
    const [taken] = await h.say(b, '41,42');
    expect(taken).toMatch(/41/);
    expect(taken).toMatch(/(tomados|taken)/);
    const [random] = await h.say(b, 'aleatorio 3');
    expect(random).toMatch(/(Pedido creado|Order created)/);
  });

  it('tells a buyer in Spanish, from the refusal code, that the raffle stopped selling meanwhile', async () => {
    const u = '595981200005';
    const closing = (await createRaffle(h.app, { title: 'Rifa Cerrada' })).id;
    await h.say(u, 'rifas');
    const before = h.wa.sentMessages(u).length;
    await h.deliver(h.wa.listReply({ from: u, rowId: `raffle:${closing}`, title: 'Rifa Cerrada' }));
    await h.waitForCount(u, before + 1);
    expect((await h.ops.post(`/api/raffle/raffles/${closing}/close`)).statusCode).toBe(200);
    const [refused] = await h.say(u, '7');
    expect(refused).toBe('Esta rifa no está vendiendo boletos ahora.');
  });

  it('shows a raffle as staff edited it while selling at the next step, and names it so in the order', async () => {
    const u = '595981200009';
    const edited = (await createRaffle(h.app, { title: 'Rifa Antes', maxNumber: 30 })).id;
    await h.say(u, 'rifas');
    let before = h.wa.sentMessages(u).length;
    await h.deliver(h.wa.listReply({ from: u, rowId: `raffle:${edited}`, title: 'Rifa Antes' }));
    const [first] = (await h.waitForCount(u, before + 1)).slice(before);
    expect(first).toContain('Rifa Antes');
    const patched = await h.ops.patch(`/api/raffle/console/raffles/${edited}`, {
      title: 'Rifa Después',
      description: 'Premios nuevos a la vista',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    before = h.wa.sentMessages(u).length;
    await h.deliver(h.wa.listReply({ from: u, rowId: `raffle:${edited}`, title: 'Rifa Antes' }));
    const [second] = (await h.waitForCount(u, before + 1)).slice(before);
    expect(second).toContain('Rifa Después');
    expect(second).toContain('Premios nuevos a la vista');
    expect(second).not.toContain('Rifa Antes');
    const [summary] = await h.say(u, '4');
    expect(summary).toMatch(/^Pedido creado/);
    expect(summary).toContain('Rifa Después');
    // The list read with the raffles counts the held number out.
    const [list] = await h.say('595981200010', 'rifas');
    expect(list).toContain('Rifa Después (29 libres');
  });

  it('words refused numbers for the buyer, never a code like "(duplicate: 3)" (issue 54, item 17)', async () => {
    const u = '595981200007';
    await h.say(u, 'hola');
    const before = h.wa.sentMessages(u).length;
    await h.deliver(h.wa.listReply({ from: u, rowId: `raffle:${raffleId}`, title: 'Rifa Escolar' }));
    await h.waitForCount(u, before + 1);
    const [repeated] = await h.say(u, '3,3');
    expect(repeated).toBe(
      'Escribiste 3 más de una vez. Cada número se toma una sola vez: escribe tus números de nuevo sin repetir.',
    );
    const [outside] = await h.say(u, '7, 77, 99');
    expect(outside).toBe('No están en esta rifa: 77, 99. Sus números van del 1 al 50.');
    for (const text of [repeated, outside]) expect(text).not.toMatch(/duplicate|out_of_range|\(\w+:/);
  });

  it('tells a buyer whose proof is being checked so, offers no cancel, and says what a typed cancel does with the proof (issue 54, item 16)', async () => {
    const u = '595981200006';
    // Its own raffle: the random picks above may hold any number of the shared one.
    const own = (await createRaffle(h.app, { title: 'Rifa Revisión', maxNumber: 30 })).id;
    /** The reply buttons of every message sent to the buyer from `from` on. */
    const buttonsFrom = (from: number) =>
      h.wa
        .sentMessages(u)
        .slice(from)
        .flatMap(
          (m) =>
            (m.body as { interactive?: { action?: { buttons?: Array<{ reply: { id: string } }> } } })
              .interactive?.action?.buttons ?? [],
        )
        .map((b) => b.reply.id);
    const open = async () => {
      const before = h.wa.sentMessages(u).length;
      await h.deliver(h.wa.listReply({ from: u, rowId: `raffle:${own}`, title: 'Rifa Revisión' }));
      await h.waitForCount(u, before + 1);
    };
    await h.say(u, 'hola');
    await open();
    expect((await h.say(u, '20, 21'))[0]).toMatch(/^Pedido creado/);
    expect((await h.say(u, 'confirmar'))[0]).toMatch(/comprobante/);
    const sent = h.wa.sentMessages(u).length;
    await h.deliver(
      h.wa.imageMessage({ from: u, bytes: receiptPng('proof in review'), mimeType: 'image/png' }),
    );
    expect((await h.waitForCount(u, sent + 1))[sent]).toMatch(/revisión/);

    const reviewing = expect.stringMatching(
      /^Tenemos tu comprobante de pago de los boletos 20, 21 \(30,00\sUS\$\) de "Rifa Revisión" y lo estamos revisando\. Te escribiremos en cuanto se confirme el pago; por ahora no tienes que hacer nada más\.$/,
    );
    // "mis boletos": the order reads as its proof being checked, not as waiting for payment.
    const [mine] = await h.say(u, 'mis boletos', 2);
    expect(mine).toBe('Rifa Revisión: 20, 21 — comprobante en revisión');
    // "confirmar" again: it is being checked (not the payment instructions again), no cancel offered.
    const asked = h.wa.sentMessages(u).length;
    expect(await h.say(u, 'confirmar', 2)).toEqual([reviewing, expect.stringMatching(/Bienvenido/)]);
    // Another pick while it is checked: the same, never "waiting for payment … Confirm or cancel?".
    await open();
    expect(await h.say(u, '30', 2)).toEqual([reviewing, expect.stringMatching(/Bienvenido/)]);
    expect(buttonsFrom(asked)).not.toContain('cancel');
    expect(h.texts(u).slice(asked).join('\n')).not.toMatch(/esperando pago|cancelas/);

    // Typed anyway, "cancelar" cancels and says what becomes of the proof.
    const [cancelled] = await h.say(u, 'cancelar', 2);
    expect(cancelled).toBe(
      'Pedido cancelado; los boletos 20, 21 fueron liberados. El comprobante que enviaste queda con nuestro equipo: si tu pago nos llegó, te lo devolveremos.',
    );
  });

  // Last: its own raffle joins the list the tests above pick from by position.
  it('sells in the chat simulator as on WhatsApp: a picked pair, my tickets', async () => {
    const own = (await createRaffle(h.app, { title: 'Rifa Simulador', maxNumber: 30 })).id;
    const sim = async (input: unknown) => {
      const res = await h.ops.post('/api/conversations/simulator/messages', {
        flow: 'raffle',
        contactKey: 'tester-es',
        input,
      });
      expect(res.statusCode, res.body).toBe(200);
      const replies = (res.json() as { replies: Array<{ payload: { text?: string } }> }).replies;
      return replies.map((r) => r.payload.text ?? '');
    };
    expect((await sim({ kind: 'text', text: 'hola' })).join()).toMatch(/Bienvenido/);
    await sim({ kind: 'text', text: 'rifas' });
    await sim({ kind: 'choice', id: `raffle:${own}` });
    const [picked] = await sim({ kind: 'text', text: '5,12' });
    expect(picked).toMatch(/^Pedido creado/);
    const [mine] = await sim({ kind: 'text', text: 'mis boletos' });
    expect(mine).toContain('5, 12');
    expect(mine).not.toMatch(/algo sali/i);
    const { rows } = await h.app.database.pool.query(
      `select c.contact_id from conversation c where c.channel = 'simulator' and c.external_id = 'tester-es'`,
    );
    expect(rows[0].contact_id).toEqual(expect.any(String));
  });
});
