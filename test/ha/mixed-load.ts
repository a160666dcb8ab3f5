import { randomUUID } from 'node:crypto';
import type { WhatsAppStandin } from '../../src/channels/whatsapp/sandbox/whatsapp-graph.ts';
import { signWebhookBody } from '../../src/channels/whatsapp/sandbox/whatsapp-graph.webhooks.ts';
import { eventually } from '../support/eventually.ts';
import type { Answer, ResendingClient } from './resending-client.ts';

/**
 * The mixed load of the failover test (issue 68): raffle buyers on WhatsApp, staff selling
 * electricity in cash and by MTN MoMo (its callback in MTN's wire format), refunding purchases and
 * taking raffle orders by phone, and mess counters scanning passes. Each client runs one request
 * after the other until stopped, sends each again as real clients do (the ResendingClient), and
 * writes down in the ledger what the product acknowledged.
 */

/** The chat steps of one raffle buyer: greet, list raffles, pick the first, pick numbers, confirm. */
const CHAT_STEPS = ['hola', 'rifas', '1', 'PICK', 'confirmar'] as const;
const PRICE = { amountMinor: 500, currency: 'RWF' };
/** The MoMo payer the sandbox approves at once (its rule's suffix), calling the product back. */
const MOMO_PAYER = '+250788000111';
/** A MoMo payer no rule of the sandbox answers for: the prompt waits on the phone until the test approves. */
const MOMO_PAYER_WHO_WAITS = '+250788000222';

export interface Purchase {
  id: string;
  paymentId: string | null;
  method: 'cash' | 'momo';
  key: string;
}

/** What the product acknowledged (a 2xx), as the clients were told it, and what went wrong on the way. */
export class Ledger {
  /** Inbound WhatsApp message ids Meta got a 200 for. */
  readonly webhooks: string[] = [];
  readonly purchases: Purchase[] = [];
  readonly refunds: Array<{ id: string; purchaseId: string; method: string; key: string }> = [];
  readonly reservations: Array<{ id: string; key: string }> = [];
  readonly scans: string[] = [];
  /** Purchases a refund was asked for (acknowledged or not): each is refunded once, by one request. */
  readonly refundsAsked = new Set<string>();
  /** When each acknowledged write was answered (ms since the epoch). */
  readonly writes: number[] = [];
  /** Answers no client expects (a 500 above all), and replies that never came. */
  readonly unexpected: string[] = [];
  #serial = 0;

  /** A number no other client of this run has used (buyers' phones, devices). */
  next(): number {
    this.#serial += 1;
    return this.#serial;
  }

  /** The first acknowledged write answered at or after `ms`. */
  firstWriteAfter(ms: number): number | undefined {
    return this.writes.filter((at) => at >= ms).sort((a, b) => a - b)[0];
  }

  /** What the load got done, in words, for the test's printout. */
  summary(): string {
    const sales = (method: string) => this.purchases.filter((p) => p.method === method).length;
    return (
      `${this.webhooks.length} chat messages, ${sales('cash')} cash and ${sales('momo')} MoMo sales, ` +
      `${this.refunds.length} refunds, ${this.reservations.length} phone orders, ${this.scans.length} scans`
    );
  }

  /** The longest time between two acknowledged writes in [from, to]: the service's outage, as clients saw it. */
  longestGap(from: number, to: number): number {
    const times = [from, ...this.writes.filter((at) => at > from && at < to).sort((a, b) => a - b), to];
    return Math.max(...times.slice(1).map((at, i) => at - times[i]!));
  }
}

export interface LoadTargets {
  /** The load balancer in front of the web processes. */
  baseUrl: string;
  /** A signed-in owner's cookie and CSRF token. */
  staff: Record<string, string>;
  wa: WhatsAppStandin;
  whatsappAppSecret: string;
  raffleId: string;
  meterId: string;
  passes: string[];
}

