import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo-seed.ts';
import { eventually } from '../support/eventually.ts';
import { pdfUnicodeTextRuns } from '../support/pdf-text.ts';
import { type BuiltServer, startBuiltServer } from '../support/processes.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';
import { showServerLogOnFailure } from './server-log.ts';
import { type StaffSession, signIn } from './staff-session.ts';

/*
 * Issue 62 on what `npm start` runs (`node dist/src/app/cli.js start --demo`): in each of the five
 * demo businesses an operator gives money back through the HTTP API, and every place that tells of
 * that money says the same: the module's record, its reports, what the person reads (the played
 * e-mail, WhatsApp and Telegram of the sandbox), the portal and statements, core's Refunds list
 * naming the person. A retry with the same Idempotency-Key refunds once; a refund waiting for a
 * second person changes nothing, and a rejected one leaves everything as it was.
 */

const OWNER = 'owner@demo.opsdesk.dev';
const OPS = 'ops@demo.opsdesk.dev';
const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-refund-walk-'));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Inside the checkout, so the bundle finds node_modules as dist/ does. */
const ownBuild = join(ROOT, 'node_modules', '.cache', `refund-walk-${process.pid}`);
let server: BuiltServer;

/**
 * dist/ as test/setup/build-dist.ts built it, copied under that build's lock: another test run in this
 * checkout rebuilds dist/ when a source changed, and a server started from (or lazily importing) a
 * dist/ being rewritten fails (once here: `relation "organization" does not exist` at start). The copy
 * is the same bytes `npm start` runs.
 */
async function copyOfDist(): Promise<string> {
  const lock = join(ROOT, 'node_modules', '.cache', 'opsdesk-dist-build.lock');
  await eventually(
    () => {
      try {
        mkdirSync(lock);
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        // A lock older than any build was left by a killed build (build-dist.ts takes it over too).
        const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
        if (age > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
        return false;
      }
    },
    { what: 'the dist/ build lock', timeoutMs: 10 * 60_000, everyMs: 200 },
  );
  try {
    cpSync(join(ROOT, 'dist'), join(ownBuild, 'dist'), { recursive: true });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return join(ownBuild, 'dist', 'src', 'app', 'cli.js');
}

beforeAll(async () => {
  server = await startBuiltServer(['start', '--demo'], await freshDatabaseEnv(dataDir), {
    timeoutMs: 150_000,
    cli: await copyOfDist(),
  });
}, 180_000);
showServerLogOnFailure(() => server?.output());
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(ownBuild, { recursive: true, force: true });
});

/**
 * How often a wait looks again: the whole walk comes from one address and keeps under the server's
 * default rate limit (600 requests a minute per address; polling every 50 ms hit it: 429s).
 */
const LOOK_AGAIN_MS = 300;
const as = (org: string, email = OWNER) => signIn(server.url, email, DEMO_PASSWORD, org);
const money = (amountMinor: number, currency: string) => ({ amountMinor, currency });
/** `POST` with an Idempotency-Key, as the console's held actions send it. */
const postOnce = (staff: StaffSession, path: string, body: unknown, key: string) =>
  staff.call('POST', path, body, { 'idempotency-key': key });
/** `YYYY-MM-DD` of an instant in a time zone (the organization's business day). */
const dayIn = (at: string | Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(at),
  );
/** Text with its spaces plain (money is formatted with no-break and narrow spaces). */
const plain = (text: string) => text.replace(/\s+/g, ' ');
const pdfWords = (pdf: Buffer) => plain(pdfUnicodeTextRuns(pdf).join(' '));

/** The core Refunds list's row of one refund: what the list says of it, whom it names. */
async function refundsListRow(staff: StaffSession, refundId: string) {
  const list = await staff.get('/api/refunds?perPage=100');
  expect(list.status, list.text).toBe(200);
  const row = (list.json().items as Array<{ id: string }>).find((r) => r.id === refundId) as
    | { title: { text: string }; payer: string | null; status: string; amount: number }
    | undefined;
  return row && { ...row, title: { text: plain(row.title.text) } };
}

/** The e-mails the sandbox caught for one address, newest first, with their text. */
async function mailsTo(staff: StaffSession, to: string) {
  const list = (await staff.get('/api/sandbox/mail')).json().items as Array<{
    id: string;
    to: string[];
    subject: string;
  }>;
  const mine = list.filter((m) => m.to.includes(to));
  return Promise.all(
    mine.map(async (m) => ({
      ...m,
      text: plain((await staff.get(`/api/sandbox/mail/${m.id}`)).json().text),
    })),
  );
}

/** A person on the played WhatsApp (raffle) or Telegram (mess): what they type and what they read. */
function chatOf(staff: StaffSession, flow: string, contactKey: string) {
  const path = `/api/sandbox/chats/${flow}/${contactKey}`;
  const read = async () => {
    const chat = await staff.get(path);
    expect(chat.status, chat.text).toBe(200);
    return chat.json() as {
      address: string | null;
      messages: Array<{ direction: 'in' | 'out'; payload: { text?: string; caption?: string } }>;
    };
  };
  const texts = async () =>
    (await read()).messages
      .filter((m) => m.direction === 'out')
      .map((m) => m.payload.text ?? m.payload.caption ?? '');
  return {
    read,
    texts,
    /** Writes, then waits for the app's next answer and resolves with it. */
    async say(body: { kind: 'text'; text: string } | { kind: 'choice'; id: string }) {
      const before = (await texts()).length;
      const sent = await staff.post(path, body);
      expect(sent.status, sent.text).toBe(202);
      return eventually(async () => (await texts()).slice(before).at(-1), {
        everyMs: LOOK_AGAIN_MS,
        what: `the answer to ${JSON.stringify(body)} on ${flow}`,
      });
    },
  };
}

