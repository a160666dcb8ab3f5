import { createHmac, randomInt } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import {
  type CallbackStatus,
  createMobileMoneySandbox,
  type SandboxPayerRule,
  type SandboxPayerTiming,
} from '../../../core/payments/index.ts';
import type { Clock } from '../../../platform/clock/index.ts';

export type AirtelStatus = 'TS' | 'TF' | 'TIP' | 'TA' | 'TR';
/** Settles a payment as soon as it arrives when the subscriber MSISDN ends with `msisdnSuffix`. */
export interface AirtelPayerRule extends SandboxPayerRule {
  status: 'TS' | 'TF' | 'TA';
  message?: string;
}
export interface AirtelSandboxOptions {
  clientId?: string;
  clientSecret?: string;
  country?: string;
  /** The only X-Currency accepted; null accepts any (the demo's sandbox serves any organization's currency). */
  currency?: string | null;
  tokenTtlSeconds?: number;
  payerRules?: AirtelPayerRule[];
  /**
   * The callback URL registered in the Airtel portal; settle() posts there unless `dropCallbacks`.
   * A function is asked at each callback (the sandbox's app, where it listens now).
   */
  callbackUrl?: string | (() => string | undefined);
  /** Enables "authenticated callbacks": each callback carries `hash` (see `callbackHash`). */
  callbackHmacSecret?: string;
  dropCallbacks?: boolean;
  /**
   * A subscriber holding the phone (the demo's sandbox): each push without a payer rule waits on
   * the phone, approves by itself after `timing.autoApproveAfterMs` on `clock` unless answered, and
   * expires (TF) after `timing.expireAfterMs`.
   */
  payer?: { clock: Clock; timing: SandboxPayerTiming };
}
export interface AirtelPayment {
  id: string;
  reference: string;
  msisdn: string;
  amount: number;
  country: string;
  currency: string;
  status: AirtelStatus;
  message: string;
  airtelMoneyId?: string;
}
export interface AirtelCallbackDelivery {
  id: string;
  url: string;
  status: CallbackStatus;
  body: unknown;
}

const RESPONSE_CODES: Record<AirtelStatus, string> = {
  TS: 'DP00800001001',
  TF: 'DP00800001005',
  TIP: 'DP00800001006',
  TA: 'DP00800001000',
  TR: 'DP00800001001',
};
const MESSAGES: Record<AirtelStatus, string> = {
  TS: 'Paid',
  TF: 'Transaction failed',
  TIP: 'In process',
  TA: 'Ambiguous',
  TR: 'Transaction reversed',
};

class AirtelError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly resultCode: string,
    message: string,
  ) {
    super(message);
  }
  toJSON() {
    const status = {
      code: String(this.httpStatus),
      message: this.message,
      result_code: this.resultCode,
      success: false,
    };
    return { data: {}, status };
  }
}
const success = (data: unknown, responseCode: string) => ({
  data,
  status: {
    code: '200',
    message: 'SUCCESS',
    result_code: 'ESB000010',
    response_code: responseCode,
    success: true,
  },
});

/**
 * The `hash` of an authenticated callback, as this stand-in computes it: base64 HMAC-SHA256 keyed with the
 * callback secret over `JSON.stringify(body.transaction)` (keys in the order id, message, status_code,
 * airtel_money_id). Airtel's portal documents the hash only loosely; verify against a real UAT callback.
 */
export function callbackHash(transaction: Record<string, unknown>, secret: string): string {
  return createHmac('sha256', secret).update(JSON.stringify(transaction)).digest('base64');
}

/**
 * Airtel Money (Africa) collection played on 127.0.0.1: OAuth2 token, USSD-push payment, enquiry,
 * refund and callbacks in Airtel's wire format, so the real driver (`airtel.provider.ts`) runs
 * unchanged. The demo's sandbox serves the product with it; tests drive it directly.
 */
