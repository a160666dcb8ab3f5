import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle, createRaffleOrder } from '../../../../test/factories/raffle.ts';
import { searchAudit } from '../../../core/audit/index.ts';
import { uuidsIn } from '../../../platform/ids/index.ts';
import { type RaffleHarness, startRaffleApp } from './raffle-harness.ts';

let h: RaffleHarness;

beforeAll(async () => {
  h = await startRaffleApp();
  await h.app.createStaff({ email: 'viewer@example.com', role: 'viewer' });
});
afterAll(async () => h.close());

describe("a drawn raffle's winners", () => {
  it('lists nothing before the draw, then each prize with its ticket and buyer in prize order', async () => {
    const { id } = await createRaffle(h.app, { title: 'Rifa Ganadores', prizes: ['Bicicleta', 'Canasta'] });
    await createRaffleOrder(h.app, {
      raffleId: id,
      name: 'Lucía Ortiz',
      pick: { numbers: [3] },
      payment: 'paid',
    });
    await createRaffleOrder(h.app, {
      raffleId: id,
      name: 'Mateo Rey',
      pick: { numbers: [9] },
      payment: 'paid',
    });
    expect((await h.ops.get(`/api/raffle/raffles/${id}/winners`)).json()).toEqual([]);

    expect((await h.ops.post(`/api/raffle/raffles/${id}/close`)).statusCode).toBe(200);
    expect((await h.owner.post(`/api/raffle/raffles/${id}/draw`)).statusCode).toBe(200);
    const res = await h.ops.get(`/api/raffle/raffles/${id}/winners`);
    expect(res.statusCode, res.body).toBe(200);
    const winners = res.json() as Array<{ position: number; prize: string; number: number; buyer: string }>;
    expect(winners.map((w) => w.prize)).toEqual(['Bicicleta', 'Canasta']);
    expect(winners.map((w) => w.number).sort()).toEqual([3, 9]);
    const byNumber = Object.fromEntries(winners.map((w) => [w.number, w.buyer]));
    expect(byNumber).toEqual({ 3: 'Lucía Ortiz', 9: 'Mateo Rey' });
    // The same winners the public page publishes.
    const page = (await h.app.anonymous().get(`/public/raffles/${id}/draw`)).json();
    expect(page.prizes.map((p: { winningNumber: number }) => p.winningNumber)).toEqual(
      winners.map((w) => w.number),
    );
    // The page names each winner by first name and ticket (issue 41, items 12 and 13); order
    // references appear only in the folded ledger, for whoever re-runs the draw.
    expect(page.prizes.map((p: { winner: string }) => p.winner).sort()).toEqual(['Lucía', 'Mateo']);
    const html = await h.app
      .anonymous()
      .request('GET', `/public/raffles/${id}/draw`, undefined, { accept: 'text/html' });
    expect(html.body).toContain('<html lang="es">');
    expect(html.body).toMatch(/Boleto 3<\/span>\s*<span class="muted">Lucía<\/span>/);
    expect(html.body).toContain('Repetido aquí: los ganadores coinciden.');
    const outsideLedger = html.body.replace(/<details>[\s\S]*?<\/details>/g, '');
    expect(uuidsIn(outsideLedger)).toEqual([]);
    expect(html.body).toContain(
      `3:${page.prizes.find((p: { winningNumber: number }) => p.winningNumber === 3).winningOrderId}`,
    );
  });

  it('answers 404 for a raffle that does not exist', async () => {
    const res = await h.ops.get('/api/raffle/raffles/00000000-0000-4000-8000-000000000000/winners');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('raffle.raffle_not_found');
  });
});

describe('the public draw page in the buyer language', () => {
  it("speaks ?lang= or the browser's language among the five the server speaks, else the raffle's", async () => {
    const { id } = await createRaffle(h.app, { title: 'Rifa Idioma' });
    const html = (query: string, headers: Record<string, string> = {}) =>
      h.app.anonymous().request('GET', `/public/raffles/${id}/draw${query}`, undefined, {
        accept: 'text/html',
        ...headers,
      });
    const es = await html('?lang=es');
    expect(es.headers['content-language']).toBe('es');
    expect(es.body).toContain('<html lang="es">');
    expect(es.body).toContain('Ganadores');
    expect(es.body).toContain('Aún no se sorteó.');
    expect(es.body).toContain('en venta');
    expect(es.body).not.toContain('Winners');

    const browser = await html('', { 'accept-language': 'fr-FR;q=0.9, es-PY, en;q=0.5' });
    expect(browser.body).toContain('Ganadores');
    // The raffle's language, whatever the browser's (issue 54 item 18): French is a link away.
    const french = await html('', { 'accept-language': 'fr, de;q=0.8' });
    expect(french.body).toContain('<html lang="es">');
    expect(french.body).toContain('Aún no se sorteó.');
    expect(french.body).toContain('<a href="?lang=fr" lang="fr" hreflang="fr">Français</a>');
    const other = await html('', { 'accept-language': 'de, it;q=0.8' });
    expect(other.headers['content-language']).toBe('es');
    expect(other.body).toContain('Aún no se sorteó.');
    expect((await html('?lang=hi')).body).toContain('अभी ड्रॉ नहीं हुआ।');
    expect((await html('?lang=rw')).body).toContain('Tombola ntirakorwa.');
    const english = await html('?lang=en');
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Not drawn yet.');
    // Each language is a link away, named in its own words.
    expect(english.body).toContain('<a href="?lang=fr" lang="fr" hreflang="fr">Français</a>');
    // ?lang= wins over the raffle's; an unknown one falls back to the raffle's.
    expect((await html('?lang=en', { 'accept-language': 'es' })).body).toContain('Winners');
    expect((await html('?lang=xx', { 'accept-language': 'en' })).body).toContain('Ganadores');
  });

  it('serves its own Devanagari font, so "हिन्दी" reads on a phone without one (issue 41 item 13)', async () => {
    const { id } = await createRaffle(h.app, { title: 'Rifa Fuente' });
    const page = await h.app
      .anonymous()
      .request('GET', `/public/raffles/${id}/draw?lang=hi`, undefined, { accept: 'text/html' });
    const fonts = [...page.body.matchAll(/url\(([^)]+\.woff2)\)/g)].map((m) => m[1]!);
    expect(fonts).toEqual([
      '/public/raffles/fonts/noto-sans-devanagari-400.woff2',
      '/public/raffles/fonts/noto-sans-devanagari-700.woff2',
    ]);
    expect(page.body).toContain('font-family:"Noto Sans Devanagari",system-ui');
    for (const url of fonts) {
      const font = await h.app.anonymous().get(url);
      expect(font.statusCode).toBe(200);
      expect(font.headers['content-type']).toBe('font/woff2');
      expect(font.rawPayload.subarray(0, 4).toString('latin1')).toBe('wOF2');
    }
    // Only the files it names: anything else is refused, naming the field.
    const other = await h.app.anonymous().get('/public/raffles/fonts/..%2F..%2Fpackage.json');
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0].field).toMatch(/file/);
  });
});