interface LoadRun {
  stopping: boolean;
  targets: LoadTargets;
  client: ResendingClient;
  ledger: Ledger;
}

/** Starts every client of the mixed load; `stop` lets each finish the request it is on. */
export function startMixedLoad(targets: LoadTargets, client: ResendingClient, ledger: Ledger) {
  const run: LoadRun = { stopping: false, targets, client, ledger };
  const loop = (one: () => Promise<unknown>) =>
    (async () => {
      while (!run.stopping) await one();
    })();
  const clients = [
    loop(() => chatBuyer(run)),
    loop(() => chatBuyer(run)),
    loop(() => chatBuyer(run)),
    loop(() => sellElectricity(run, 'cash')),
    loop(() => sellElectricity(run, 'momo')),
    loop(() => sellElectricity(run, 'momo')),
    loop(() => refundAPurchase(run)),
    loop(() => takePhoneOrder(run)),
    loop(() => scanAPass(run, 'counter-1')),
    loop(() => scanAPass(run, 'counter-2')),
  ];
  return {
    async stop(): Promise<void> {
      run.stopping = true;
      await Promise.all(clients);
    },
  };
}

/** A staff request through the load balancer; the answer when it is `expected`, else noted as unexpected. */
async function staffCall(
  run: LoadRun,
  what: string,
  method: string,
  path: string,
  expected: number,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer | undefined> {
  const answer = await run.client.send(what, `${run.targets.baseUrl}${path}`, {
    method,
    headers: { ...run.targets.staff, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (answer.status === expected) return answer;
  run.ledger.unexpected.push(`${what}: ${answer.status} ${answer.text.slice(0, 500)}`);
  return undefined;
}

/** One buyer's whole conversation, a step after the reply to the one before (as a person chats). */
async function chatBuyer(run: LoadRun): Promise<void> {
  const { wa, whatsappAppSecret, baseUrl } = run.targets;
  const n = run.ledger.next();
  const from = `5959${String(7000 + n).padStart(8, '0')}`;
  for (const step of CHAT_STEPS) {
    if (run.stopping) return;
    const text = step === 'PICK' ? `${2 * n + 1},${2 * n + 2}` : step;
    const id = `wamid.ha-${n}-${step}`;
    const rawBody = JSON.stringify(wa.textMessage({ from, text, id }));
    const before = wa.sentMessages(from).length;
    const answer = await run.client.send(`webhook ${id}`, `${baseUrl}/webhooks/whatsapp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signWebhookBody(rawBody, whatsappAppSecret),
      },
      body: rawBody,
    });
    if (answer.status !== 200) {
      run.ledger.unexpected.push(`webhook ${id}: ${answer.status} ${answer.text.slice(0, 500)}`);
      return;
    }
    run.ledger.webhooks.push(id);
    run.ledger.writes.push(answer.at);
    const replied = await eventually(() => wa.sentMessages(from).length > before, {
      what: `the reply to ${id}`,
      timeoutMs: 120_000,
      everyMs: 100,
    }).then(
      () => true,
      (err: Error) => {
        run.ledger.unexpected.push(err.message);
        return false;
      },
    );
    if (!replied) return;
  }
}

/** A prepaid sale at the counter: cash (the token at once) or MoMo (the token once MTN says paid). */
async function sellElectricity(
  run: LoadRun,
  method: 'cash' | 'momo',
  payer = MOMO_PAYER,
): Promise<Purchase | undefined> {
  const key = `ha-${method}-${randomUUID()}`;
  const answer = await staffCall(
    run,
    `${method} sale ${key}`,
    'POST',
    '/api/prepaid/purchases',
    201,
    {
      meterId: run.targets.meterId,
      method,
      amount: PRICE,
      ...(method === 'momo' ? { msisdn: payer } : {}),
    },
    { 'idempotency-key': key },
  );
  if (!answer) return undefined;
  const { id, paymentId } = answer.json<{ id: string; paymentId: string | null }>();
  const purchase = { id, paymentId, method, key };
  run.ledger.purchases.push(purchase);
  run.ledger.writes.push(answer.at);
  return purchase;
}

/**
 * A MoMo sale to a payer who has not answered the prompt on the phone yet (a number no payer rule of
 * the sandbox settles): the test approves it when it chooses. Answers its payment's id (MTN's reference).
 */
export async function momoSaleAwaitingThePayer(
  targets: LoadTargets,
  client: ResendingClient,
  ledger: Ledger,
): Promise<string> {
  const sale = await sellElectricity(
    { stopping: false, targets, client, ledger },
    'momo',
    MOMO_PAYER_WHO_WAITS,
  );
  if (!sale?.paymentId) throw new Error(`a MoMo sale was not acknowledged: ${ledger.unexpected.join('; ')}`);
  return sale.paymentId;
}

/**
 * Money back on the oldest purchase not yet refunded whose payment went through (a MoMo sale waits
 * for MTN's answer), with its token left working; staff's Idempotency-Key is the purchase's.
 */
async function refundAPurchase(run: LoadRun): Promise<void> {
  const asked = run.ledger.refundsAsked;
  const candidates = run.ledger.purchases.filter((p) => !asked.has(p.id));
  for (const purchase of candidates) {
    if (run.stopping) return;
    if (purchase.method === 'momo') {
      const found = await staffCall(
        run,
        `purchase ${purchase.id}`,
        'GET',
        `/api/prepaid/purchases/${purchase.id}`,
        200,
      );
      if (found?.json<{ status: string }>().status !== 'paid') continue;
    }
    asked.add(purchase.id);
    const key = `ha-refund-${purchase.id}`;
    const answer = await staffCall(
      run,
      `refund ${key}`,
      'POST',
      `/api/prepaid/purchases/${purchase.id}/refund`,
      200,
      { reason: 'failover drill', tokenKeepsWorking: true },
      { 'idempotency-key': key },
    );
    if (!answer) return;
    const { refund } = answer.json<{ refund: { id: string; method: string } }>();
    run.ledger.refunds.push({ id: refund.id, purchaseId: purchase.id, method: refund.method, key });
    run.ledger.writes.push(answer.at);
    return;
  }
  // Nothing to refund yet: the sellers' next acknowledged sale is what this client waits for.
  const known = run.ledger.purchases.length;
  await eventually(() => run.stopping || run.ledger.purchases.length > known, {
    what: 'a sale to refund',
    timeoutMs: 120_000,
  });
}

/** Staff taking a raffle order by phone: two numbers drawn for the caller. */
async function takePhoneOrder(run: LoadRun): Promise<void> {
  const n = run.ledger.next();
  const key = `ha-phone-${n}`;
  const answer = await staffCall(
    run,
    `phone order ${key}`,
    'POST',
    `/api/raffle/raffles/${run.targets.raffleId}/reservations`,
    201,
    { waId: `5959${String(8000 + n).padStart(8, '0')}`, name: `Caller ${n}`, random: 2 },
    { 'idempotency-key': key },
  );
  if (!answer) return;
  run.ledger.reservations.push({ id: answer.json<{ id: string }>().id, key });
  run.ledger.writes.push(answer.at);
}

/** A mess counter scanning a student's pass online; the scan's nonce makes a resend harmless. */
async function scanAPass(run: LoadRun, deviceId: string): Promise<void> {
  const { passes } = run.targets;
  const nonce = randomUUID();
  const scan = {
    nonce,
    code: passes[run.ledger.next() % passes.length]!,
    scannedAt: new Date().toISOString(),
    offline: false,
  };
  const answer = await staffCall(run, `scan ${nonce}`, 'POST', '/api/mess/scans', 200, {
    deviceId,
    scans: [scan],
  });
  if (!answer) return;
  run.ledger.scans.push(nonce);
  run.ledger.writes.push(answer.at);
}