describe('a refund tells the same truth everywhere, in each demo business', () => {
  it('power: a part refund of a cash token, retried, shows once in the purchase, the sales report, the portal, both statements, the e-mail and the Refunds list; core’s route does the same', async () => {
    const owner = await as('power');
    const session = (await owner.get('/api/auth/session')).json();
    const timeZone = session.organization?.timeZone ?? 'Africa/Kigali';
    const meters = (await owner.get('/api/prepaid/console/meters?perPage=100')).json().items as Array<{
      id: string;
      number: string;
      accountId: string;
      phone: string | null;
    }>;
    const meter = meters.find((m) => m.number === 'KGL-0001')!;
    expect(meter, 'the demo household meter KGL-0001').toBeTruthy();
    const accounts = (await owner.get('/api/prepaid/console/accounts?perPage=100')).json().items;
    const account = accounts.find((a: { id: string }) => a.id === meter.accountId);
    expect(account).toMatchObject({ name: 'Uwase household', channel: 'email' });
    const email = account.channelTo as string;

    // A token bought with cash at the counter.
    const sale = await owner.post('/api/prepaid/purchases', {
      meterId: meter.id,
      method: 'cash',
      amount: money(2000, 'RWF'),
    });
    expect(sale.status, sale.text).toBe(201);
    const purchase = sale.json() as {
      id: string;
      paymentId: string;
      amount: { amountMinor: number };
      token: string;
      createdAt: string;
    };
    expect(purchase.token).toBeTruthy();
    const paid = purchase.amount.amountMinor;
    const today = dayIn(purchase.createdAt, timeZone);
    const report = async () => {
      const res = await owner.get(`/api/prepaid/reports/sales?from=${today}&to=${today}`);
      expect(res.status, res.text).toBe(200);
      const cash = (res.json().sales as Array<Record<string, number | string>>).filter(
        (r) => r.method === 'cash',
      );
      const sum = (field: string) => cash.reduce((s, r) => s + Number(r[field]), 0);
      return {
        paid: sum('paidAmountMinor'),
        refunded: sum('refundedAmountMinor'),
        net: sum('netAmountMinor'),
      };
    };
    const before = await report();

    // Part of it back through the purchase's own route, sent twice with one key: one refund.
    const body = {
      reason: 'meter swapped',
      tokenKeepsWorking: true,
      amount: money(700, 'RWF'),
      method: 'cash',
    };
    const path = `/api/prepaid/purchases/${purchase.id}/refund`;
    const first = await postOnce(owner, path, body, 'walk-power-refund');
    const retry = await postOnce(owner, path, body, 'walk-power-refund');
    expect(first.status, first.text).toBe(200);
    expect(retry.status, retry.text).toBe(200);
    expect(first.json().refund).toMatchObject({ status: 'succeeded', amount: money(700, 'RWF') });
    expect(retry.json().refund.id).toBe(first.json().refund.id);
    const refundId = first.json().refund.id as string;
    const ofPayment = (await owner.get(`/api/payments/${purchase.paymentId}/refunds`)).json();
    expect(ofPayment.items).toHaveLength(1);
    expect(ofPayment).toMatchObject({ refunded: money(700, 'RWF'), left: money(paid - 700, 'RWF') });

    // The purchase record, its refund facts, the console's purchases list.
    expect((await owner.get(`/api/prepaid/purchases/${purchase.id}`)).json()).toMatchObject({
      status: 'paid',
      refunded: money(700, 'RWF'),
    });
    expect((await owner.get(path)).json()).toMatchObject({
      refunded: money(700, 'RWF'),
      left: money(paid - 700, 'RWF'),
      tokenIssued: true,
    });
    const listed = (await owner.get('/api/prepaid/console/purchases?perPage=100')).json().items;
    expect(listed.find((p: { id: string }) => p.id === purchase.id)).toMatchObject({
      amountMinor: paid,
      refundedMinor: 700,
    });

    // The day's sales report: paid as before, 700 back, net less 700.
    const after = await report();
    expect(after.paid - before.paid).toBe(0);
    expect(after.refunded - before.refunded).toBe(700);
    expect(after.net - before.net).toBe(-700);

    // What the household read: one e-mail, in Kinyarwanda, the amount and the reason, the token still works.
    const refundMail = await eventually(
      async () => {
        const mails = (await mailsTo(owner, email)).filter((m) => m.text.includes('meter swapped'));
        return mails.length > 0 ? mails : undefined;
      },
      { everyMs: LOOK_AGAIN_MS, what: 'the refund e-mail', timeoutMs: 20_000 },
    );
    expect(refundMail).toHaveLength(1);
    expect(refundMail[0]!.text).toContain('RF 700');
    expect(refundMail[0]!.text).toContain('KGL-0001');
    const notices = (await owner.get(`/api/notifications?to=${encodeURIComponent(email)}&perPage=100`)).json()
      .items as Array<{ template: string; idempotencyKey: string; status: string }>;
    expect(notices.filter((n) => n.template === 'prepaid.refund')).toMatchObject([
      { idempotencyKey: `prepaid.refund:${refundId}`, status: 'sent' },
    ]);

    // Core's Refunds list names the household and the purchase.
    const row = await refundsListRow(owner, refundId);
    expect(row).toMatchObject({ payer: 'Uwase household', status: 'succeeded', amount: 700 });
    expect(row!.title.text).toBe(
      'Refund of RWF 700 to Uwase household for Prepaid purchase: KGL-0001, Uwase household',
    );

    // The staff statement of the month: the purchase's line and the summary net the 700.
    const month = today.slice(0, 7);
    const statement = await owner.get(`/api/prepaid/accounts/${meter.accountId}/statement?month=${month}`);
    expect(statement.status).toBe(200);
    const staffWords = pdfWords(statement.bytes);
    expect(staffWords).toContain('Amafaranga yasubijwe RF 700');
    const [, gross, net] = staffWords.match(/RF ([\d.]+) RF 700 RF ([\d.]+)/) ?? [];
    const minor = (s?: string) => Number((s ?? 'NaN').replaceAll('.', ''));
    expect(minor(gross) - minor(net), staffWords).toBe(700);

    // The portal, signed in with the code the household got by e-mail: its purchase list and statement.
    const portal = `${server.url}/api/prepaid/portal/power`;
    const who = { phone: meter.phone, meterNumber: meter.number };
    const asked = await fetch(`${portal}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(who),
    });
    expect(asked.status).toBe(202);
    const code = await eventually(
      async () => (await mailsTo(owner, email)).map((m) => m.text.match(/: (\d{6})\./)?.[1]).find(Boolean),
      { everyMs: LOOK_AGAIN_MS, what: 'the portal code e-mail' },
    );
    const verified = await fetch(`${portal}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...who, code }),
    });
    expect(verified.status).toBe(200);
    const portalSession = ((await verified.json()) as { session: string }).session;
    const inPortal = (p: string) =>
      fetch(`${portal}${p}`, { headers: { 'x-portal-session': portalSession } });
    const mine = (await (await inPortal('/purchases')).json()) as { items: Array<{ id: string }> };
    expect(mine.items.find((p) => p.id === purchase.id)).toMatchObject({
      status: 'paid',
      amount: money(paid, 'RWF'),
      refunded: money(700, 'RWF'),
    });
    const portalStatement = await inPortal(`/statement?month=${month}`);
    expect(portalStatement.status).toBe(200);
    expect(pdfWords(Buffer.from(await portalStatement.arrayBuffer()))).toBe(staffWords);

    // Core's route on the same payment goes through the purchase's contract: the record follows.
    const core = await owner.post(`/api/payments/${purchase.paymentId}/refunds`, {
      amount: money(300, 'RWF'),
      method: 'cash',
      reason: 'second meter fault',
      options: { tokenKeepsWorking: true },
    });
    expect(core.status, core.text).toBe(201);
    expect(core.json()).toMatchObject({ status: 'succeeded', options: { tokenKeepsWorking: true } });
    expect((await owner.get(`/api/prepaid/purchases/${purchase.id}`)).json().refunded).toEqual(
      money(1000, 'RWF'),
    );
    expect((await report()).refunded - before.refunded).toBe(1000);
    const again = (await (await inPortal('/purchases')).json()) as { items: Array<{ id: string }> };
    expect(again.items.find((p) => p.id === purchase.id)).toMatchObject({ refunded: money(1000, 'RWF') });

    // Ops asks for 200 more: it waits for a second person and nothing moves, nor after the rejection.
    const ops = await as('power', OPS);
    const waiting = await ops.post(path, {
      reason: 'asked by ops',
      tokenKeepsWorking: true,
      amount: money(200, 'RWF'),
    });
    expect(waiting.status, waiting.text).toBe(200);
    expect(waiting.json().refund.status).toBe('awaiting_approval');
    const asBefore = async () => {
      expect((await owner.get(`/api/prepaid/purchases/${purchase.id}`)).json().refunded).toEqual(
        money(1000, 'RWF'),
      );
      expect((await report()).refunded - before.refunded).toBe(1000);
      const listedNow = (await (await inPortal('/purchases')).json()) as { items: Array<{ id: string }> };
      expect(listedNow.items.find((p) => p.id === purchase.id)).toMatchObject({
        refunded: money(1000, 'RWF'),
      });
      expect((await mailsTo(owner, email)).filter((m) => m.text.includes('asked by ops'))).toEqual([]);
    };
    await asBefore();
    const rejected = await owner.post(`/api/refunds/${waiting.json().refund.id}/reject`, {
      reason: 'not owed',
    });
    expect(rejected.json().status).toBe('rejected');
    await asBefore();
  });
  it('raffle: cancel-with-refund (retried), core’s route and a turned-down ops refund; the order, its numbers, the sales, the day, the buyer’s chat and the draw agree', async () => {
    const owner = await as('raffle');
    const ops = await as('raffle', OPS);
    const currency = (await owner.get('/api/auth/session')).json().organization.currency as string;
    const created = await owner.post('/api/raffle/raffles', {
      title: 'Rifa del paseo',
      priceMinor: 2000,
      currency,
      minNumber: 1,
      maxNumber: 50,
      prizes: ['Bicicleta'],
    });
    expect(created.status, created.text).toBe(201);
    const raffleId = created.json().id as string;
    expect((await owner.post(`/api/raffle/raffles/${raffleId}/start-selling`)).status).toBe(200);

    /** A person who wrote to the raffle's WhatsApp, and their order paid at the desk. */
    const buyer = async (raffle: string, contactKey: string, numbers: number[]) => {
      const chat = chatOf(owner, 'raffle', contactKey);
      await chat.say({ kind: 'text', text: 'hola' });
      const waId = (await chat.read()).address!.replace(/^\+/, '');
      const paidMessages = async () =>
        (await chat.texts()).filter((t) => t.startsWith('Pago confirmado')).length;
      const paidBefore = await paidMessages();
      const reserved = await owner.post(`/api/raffle/raffles/${raffle}/reservations`, { waId, numbers });
      expect(reserved.status, reserved.text).toBe(201);
      const confirmed = await owner.post(`/api/raffle/orders/${reserved.json().id}/confirm`);
      expect(confirmed.status, confirmed.text).toBe(200);
      expect(confirmed.json().status).toBe('paid');
      await eventually(async () => (await paidMessages()) > paidBefore, {
        everyMs: LOOK_AGAIN_MS,
        what: `${contactKey}'s paid message`,
      });
      return {
        chat,
        orderId: confirmed.json().id as string,
        paymentId: confirmed.json().paymentId as string,
      };
    };
    const a = await buyer(raffleId, 'walk-raffle-a', [45, 48]);
    const b = await buyer(raffleId, 'walk-raffle-b', [10]);
    const c = await buyer(raffleId, 'walk-raffle-c', [11]);
    const sales = async () => (await owner.get(`/api/raffle/raffles/${raffleId}/sales`)).json();
    const numbers = async (status: 'available' | 'sold') =>
      (
        (await owner.get(`/api/raffle/raffles/${raffleId}/tickets?status=${status}&perPage=100`)).json()
          .items as Array<{
          number: number;
        }>
      ).map((t) => t.number);
    const today = async () =>
      (
        (await owner.get('/api/raffle/today')).json().moneyToday as Array<{
          currency: string;
          amountMinor: number;
        }>
      )
        .filter((m) => m.currency === currency)
        .reduce((sum, m) => sum + m.amountMinor, 0);
    const orderOf = async (id: string) => (await owner.get(`/api/raffle/orders/${id}`)).json();
    const refundTexts = async (chat: ReturnType<typeof chatOf>) =>
      (await chat.texts()).filter((t) => t.startsWith('Te devolvimos'));
    expect(await sales()).toMatchObject({ amountMinor: 8000, tickets: { sold: 4 }, buyers: 3 });
    const todayBefore = await today();

    // A: the raffle's own cancel-with-refund, numbers back on sale, sent twice under one key.
    const body = { reason: 'evento cambiado', tickets: 'release' };
    const first = await postOnce(owner, `/api/raffle/orders/${a.orderId}/refund`, body, 'walk-raffle-a');
    const retry = await postOnce(owner, `/api/raffle/orders/${a.orderId}/refund`, body, 'walk-raffle-a');
    expect(first.status, first.text).toBe(200);
    expect(retry.status, retry.text).toBe(200);
    expect(retry.json().refund.id).toBe(first.json().refund.id);
    expect(first.json()).toMatchObject({ refund: { status: 'succeeded', amount: money(4000, currency) } });
    expect((await owner.get(`/api/payments/${a.paymentId}/refunds`)).json().items).toHaveLength(1);
    expect(await orderOf(a.orderId)).toMatchObject({ status: 'cancelled', refundedMinor: 4000 });
    expect(await numbers('available')).toEqual(expect.arrayContaining([45, 48]));
    expect(await sales()).toMatchObject({ amountMinor: 4000, tickets: { sold: 2 }, buyers: 2 });
    expect(await today()).toBe(todayBefore - 4000);
    const toldA = await eventually(
      async () => ((await refundTexts(a.chat)).length > 0 ? refundTexts(a.chat) : undefined),
      {
        everyMs: LOOK_AGAIN_MS,
        what: 'the refund message to buyer A',
      },
    );
    expect(toldA).toHaveLength(1);
    expect(toldA[0]).toMatch(
      /^Te devolvimos .*4.?000.* por los boletos 45, 48 de "Rifa del paseo"\. Motivo: evento cambiado\.$/,
    );
    // "Mis boletos" answers the order refunded.
    const before = (await a.chat.texts()).length;
    expect(
      (await owner.post('/api/sandbox/chats/raffle/walk-raffle-a', { kind: 'text', text: 'mis boletos' }))
        .status,
    ).toBe(202);
    const mine = await eventually(
      async () => (await a.chat.texts()).slice(before).find((t) => t.includes(' — ')),
      {
        everyMs: LOOK_AGAIN_MS,
        what: 'the answer to "mis boletos"',
      },
    );
    expect(mine).toBe('Rifa del paseo: 45, 48 — reembolsado');
    const rowA = await refundsListRow(owner, first.json().refund.id);
    expect(rowA?.payer, 'the Refunds list names the buyer').toBeTruthy();
    expect(rowA!.title.text).toMatch(new RegExp(`^Refund of .+ to ${rowA!.payer} for Raffle order`));

    // B: core's refund route on the order's payment goes through the raffle's contract.
    const core = await postOnce(
      owner,
      `/api/payments/${b.paymentId}/refunds`,
      { amount: money(2000, currency), method: 'cash', reason: 'pagó dos veces' },
      'walk-raffle-b',
    );
    expect(core.status, core.text).toBe(201);
    expect(core.json().status).toBe('succeeded');
    expect(await orderOf(b.orderId)).toMatchObject({ status: 'cancelled', refundedMinor: 2000 });
    expect(await numbers('available')).toContain(10);
    expect(await sales()).toMatchObject({ amountMinor: 2000, tickets: { sold: 1 }, buyers: 1 });
    expect(await today()).toBe(todayBefore - 6000);
    await eventually(async () => (await refundTexts(b.chat)).length === 1, {
      everyMs: LOOK_AGAIN_MS,
      what: 'the refund message to buyer B',
    });
    const twice = await owner.post(`/api/raffle/orders/${b.orderId}/refund`, body);
    expect([twice.status, twice.json().code]).toEqual([409, 'raffle.order_not_paid']);

    // C: ops asks (above ops' limit): nothing moves while it waits, nor after the owner turns it down.
    const asked = await ops.post(`/api/raffle/orders/${c.orderId}/refund`, {
      reason: 'lo pidió',
      tickets: 'release',
    });
    expect(asked.status, asked.text).toBe(200);
    expect(asked.json().refund.status).toBe('awaiting_approval');
    const untouched = async () => {
      expect(await orderOf(c.orderId)).toMatchObject({ status: 'paid', refundedMinor: 0 });
      expect(await numbers('sold')).toEqual([11]);
      expect(await sales()).toMatchObject({ amountMinor: 2000, tickets: { sold: 1 }, buyers: 1 });
      expect(await today()).toBe(todayBefore - 6000);
      expect(await refundTexts(c.chat)).toEqual([]);
    };
    await untouched();
    const rejected = await owner.post(`/api/refunds/${asked.json().refund.id}/reject`, {
      reason: 'no corresponde',
    });
    expect(rejected.json().status).toBe('rejected');
    await untouched();

    // The draw picks from paid orders' sold numbers only: neither refunded buyer can win.
    expect((await owner.post(`/api/raffle/raffles/${raffleId}/close`)).status).toBe(200);
    expect((await owner.post(`/api/raffle/raffles/${raffleId}/draw`)).status).toBe(200);
    const draw = (await (
      await fetch(`${server.url}/public/raffles/${raffleId}/draw?format=json`)
    ).json()) as {
      ledger: unknown[];
      prizes: unknown[];
    };
    expect(draw.ledger).toEqual([{ number: 11, orderId: c.orderId }]);
    expect(draw.prizes[0]).toMatchObject({ winningNumber: 11, winningOrderId: c.orderId });

    // Ops calls a second raffle off: sales stop, the run says its refunds wait and the orders stay paid;
    // the owner approves one and turns the other down: the run, the orders, the sales and the buyers follow.
    const second = await owner.post('/api/raffle/raffles', {
      title: 'Rifa suspendida',
      priceMinor: 1000,
      currency,
      minNumber: 1,
      maxNumber: 20,
      prizes: ['Radio'],
    });
    const secondId = second.json().id as string;
    expect((await owner.post(`/api/raffle/raffles/${secondId}/start-selling`)).status).toBe(200);
    const d = await buyer(secondId, 'walk-raffle-a', [5]);
    const e = await buyer(secondId, 'walk-raffle-b', [6]);
    const secondSales = async () => (await owner.get(`/api/raffle/raffles/${secondId}/sales`)).json();
    const toldBefore = { d: (await refundTexts(d.chat)).length, e: (await refundTexts(e.chat)).length };
    const calledOff = await ops.post(`/api/raffle/raffles/${secondId}/call-off`, { reason: 'lluvia' });
    expect(calledOff.status, calledOff.text).toBe(200);
    const run = () =>
      eventually(
        async () => {
          const r = (await owner.get(`/api/raffle/raffles/${secondId}/call-off`)).json();
          return r.status === 'done' ? r : undefined;
        },
        { everyMs: LOOK_AGAIN_MS, what: 'the call-off run to finish' },
      );
    expect(await run()).toMatchObject({ total: 2, refunded: 0, awaiting: 2, rejected: 0, failed: 0 });
    expect((await owner.get(`/api/raffle/raffles/${secondId}`)).json().status).not.toBe('selling');
    for (const o of [d, e])
      expect(await orderOf(o.orderId)).toMatchObject({ status: 'paid', refundedMinor: 0 });
    expect(await secondSales()).toMatchObject({ amountMinor: 2000, tickets: { sold: 2 }, buyers: 2 });
    const waitingOf = async (paymentId: string) =>
      (await owner.get(`/api/payments/${paymentId}/refunds`)).json().items as Array<{
        id: string;
        status: string;
      }>;
    const [dRefund] = await waitingOf(d.paymentId);
    const [eRefund] = await waitingOf(e.paymentId);
    expect([dRefund?.status, eRefund?.status]).toEqual(['awaiting_approval', 'awaiting_approval']);
    expect((await owner.post(`/api/refunds/${dRefund!.id}/approve`)).json().status).toBe('succeeded');
    expect(
      (await owner.post(`/api/refunds/${eRefund!.id}/reject`, { reason: 'ya sorteamos otra' })).json().status,
    ).toBe('rejected');
    expect(await run()).toMatchObject({ total: 2, refunded: 1, awaiting: 0, rejected: 1, failed: 0 });
    expect(await orderOf(d.orderId)).toMatchObject({ status: 'cancelled', refundedMinor: 1000 });
    expect(await orderOf(e.orderId)).toMatchObject({ status: 'paid', refundedMinor: 0 });
    expect(await secondSales()).toMatchObject({
      amountMinor: 1000,
      tickets: { sold: 1, held: 1 },
      buyers: 1,
    });
    await eventually(async () => (await refundTexts(d.chat)).length === toldBefore.d + 1, {
      everyMs: LOOK_AGAIN_MS,
      what: 'the call-off refund message to the approved buyer',
    });
    expect(await refundTexts(e.chat)).toHaveLength(toldBefore.e);
  });

  it('mess: a student who paid beyond the dues is paid back once (retried); dues, defaulters, reports, the student’s page and Telegram agree; an ops pay-back waits, is turned down and changes nothing', async () => {
    const owner = await as('mess');
    const ops = await as('mess', OPS);
    // A student registers on the mess's Telegram bot and the desk approves them.
    const chat = chatOf(owner, 'mess', 'walk-student');
    await chat.say({ kind: 'text', text: '/start' });
    await chat.say({ kind: 'text', text: 'Walk Student' });
    await chat.say({ kind: 'text', text: 'WK26001' });
    await chat.say({ kind: 'text', text: 'C-101' });
    await chat.say({ kind: 'text', text: '+919876500001' });
    await chat.say({ kind: 'choice', id: 'confirm' });
    const students = (await owner.get('/api/mess/students?perPage=100')).json().items as Array<{
      id: string;
      rollNumber: string;
    }>;
    const studentId = students.find((s) => s.rollNumber === 'WK26001')!.id;
    const approved = await owner.post('/api/mess/students/actions/approve', { ids: [studentId] });
    expect(approved.json()).toMatchObject({ done: [studentId] });
    await eventually(async () => (await chat.texts()).some((t) => /registration is approved/.test(t)), {
      everyMs: LOOK_AGAIN_MS,
      what: 'the approval on Telegram',
    });

    const defaulters = async () => (await owner.get('/api/mess/reports/defaulters')).json();
    const cycle = (await defaulters()).cycle as { id: string; name: string };
    const defaulter = async () =>
      ((await defaulters()).items as Array<{ id: string }>).find((d) => d.id === studentId);
    const dues = async () =>
      (
        (await owner.get(`/api/mess/students/${studentId}/dues`)).json().cycles as Array<{ cycleId: string }>
      ).find((c) => c.cycleId === cycle.id);
    const paidInReports = async () =>
      (
        (await owner.get('/api/mess/reports/summary')).json().payments as Array<{
          cycleId: string;
          paidMinor: number;
        }>
      )
        .filter((p) => p.cycleId === cycle.id)
        .reduce((sum, p) => sum + p.paidMinor, 0);
    const credit = async () => (await owner.get(`/api/mess/students/${studentId}/credit`)).json();
    const refundTexts = async () => (await chat.texts()).filter((t) => /was paid back to you/.test(t));
    expect(await defaulter()).toMatchObject({ dueMinor: 300_000, paidMinor: 0, balanceMinor: 300_000 });
    const reportsBefore = await paidInReports();

    // ₹3,500 in cash against ₹3,000 of dues: ₹500 beyond them.
    const cash = await owner.post(`/api/mess/students/${studentId}/cash-payments`, {
      cycleId: cycle.id,
      amountMinor: 350_000,
    });
    expect(cash.status, cash.text).toBe(201);
    expect(await credit()).toMatchObject({ creditMinor: 50_000, onTheWayMinor: 0 });
    expect(await defaulter()).toBeUndefined();

    // ₹200 paid back, the request sent twice under one key.
    const path = `/api/mess/students/${studentId}/pay-back`;
    const body = { amountMinor: 20_000, reason: 'left the mess early' };
    const first = await postOnce(owner, path, body, 'walk-mess-pay-back');
    const retry = await postOnce(owner, path, body, 'walk-mess-pay-back');
    expect(first.status, first.text).toBe(201);
    expect(retry.status, retry.text).toBe(201);
    expect(first.json()).toMatchObject({
      refunds: [{ status: 'succeeded', method: 'cash', amount: money(20_000, 'INR') }],
      creditMinor: 30_000,
    });
    expect(retry.json().refunds[0].id).toBe(first.json().refunds[0].id);
    const refundId = first.json().refunds[0].id as string;
    const settled = {
      credit: { creditMinor: 30_000, onTheWayMinor: 0 },
      dues: { dueMinor: 300_000, paidMinor: 330_000, balanceMinor: -30_000 },
      reports: reportsBefore + 330_000,
    };
    const agree = async () => {
      expect(await credit()).toMatchObject(settled.credit);
      expect(await dues()).toMatchObject(settled.dues);
      expect(await defaulter()).toBeUndefined();
      expect(await paidInReports()).toBe(settled.reports);
      const overview = (await owner.get(`/api/mess/students/${studentId}/overview`)).json();
      expect(overview.payBack).toMatchObject(settled.credit);
      expect(overview.dues.cycles.find((c: { cycleId: string }) => c.cycleId === cycle.id)).toMatchObject(
        settled.dues,
      );
      const payment = overview.payments.find((p: { id: string }) => p.id === cash.json().paymentId);
      return payment.refunds as Array<{ id: string; status: string }>;
    };
    expect(await agree()).toMatchObject([{ id: refundId, status: 'succeeded', amountMinor: 20_000 }]);
    const told = await eventually(
      async () => ((await refundTexts()).length > 0 ? refundTexts() : undefined),
      {
        everyMs: LOOK_AGAIN_MS,
        what: 'the pay-back message on Telegram',
      },
    );
    expect(told).toEqual([
      `₹200.00 of your mess fee for ${cycle.name} was paid back to you. Reason: left the mess early`,
    ]);
    const row = await refundsListRow(owner, refundId);
    expect(row).toMatchObject({ payer: 'Walk Student', status: 'succeeded' });
    expect(row!.title.text).toBe(
      `Refund of ₹200.00 to Walk Student for Mess cycle fee: ${cycle.name}, WK26001`,
    );

    // Ops pays back ₹100: above ops' limit it waits, and changes no dues, report or list.
    const asked = await postOnce(
      ops,
      path,
      { amountMinor: 10_000, reason: 'asked at the desk' },
      'walk-mess-ops',
    );
    expect(asked.status, asked.text).toBe(201);
    expect(asked.json().refunds).toMatchObject([{ status: 'awaiting_approval' }]);
    const waitingId = asked.json().refunds[0].id as string;
    expect(await credit()).toMatchObject({ creditMinor: 20_000, onTheWayMinor: 10_000 });
    expect(await dues()).toMatchObject(settled.dues);
    expect(await paidInReports()).toBe(settled.reports);
    expect(await defaulter()).toBeUndefined();
    // The owner turns it down: as it was, and the student was told of nothing.
    const rejected = await owner.post(`/api/refunds/${waitingId}/reject`, { reason: 'not owed' });
    expect(rejected.json().status).toBe('rejected');
    const refunds = await agree();
    expect(refunds).toHaveLength(2);
    expect(refunds).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: refundId, status: 'succeeded' }),
        expect.objectContaining({ id: waitingId, status: 'rejected' }),
      ]),
    );
    expect(await refundTexts()).toHaveLength(1);

    // From the payments screen (core's route) ₹50 more of the same payment: the dues follow the same way.
    const core = await postOnce(
      owner,
      `/api/payments/${cash.json().paymentId}/refunds`,
      { amount: money(5_000, 'INR'), method: 'cash', reason: 'canteen closed a day' },
      'walk-mess-core',
    );
    expect(core.status, core.text).toBe(201);
    expect(core.json().status).toBe('succeeded');
    settled.credit = { creditMinor: 25_000, onTheWayMinor: 0 };
    settled.dues = { dueMinor: 300_000, paidMinor: 325_000, balanceMinor: -25_000 };
    settled.reports -= 5_000;
    expect(await agree()).toHaveLength(3);
    await eventually(async () => (await refundTexts()).length === 2, {
      everyMs: LOOK_AGAIN_MS,
      what: 'the second pay-back message',
    });
  });

  it('expo: a cash payment taken on a tab (retried, once), part refunded against a bill (retried, once); the bill, the tab, the statement, the payment and the Refunds list agree', async () => {
    const owner = await as('expo');
    const [exhibition] = (await owner.get('/api/exhibition/exhibitions')).json() as Array<{
      id: string;
      currency: string;
    }>;
    const booths = (await owner.get(`/api/exhibition/exhibitions/${exhibition!.id}/booths`)).json() as Array<{
      id: string;
      name: string;
    }>;
    const booth = (name: string) => booths.find((b) => b.name === name)!.id;
    const customer = await owner.post('/api/exhibition/customers', {
      exhibitionId: exhibition!.id,
      name: 'Walk Visitor',
      email: 'walk.visitor@example.com',
      phone: '+971501234599',
      language: 'es',
    });
    expect(customer.status, customer.text).toBe(201);
    const customerId = customer.json().id as string;
    const bill = async (boothName: string, amountMinor: number, description: string) => {
      const res = await owner.post(`/api/exhibition/customers/${customerId}/bills`, {
        boothId: booth(boothName),
        amountMinor,
        description,
      });
      expect(res.status, res.text).toBe(201);
      return res.json().id as string;
    };
    const books = await bill('Books', 4500, 'Libros');
    const tea = await bill('Coffee corner', 2500, 'Té');

    // The desk takes cash for the whole tab; the retry takes nothing more.
    const payPath = `/api/exhibition/customers/${customerId}/payments`;
    const taken = await postOnce(owner, payPath, { method: 'cash' }, 'walk-expo-pay');
    const takenAgain = await postOnce(owner, payPath, { method: 'cash' }, 'walk-expo-pay');
    expect(taken.status, taken.text).toBe(201);
    expect(takenAgain.json().payments).toEqual(taken.json().payments);
    const paymentOf = (billId: string) =>
      (taken.json().payments as Array<{ id: string; billId: string }>).find((p) => p.billId === billId)!.id;

    // $15 back for a damaged book: the bill reduced to $30, sent twice under one key.
    const refundPath = `/api/exhibition/bills/${books}/refund`;
    const body = { bill: 'reduce', toMinor: 3000, reason: 'damaged book' };
    const first = await postOnce(owner, refundPath, body, 'walk-expo-refund');
    const retry = await postOnce(owner, refundPath, body, 'walk-expo-refund');
    expect(first.status, first.text).toBe(200);
    expect(first.json().refunds).toMatchObject([{ status: 'succeeded', amount: money(1500, 'USD') }]);
    expect(retry.json().refunds.map((r: { id: string }) => r.id)).toEqual([first.json().refunds[0].id]);
    expect((await owner.get(`/api/payments/${paymentOf(books)}/refunds`)).json()).toMatchObject({
      paid: money(4500, 'USD'),
      refunded: money(1500, 'USD'),
      left: money(3000, 'USD'),
    });

    const reduced = {
      id: books,
      amountMinor: 3000,
      status: 'active',
      money: { paidMinor: 4500, refundedMinor: 1500, awaitingMinor: 0, dueMinor: 0 },
    };
    expect((await owner.get(`/api/exhibition/bills/${books}`)).json()).toMatchObject(reduced);
    const tab = (await owner.get(`/api/exhibition/customers/${customerId}/bills`)).json() as Array<{
      id: string;
    }>;
    expect(tab.find((b) => b.id === books)).toMatchObject(reduced);
    expect(tab.find((b) => b.id === tea)).toMatchObject({
      amountMinor: 2500,
      money: { paidMinor: 2500, refundedMinor: 0 },
    });
    expect((await owner.get(`/api/exhibition/customers/${customerId}`)).json()).toMatchObject({
      billCount: 2,
      totalMinor: 5500,
    });
    const statement = await owner.get(`/api/exhibition/customers/${customerId}/statement.pdf`);
    expect(statement.status).toBe(200);
    const words = pdfWords(statement.bytes);
    expect(words).toContain('Libros 30,00 US$ pagado: 45,00 US$ dinero devuelto: 15,00 US$');
    expect(words).toContain(
      'Total (2 cargos): 55,00 US$ Pagado: 70,00 US$ Dinero devuelto: 15,00 US$ Pagado neto: 55,00 US$',
    );
    const row = await refundsListRow(owner, first.json().refunds[0].id);
    expect(row).toMatchObject({ payer: 'Walk Visitor', status: 'succeeded', amount: 1500 });
    expect(row!.title.text).toMatch(/^Refund of \$15\.00 to Walk Visitor for Exhibition bill: .+, Libros$/);

    // Core's route on the tea's payment, with the bill's options: the bill is reduced the same way.
    const core = await postOnce(
      owner,
      `/api/payments/${paymentOf(tea)}/refunds`,
      {
        amount: money(500, 'USD'),
        method: 'cash',
        reason: 'small cup',
        options: { bill: 'reduce', toMinor: 2000 },
      },
      'walk-expo-core',
    );
    expect(core.status, core.text).toBe(201);
    expect(core.json().status).toBe('succeeded');
    const teaNow = {
      id: tea,
      amountMinor: 2000,
      status: 'active',
      money: { paidMinor: 2500, refundedMinor: 500 },
    };
    expect((await owner.get(`/api/exhibition/bills/${tea}`)).json()).toMatchObject(teaNow);
    expect((await owner.get(`/api/exhibition/customers/${customerId}`)).json()).toMatchObject({
      totalMinor: 5000,
    });
    const statementNow = async () =>
      pdfWords((await owner.get(`/api/exhibition/customers/${customerId}/statement.pdf`)).bytes);
    const settledWords = await statementNow();
    expect(settledWords).toContain('Pagado: 70,00 US$ Dinero devuelto: 20,00 US$ Pagado neto: 50,00 US$');

    // Ops voids the tea with its money back: it waits, the bill stays, and after the rejection too.
    const ops = await as('expo', OPS);
    const asked = await ops.post(`/api/exhibition/bills/${tea}/refund`, {
      bill: 'void',
      reason: 'wrong order',
    });
    expect(asked.status, asked.text).toBe(200);
    expect(asked.json().refunds).toMatchObject([{ status: 'awaiting_approval' }]);
    expect((await owner.get(`/api/exhibition/bills/${tea}`)).json()).toMatchObject({
      ...teaNow,
      money: { ...teaNow.money, awaitingMinor: 2000 },
    });
    expect((await owner.get(`/api/exhibition/customers/${customerId}`)).json()).toMatchObject({
      totalMinor: 5000,
    });
    expect(await statementNow()).toBe(settledWords);
    const rejected = await owner.post(`/api/refunds/${asked.json().refunds[0].id}/reject`, {
      reason: 'served',
    });
    expect(rejected.json().status).toBe('rejected');
    expect((await owner.get(`/api/exhibition/bills/${tea}`)).json()).toMatchObject({
      ...teaNow,
      money: { ...teaNow.money, awaitingMinor: 0 },
    });
    expect(await statementNow()).toBe(settledWords);

    // The statement e-mailed to the customer says the same, in its words and its PDF.
    const emailed = await owner.post(`/api/exhibition/customers/${customerId}/statement/email`);
    expect(emailed.status, emailed.text).toBe(202);
    const statementMail = await eventually(
      async () =>
        (await mailsTo(owner, 'walk.visitor@example.com')).find((m) =>
          m.subject.includes('estado de cuenta'),
        ),
      { everyMs: LOOK_AGAIN_MS, what: 'the statement e-mail' },
    );
    expect(statementMail.text).toContain('total 50,00 US$');
    expect(statementMail.text).toContain('Pagado 70,00 US$, devuelto 20,00 US$: pagado neto 50,00 US$');
    const attached = await owner.get(`/api/sandbox/mail/${statementMail.id}/attachments/0`);
    expect(pdfWords(attached.bytes)).toBe(settledWords);

    // What the customer was told of the $20 that went back (they have an e-mail; every other business tells its people).
    const notices = (await owner.get('/api/notifications?to=walk.visitor%40example.com&perPage=100')).json()
      .items as Array<{ template: string }>;
    expect(
      notices.map((n) => n.template).filter((t) => /refund|returned/.test(t)),
      'a message to the customer for each refund that went back',
    ).toHaveLength(2);
  });

  it('coffee: a cash sale refunded (retried, once) leaves the takings of its day; an ops refund waits, is turned down and changes nothing', async () => {
    const owner = await as('coffee');
    const ops = await as('coffee', OPS);
    const timeZone = (await owner.get('/api/auth/session')).json().organization.timeZone as string;
    const from = new Date(Date.now() - 5 * 86_400_000).toISOString();
    const to = new Date(Date.now() - 86_400_000).toISOString();
    const list = async (query: string) =>
      (await owner.get(`/api/coffee/console/orders?${query}`)).json().items as Array<{
        id: string;
        deviceOrderId: string;
        totalMinor: number;
        orderedAt: string;
        paymentStatus: string;
        takingsMinor: number;
      }>;
    // Two cash sales of earlier days (the demo machines keep selling today).
    const [sale, other] = await list(
      `perPage=2&sort=orderedAt&order=asc&paymentMethod=cash&paymentStatus=paid&vendStatus=vended&orderedAt_gte=${from}&orderedAt_lte=${to}`,
    );
    expect(sale && other, 'two cash sales of earlier days in the demo').toBeTruthy();
    /** The orders list's row of a sale: its status and what it keeps in the takings. */
    const row = async (order: { id: string; deviceOrderId: string }) =>
      (await list(`deviceOrderId=${encodeURIComponent(order.deviceOrderId)}`)).find((o) => o.id === order.id);
    const dayOf = async (order: { orderedAt: string }) =>
      (
        (await owner.get('/api/coffee/summary')).json().trend as Array<{
          day: string;
          orders: number;
          salesMinor: number;
        }>
      ).find((t) => t.day === dayIn(order.orderedAt, timeZone))!;
    const dayBefore = await dayOf(sale!);

    const path = `/api/coffee/orders/${sale!.id}/refund`;
    const first = await postOnce(owner, path, { reason: 'cold drink' }, 'walk-coffee-refund');
    const retry = await postOnce(owner, path, { reason: 'cold drink' }, 'walk-coffee-refund');
    expect(first.status, first.text).toBe(200);
    expect(first.json()).toMatchObject({ paymentStatus: 'refunded', refund: { status: 'succeeded' } });
    expect(retry.json().refund.id).toBe(first.json().refund.id);
    const state = (await owner.get(path)).json();
    expect(state).toMatchObject({ paymentStatus: 'refunded', refundable: false, waiting: false });
    expect(state.refunds).toMatchObject([{ status: 'succeeded', amount: money(sale!.totalMinor, 'USD') }]);
    expect(await row(sale!)).toMatchObject({ paymentStatus: 'refunded', takingsMinor: 0 });
    expect(await dayOf(sale!)).toMatchObject({
      orders: dayBefore.orders - 1,
      salesMinor: dayBefore.salesMinor - sale!.totalMinor,
    });
    // The original system's dashboard (its API, kept for its clients) nets it the same.
    const original = (await owner.get('/api/v1/dashboard/summary')).json().data.trends.sales as Array<{
      date: string;
      value: number;
      orders: number;
    }>;
    const day = await dayOf(sale!);
    expect(original.find((t) => t.date === day.day)).toEqual({
      date: day.day,
      value: day.salesMinor / 100,
      orders: day.orders,
    });
    const listed = await refundsListRow(owner, first.json().refund.id);
    expect(listed).toMatchObject({ status: 'succeeded', amount: sale!.totalMinor });
    expect(listed!.title.text).toContain(`for Coffee order: ${sale!.deviceOrderId}`);

    // Ops asks to refund the other sale: it waits, the sale stays in the takings, and after the rejection too.
    const otherBefore = await dayOf(other!);
    const asked = await ops.post(`/api/coffee/orders/${other!.id}/refund`, { reason: 'customer complained' });
    expect(asked.status, asked.text).toBe(200);
    expect(asked.json()).toMatchObject({ paymentStatus: 'paid', refund: { status: 'awaiting_approval' } });
    const unchanged = async (waiting: boolean) => {
      expect(await row(other!)).toMatchObject({ paymentStatus: 'paid', takingsMinor: other!.totalMinor });
      expect(await dayOf(other!)).toEqual(otherBefore);
      expect((await owner.get(`/api/coffee/orders/${other!.id}/refund`)).json()).toMatchObject({
        paymentStatus: 'paid',
        waiting,
      });
    };
    await unchanged(true);
    const rejected = await owner.post(`/api/refunds/${asked.json().refund.id}/reject`, {
      reason: 'not owed',
    });
    expect(rejected.json().status).toBe('rejected');
    await unchanged(false);
  });
});