export async function startAirtelSandbox(opts: AirtelSandboxOptions = {}) {
  const clientId = opts.clientId ?? 'sandbox-airtel-client';
  const clientSecret = opts.clientSecret ?? 'sandbox-airtel-secret';
  const country = opts.country ?? 'RW';
  const currency = opts.currency === undefined ? 'RWF' : opts.currency;
  const sandbox = createMobileMoneySandbox<AirtelPayment>({
    payer: opts.payer,
    pending: (payment) => payment.status === 'TIP',
    answer: (payment, answer) =>
      answer === 'approve'
        ? finish(payment, 'TS')
        : finish(payment, 'TF', 'Transaction expired: the subscriber did not answer'),
    phoneView: (reference, p) => ({
      reference,
      payer: p.msisdn,
      amount: String(p.amount),
      currency: p.currency,
      message: p.reference,
      // A reversed (refunded) payment was paid first: the money came back to the phone.
      status: p.status === 'TIP' ? 'pending' : p.status === 'TS' || p.status === 'TR' ? 'approved' : 'failed',
      reason: p.status === 'TF' || p.status === 'TA' ? p.message : null,
      refunded: p.status === 'TR' ? String(p.amount) : null,
    }),
    unknown: (id) => `No Airtel payment with transaction id ${id}`,
  });
  const { app, payments, payer } = sandbox;
  const callbacks: AirtelCallbackDelivery[] = [];

  function authorize(req: FastifyRequest): void {
    if (!sandbox.hasValidToken(req)) throw new AirtelError(401, 'ESB000011', 'Unauthorized');
    const failure = sandbox.forcedFailure(req);
    if (failure !== undefined) throw new AirtelError(failure, 'ESB000001', 'Something went wrong');
    if (!req.headers['x-country'] || !req.headers['x-currency'])
      throw new AirtelError(400, 'ROUTER003', 'Missing header/body params');
    if (req.headers['x-country'] !== country) throw new AirtelError(400, 'ROUTER006', 'Invalid Country');
    if (currency !== null && req.headers['x-currency'] !== currency)
      throw new AirtelError(400, 'ROUTER112', 'Invalid Currency');
  }
  function transactionOf(payment: AirtelPayment) {
    const transaction = { id: payment.id, message: payment.message, status_code: payment.status };
    return { ...transaction, airtel_money_id: payment.airtelMoneyId ?? null };
  }
  async function deliverCallback(payment: AirtelPayment, url: string, hmacSecret?: string) {
    const transaction = transactionOf(payment);
    const body = hmacSecret ? { transaction, hash: callbackHash(transaction, hmacSecret) } : { transaction };
    const status = await sandbox.postCallback(url, body);
    const delivery = { id: payment.id, url, status, body };
    callbacks.push(delivery);
    sandbox.changed();
    return delivery;
  }
  async function finish(payment: AirtelPayment, status: 'TS' | 'TF' | 'TA', message?: string) {
    payer?.answered(payment.id);
    payment.status = status;
    payment.message = message ?? MESSAGES[status];
    if (status === 'TS') {
      const stamp = new Date().toISOString().replace(/\D/g, '');
      payment.airtelMoneyId = `MP${stamp.slice(2, 8)}.${stamp.slice(8, 12)}.A${randomInt(10_000, 99_999)}`;
    }
    sandbox.changed();
    const target = typeof opts.callbackUrl === 'function' ? opts.callbackUrl() : opts.callbackUrl;
    if (target && !opts.dropCallbacks) await deliverCallback(payment, target, opts.callbackHmacSecret);
  }

  app.setErrorHandler((error: Error & { statusCode?: number }, _req, reply) => {
    const airtel =
      error instanceof AirtelError
        ? error
        : new AirtelError(error.statusCode ?? 500, 'ESB000008', error.message);
    return reply.code(airtel.httpStatus).send(airtel.toJSON());
  });

  app.post('/auth/oauth2/token', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.grant_type !== 'client_credentials')
      return reply.code(400).send({
        error: 'unsupported_grant_type',
        error_description: 'grant_type must be client_credentials',
      });
    if (body.client_id !== clientId || body.client_secret !== clientSecret)
      return reply
        .code(401)
        .send({ error: 'invalid_client', error_description: 'Invalid client credentials' });
    const ttl = opts.tokenTtlSeconds ?? 180;
    // Airtel sends expires_in as a string.
    return { access_token: sandbox.issueToken(ttl), expires_in: String(ttl), token_type: 'bearer' };
  });

  app.post('/merchant/v1/payments/', async (req) => {
    authorize(req);
    const body = (req.body ?? {}) as {
      reference?: unknown;
      subscriber?: Record<string, unknown>;
      transaction?: Record<string, unknown>;
    };
    const msisdn = String(body.subscriber?.msisdn ?? '');
    const transaction = body.transaction ?? {};
    const amount = Number(transaction.amount);
    if (!body.reference || !msisdn || !transaction.id || transaction.amount === undefined)
      throw new AirtelError(400, 'ROUTER003', 'Missing header/body params');
    if (!/^\d{6,12}$/.test(msisdn)) throw new AirtelError(400, 'ESB000033', 'Invalid MSISDN Length');
    if (!(amount > 0)) throw new AirtelError(400, 'ESB000008', 'Field validation error: transaction.amount');
    const id = String(transaction.id);
    if (payments.has(id)) throw new AirtelError(400, 'ESB000041', 'External Transaction ID already exists');
    const payment: AirtelPayment = {
      id,
      reference: String(body.reference),
      msisdn,
      amount,
      country,
      currency: String(req.headers['x-currency']),
      status: 'TIP',
      message: MESSAGES.TIP,
    };
    sandbox.received(id, payment, msisdn, opts.payerRules, (rule) =>
      finish(payment, rule.status, rule.message),
    );
    return success({ transaction: { id, status: 'SUCCESS' } }, RESPONSE_CODES.TIP);
  });

  app.get('/standard/v1/payments/:id', async (req) => {
    authorize(req);
    const payment = payments.get((req.params as { id: string }).id);
    if (!payment)
      throw new AirtelError(404, 'ESB000045', 'No Transaction Found With Provided Transaction Id');
    const { id, message, status, airtelMoneyId } = payment;
    const transaction = { airtel_money_id: airtelMoneyId ?? null, id, message, status };
    return success({ transaction }, RESPONSE_CODES[status]);
  });

  app.post('/standard/v1/payments/refund', async (req) => {
    authorize(req);
    const airtelMoneyId = String(
      (req.body as { transaction?: { airtel_money_id?: unknown } })?.transaction?.airtel_money_id ?? '',
    );
    const payment = [...payments.values()].find(
      (p) => airtelMoneyId !== '' && p.airtelMoneyId === airtelMoneyId,
    );
    if (!payment)
      throw new AirtelError(404, 'ESB000045', 'No Transaction Found With Provided Transaction Id');
    if (payment.status !== 'TS') throw new AirtelError(400, 'ESB000011', 'Request was Failed');
    payment.status = 'TR';
    payment.message = MESSAGES.TR;
    sandbox.changed();
    return success({ transaction: { airtel_money_id: airtelMoneyId, status: 'SUCCESS' } }, RESPONSE_CODES.TR);
  });

  const url = await sandbox.listen();
  const { paymentOrThrow } = sandbox;

  return {
    url,
    clientId,
    clientSecret,
    country,
    currency,
    callbacks,
    /** The app's settings that point its Airtel driver here; `callbackSecret` makes it check callbacks' hash. */
    appEnv: (callbackSecret?: string): Record<string, string> => ({
      AIRTEL_BASE_URL: url,
      AIRTEL_CLIENT_ID: clientId,
      AIRTEL_CLIENT_SECRET: clientSecret,
      AIRTEL_COUNTRY: country,
      ...(callbackSecret ? { AIRTEL_CALLBACK_SECRET: callbackSecret } : {}),
    }),
    ...sandbox.controls,
    waitForPayment: (predicate: (p: AirtelPayment) => boolean = () => true, timeoutMs = 5_000) =>
      sandbox.waitFor(predicate, timeoutMs, 'payment'),
    /** The subscriber approves (TS), fails (TF) or the outcome stays ambiguous (TA). */
    async settle(id: string, status: 'TS' | 'TF' | 'TA', message?: string): Promise<void> {
      await finish(paymentOrThrow(id), status, message);
    },
    /** POSTs `{ transaction: { id, message, status_code, airtel_money_id } }` (+ `hash`) `times` times. */
    async sendCallback(id: string, url: string, options: { times?: number; hmacSecret?: string } = {}) {
      const payment = paymentOrThrow(id);
      const deliveries: AirtelCallbackDelivery[] = [];
      for (let i = 0; i < (options.times ?? 1); i++)
        deliveries.push(await deliverCallback(payment, url, options.hmacSecret));
      return deliveries;
    },
  };
}

export type AirtelSandbox = Awaited<ReturnType<typeof startAirtelSandbox>>;