describe('the account buyers pay into', () => {
  it('is set by a manager, refused when too long, read by viewers, and named in the bot in the buyer language', async () => {
    expect((await h.ops.get('/api/raffle/settings')).json()).toEqual({
      paymentAccount: null,
      smsFallback: true,
    });
    const viewer = await h.app.signIn('viewer@example.com');
    expect((await viewer.patch('/api/raffle/settings', { paymentAccount: 'x' })).statusCode).toBe(403);

    const tooLong = await h.ops.patch('/api/raffle/settings', { paymentAccount: 'x'.repeat(301) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(tooLong.json().errors[0].field).toMatch(/paymentAccount/);
    expect((await h.ops.get('/api/raffle/settings')).json()).toEqual({
      paymentAccount: null,
      smsFallback: true,
    });

    const account = 'Banco Itaú, cuenta 123-456, Rifas SA';
    const saved = await h.ops.patch('/api/raffle/settings', { paymentAccount: `  ${account} ` });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ paymentAccount: account, smsFallback: true });
    expect((await viewer.get('/api/raffle/settings')).json()).toEqual({
      paymentAccount: account,
      smsFallback: true,
    });
    const audit = await searchAudit(h.ctx, { action: 'platform.organization.updated', limit: 1 });
    expect(JSON.stringify(audit.items.at(0)?.after)).toContain('123-456');

    await createRaffle(h.app, { title: 'Rifa Cuenta', maxNumber: 20 });
    const es = '595981900001';
    await h.say(es, 'hola');
    await h.say(es, 'rifas');
    // The newest raffle is the first of the list.
    const [details] = await h.say(es, '1');
    expect(details).toContain('Rifa Cuenta');
    await h.say(es, '7');
    const [pay] = await h.say(es, 'confirmar');
    expect(pay).toContain('transfiere el monto a:');
    expect(pay).toContain(account);

    const en = '595981900002';
    await h.say(en, 'hi');
    await h.say(en, 'language');
    await h.deliver(h.wa.buttonReply({ from: en, buttonId: 'lang:en', title: 'English' }));
    await h.waitForCount(en, 3);
    await h.say(en, 'raffles');
    await h.say(en, '1');
    await h.say(en, '8');
    const [payEn] = await h.say(en, 'confirm');
    expect(payEn).toContain('transfer the amount to:');
    expect(payEn).toContain(account);

    // Changed: the next instructions name the new account, in the chat that was shown the old one.
    const moved = 'Banco Nacional, cuenta 789-000, Rifas SA';
    expect((await h.ops.patch('/api/raffle/settings', { paymentAccount: moved })).statusCode).toBe(200);
    const [again] = await h.say(es, 'confirmar');
    expect(again).toContain(moved);
    expect(again).not.toContain('123-456');

    // Cleared: back to the plain instructions.
    expect((await h.ops.patch('/api/raffle/settings', { paymentAccount: '' })).json()).toEqual({
      paymentAccount: null,
      smsFallback: true,
    });
  });

  it('with no account set, tells the buyer the seller will write where and how to pay, never "transfer" to nowhere', async () => {
    expect((await h.ops.get('/api/raffle/settings')).json().paymentAccount).toBeNull();
    await createRaffle(h.app, { title: 'Rifa Sin Cuenta', maxNumber: 20 });
    const es = '595981900003';
    await h.say(es, 'hola');
    await h.say(es, 'rifas');
    const [details] = await h.say(es, '1');
    expect(details).toContain('Rifa Sin Cuenta');
    await h.say(es, '9');
    const [pay] = await h.say(es, 'confirmar');
    expect(pay).toContain('el vendedor te escribirá por este chat dónde y cómo pagar');
    expect(pay).not.toMatch(/transfiere el monto/);
    expect(pay).toContain('foto o PDF del comprobante');
  });
});
