import { randomInt } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  type CallbackStatus,
  createMobileMoneySandbox,
  type SandboxPayerRule,
  type SandboxPayerTiming,
} from '../../../core/payments/index.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { isUuid } from '../../../platform/ids/index.ts';
import { type MomoRefund, type MomoStatus, refundBook } from './momo-refund-book.ts';

export type { MomoRefund, MomoStatus } from './momo-refund-book.ts';

/** Settles a request-to-pay as soon as it arrives when the payer MSISDN ends with `msisdnSuffix`. */
export interface MomoPayerRule extends SandboxPayerRule {
  status: Exclude<MomoStatus, 'PENDING'>;
  reason?: string;
}
export interface MomoSandboxOptions {
  subscriptionKey?: string;
  /** The Disbursements product's own subscription key (refunds). */
  disbursementSubscriptionKey?: string;
  apiUser?: string;
  apiKey?: string;
  /** The only X-Target-Environment accepted (`sandbox`, `mtnrwanda`, …). */
  targetEnvironment?: string;
  tokenTtlSeconds?: number;
  payerRules?: MomoPayerRule[];
  /** Automatic callbacks (from settle() and payer rules) never arrive, like in MTN's sandbox. */
  dropCallbacks?: boolean;
  callbackMethod?: 'POST' | 'PUT';
  /** When set, an X-Callback-Url on another host is refused with 500 INVALID_CALLBACK_URL_HOST. */
  providerCallbackHost?: string;
  /** When set, other currencies are refused with 500 INVALID_CURRENCY (the sandbox only takes EUR). */
  currencies?: string[];
  /**
   * A payer holding the phone (the demo's sandbox): each request without a payer rule waits on the
   * phone, approves by itself after `timing.autoApproveAfterMs` on `clock` unless answered, and
   * expires after `timing.expireAfterMs` (COULD_NOT_PERFORM_TRANSACTION, as MTN after 5 minutes).
   */
  payer?: { clock: Clock; timing: SandboxPayerTiming };
  /**
   * The app this sandbox serves, where it listens now: callbacks go there (the path of X-Callback-Url,
   * else `/webhooks/momo`), since the app's public URL may not be reachable from this machine.
   */
  callbackBase?: () => string | undefined;
}
export interface MomoRequestToPay {
  referenceId: string;
  amount: string;
  currency: string;
  externalId?: string;
  payer: { partyIdType: string; partyId: string };
  payerMessage?: string;
  payeeNote?: string;
  status: MomoStatus;
  reason?: string;
  financialTransactionId?: string;
  callbackUrl?: string;
  targetEnvironment: string;
}
export interface MomoCallbackDelivery {
  referenceId: string;
  url: string;
  method: string;
  status: CallbackStatus;
  body: unknown;
}

const PARTY_TYPES = ['MSISDN', 'EMAIL', 'PARTY_CODE', 'ALIAS'];

class MomoError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}
const momoError = (status: number, code: string, message: string) => new MomoError(status, { code, message });
// Azure API Management answers subscription-key failures in its own shape.
const apimDenied = (message: string) => new MomoError(401, { statusCode: 401, message });

/**
 * MTN MoMo Collection played on 127.0.0.1: token, request-to-pay, status and callbacks, speaking
 * MTN's wire format so the real driver (`momo.provider.ts`) runs unchanged. The demo's sandbox
 * serves the product with it (a payer on the console's sandbox phone); tests drive it directly.
 */
export async function startMomoSandbox(opts: MomoSandboxOptions = {}) {
  const subscriptionKey = opts.subscriptionKey ?? 'sandbox-collection-subscription-key';
  const apiUser = opts.apiUser ?? 'f1db7f4e-0c2a-4c8b-9f65-2d3b4c5d6e7f';
  const apiKey = opts.apiKey ?? 'sandbox-api-key';
  const targetEnvironment = opts.targetEnvironment ?? 'sandbox';
  const disbursementSubscriptionKey =
    opts.disbursementSubscriptionKey ?? 'sandbox-disbursement-subscription-key';
  // Its refunds tell the sandbox's phone view when they change (the sandbox is made just below).
  const book = refundBook(() => sandbox.changed());
  const { refunds, refundedOf } = book;
  const sandbox = createMobileMoneySandbox<MomoRequestToPay>({
    payer: opts.payer,
    pending: (payment) => payment.status === 'PENDING',
    answer: (payment, answer) =>
      answer === 'approve'
        ? finish(payment, 'SUCCESSFUL')
        : finish(payment, 'FAILED', 'COULD_NOT_PERFORM_TRANSACTION'),
    phoneView: (reference, p) => ({
      reference,
      payer: p.payer.partyId,
      amount: p.amount,
      currency: p.currency,
      message: p.payerMessage ?? '',
      status: p.status === 'PENDING' ? 'pending' : p.status === 'SUCCESSFUL' ? 'approved' : 'failed',
      reason: p.reason ?? null,
      refunded: refundedOf(reference) > 0 ? String(refundedOf(reference)) : null,
    }),
    unknown: (reference) => `No request-to-pay with X-Reference-Id ${reference}`,
  });
  const { app, payments, payer } = sandbox;
  const callbacks: MomoCallbackDelivery[] = [];

  function requireSubscriptionKey(req: FastifyRequest): void {
    if (req.headers['ocp-apim-subscription-key'] !== subscriptionKey)
      throw apimDenied(
        'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
      );
  }
  function requireToken(req: FastifyRequest): void {
    requireSubscriptionKey(req);
    if (!sandbox.hasValidToken(req))
      throw apimDenied('Access denied due to invalid or expired access token.');
    if (req.headers['x-target-environment'] !== targetEnvironment)
      throw momoError(500, 'NOT_ALLOWED_TARGET_ENVIRONMENT', 'Access to target environment is forbidden.');
    const failure = sandbox.forcedFailure(req);
    if (failure !== undefined) throw momoError(failure, 'SERVICE_UNAVAILABLE', 'Service unavailable.');
  }
  function statusBody(payment: MomoRequestToPay) {
    const { referenceId: _ref, callbackUrl: _cb, targetEnvironment: _env, ...body } = payment;
    return body;
  }

  async function deliverCallback(payment: MomoRequestToPay, url: string): Promise<MomoCallbackDelivery> {
    const method = opts.callbackMethod ?? 'POST';
    const body = statusBody(payment);
    const status = await sandbox.postCallback(url, body, method);
    const delivery = { referenceId: payment.referenceId, url, method, status, body };
    callbacks.push(delivery);
    sandbox.changed();
    return delivery;
  }
  /**
   * Where a payment's or a refund's callback goes: its X-Callback-Url, or in the sandbox the app
   * where it listens now.
   */
  function callbackTarget(callbackUrl: string | undefined): string | undefined {
    const base = opts.callbackBase?.();
    if (!base) return callbackUrl;
    const path = callbackUrl ? new URL(callbackUrl).pathname : '/webhooks/momo';
    return `${base}${path}`;
  }
  async function finish(payment: MomoRequestToPay, status: Exclude<MomoStatus, 'PENDING'>, reason?: string) {
    payer?.answered(payment.referenceId);
    payment.status = status;
    if (status === 'SUCCESSFUL') {
      payment.financialTransactionId = String(randomInt(100_000_000, 999_999_999));
      delete payment.reason;
    } else payment.reason = reason ?? 'APPROVAL_REJECTED';
    sandbox.changed();
    const target = callbackTarget(payment.callbackUrl);
    if (target && !opts.dropCallbacks) await deliverCallback(payment, target);
  }

  /** The request's X-Reference-Id, refused as MTN refuses one that is no UUID or was used before. */
  function newReferenceId(req: FastifyRequest, used: ReadonlyMap<string, unknown>): string {
    const referenceId = String(req.headers['x-reference-id'] ?? '');
    if (!isUuid(referenceId)) throw momoError(400, 'BAD_REQUEST', 'X-Reference-Id must be a UUID.');
    if (used.has(referenceId))
      throw momoError(409, 'RESOURCE_ALREADY_EXIST', 'Duplicated reference id. Creation of resource failed.');
    return referenceId;
  }

  /** A request's amount (a positive decimal string) and currency (an ISO 4217 code), refused as MTN refuses them. */
  function amountOf(body: Record<string, unknown>): { amount: string; currency: string } {
    const amount = String(body.amount ?? '');
    const currency = String(body.currency ?? '');
    if (!/^\d+(\.\d+)?$/.test(amount) || Number(amount) <= 0 || !/^[A-Z]{3}$/.test(currency))
      throw momoError(
        400,
        'BAD_REQUEST',
        'amount must be a positive decimal string and currency an ISO 4217 code.',
      );
    return { amount, currency };
  }

  /** A new access token for a caller whose Basic credentials are the API user and key. */
  function issueTokenTo(req: FastifyRequest) {
    const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    if (Buffer.from(basic, 'base64').toString('utf8') !== `${apiUser}:${apiKey}`)
      throw new MomoError(401, { error: 'login_failed' });
    const ttl = opts.tokenTtlSeconds ?? 3600;
    return { access_token: sandbox.issueToken(ttl), token_type: 'access_token', expires_in: ttl };
  }

  function parseRequestToPay(req: FastifyRequest): MomoRequestToPay {
    const referenceId = newReferenceId(req, payments);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const payer = (body.payer ?? {}) as { partyIdType?: unknown; partyId?: unknown };
    const { amount, currency } = amountOf(body);
    const notes = [body.payerMessage, body.payeeNote].filter((n) => n !== undefined).map(String);
    if (
      !PARTY_TYPES.includes(String(payer.partyIdType)) ||
      typeof payer.partyId !== 'string' ||
      payer.partyId === ''
    )
      throw momoError(400, 'BAD_REQUEST', 'payer.partyIdType and payer.partyId are required.');
    if (notes.some((note) => note.length > 160))
      throw momoError(400, 'BAD_REQUEST', 'payerMessage and payeeNote are limited to 160 characters.');
    if (opts.currencies && !opts.currencies.includes(currency))
      throw momoError(500, 'INVALID_CURRENCY', 'Currency not supported.');
    const callbackUrl = req.headers['x-callback-url'] as string | undefined;
    if (
      callbackUrl &&
      opts.providerCallbackHost &&
      new URL(callbackUrl).hostname !== opts.providerCallbackHost
    )
      throw momoError(
        500,
        'INVALID_CALLBACK_URL_HOST',
        'Callback URL with host does not match providerCallbackHost.',
      );
    return {
      referenceId,
      amount,
      currency,
      externalId: body.externalId === undefined ? undefined : String(body.externalId),
      payer: { partyIdType: String(payer.partyIdType), partyId: payer.partyId },
      payerMessage: body.payerMessage as string | undefined,
      payeeNote: body.payeeNote as string | undefined,
      status: 'PENDING',
      callbackUrl,
      targetEnvironment,
    };
  }

  app.setErrorHandler((error: Error & { statusCode?: number }, _req, reply: FastifyReply) => {
    if (error instanceof MomoError) return reply.code(error.status).send(error.body);
    return reply.code(error.statusCode ?? 500).send({ code: 'BAD_REQUEST', message: error.message });
  });

  app.post('/collection/token/', async (req) => {
    requireSubscriptionKey(req);
    return issueTokenTo(req);
  });

  app.post('/collection/v1_0/requesttopay', async (req, reply) => {
    requireToken(req);
    const payment = parseRequestToPay(req);
    sandbox.received(payment.referenceId, payment, payment.payer.partyId, opts.payerRules, (rule) =>
      finish(payment, rule.status, rule.reason),
    );
    return reply.code(202).send();
  });

  app.get('/collection/v1_0/requesttopay/:referenceId', async (req) => {
    requireToken(req);
    const payment = payments.get((req.params as { referenceId: string }).referenceId);
    if (!payment) throw momoError(404, 'RESOURCE_NOT_FOUND', 'Requested resource was not found.');
    return statusBody(payment);
  });

  function requireDisbursementToken(req: FastifyRequest): void {
    if (req.headers['ocp-apim-subscription-key'] !== disbursementSubscriptionKey)
      throw apimDenied(
        'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
      );
    if (!sandbox.hasValidToken(req))
      throw apimDenied('Access denied due to invalid or expired access token.');
    if (req.headers['x-target-environment'] !== targetEnvironment)
      throw momoError(500, 'NOT_ALLOWED_TARGET_ENVIRONMENT', 'Access to target environment is forbidden.');
    const failure = sandbox.forcedFailure(req);
    if (failure !== undefined) throw momoError(failure, 'SERVICE_UNAVAILABLE', 'Service unavailable.');
  }

  app.post('/disbursement/token/', async (req) => {
    if (req.headers['ocp-apim-subscription-key'] !== disbursementSubscriptionKey)
      throw apimDenied('Access denied due to invalid subscription key.');
    return issueTokenTo(req);
  });

  app.post('/disbursement/v1_0/refund', async (req, reply) => {
    requireDisbursementToken(req);
    if (await book.heldCall('before'))
      return reply.code(503).send({ code: 'SERVICE_UNAVAILABLE', message: 'Service unavailable.' });
    const referenceId = newReferenceId(req, refunds);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { amount, currency } = amountOf(body);
    const original = payments.get(String(body.referenceIdToRefund ?? ''));
    if (original?.status !== 'SUCCESSFUL' || original.currency !== currency)
      throw momoError(500, 'NOT_ALLOWED', 'Authorization failed. Insufficient permissions.');
    if (refundedOf(original.referenceId) + Number(amount) > Number(original.amount))
      throw momoError(500, 'NOT_ALLOWED', 'Authorization failed. The refund is more than the payment.');
    const refund: MomoRefund = {
      referenceId,
      referenceIdToRefund: original.referenceId,
      amount,
      currency,
      externalId: body.externalId === undefined ? undefined : String(body.externalId),
      payerMessage: body.payerMessage as string | undefined,
      payeeNote: body.payeeNote as string | undefined,
      status: 'PENDING',
      callbackUrl: req.headers['x-callback-url'] as string | undefined,
    };
    book.take(refund);
    await book.heldCall('after');
    const target = callbackTarget(refund.callbackUrl);
    if (target && !opts.dropCallbacks) {
      const { callbackUrl: _cb, ...callbackBody } = refund;
      void sandbox.postCallback(target, callbackBody, opts.callbackMethod ?? 'POST');
    }
    return reply.code(202).send();
  });

  app.get('/disbursement/v1_0/refund/:referenceId', async (req) => {
    requireDisbursementToken(req);
    const refund = refunds.get((req.params as { referenceId: string }).referenceId);
    if (!refund) throw momoError(404, 'RESOURCE_NOT_FOUND', 'Requested resource was not found.');
    const { callbackUrl: _cb, referenceIdToRefund: _to, ...body } = refund;
    return body;
  });

  const url = await sandbox.listen();
  const { paymentOrThrow } = sandbox;

  return {
    url,
    subscriptionKey,
    apiUser,
    apiKey,
    targetEnvironment,
    callbacks,
    /** The app's settings that point its MoMo driver here. */
    appEnv: (): Record<string, string> => ({
      MOMO_BASE_URL: url,
      MOMO_SUBSCRIPTION_KEY: subscriptionKey,
      MOMO_API_USER: apiUser,
      MOMO_API_KEY: apiKey,
      MOMO_TARGET_ENVIRONMENT: targetEnvironment,
      MOMO_DISBURSEMENT_SUBSCRIPTION_KEY: disbursementSubscriptionKey,
      MOMO_DISBURSEMENT_API_USER: apiUser,
      MOMO_DISBURSEMENT_API_KEY: apiKey,
    }),
    ...book.controls,
    ...sandbox.controls,
    /** Resolves with the first request-to-pay matching the predicate, waiting for it to arrive. */
    waitForRequestToPay: (predicate: (p: MomoRequestToPay) => boolean = () => true, timeoutMs = 25_000) =>
      sandbox.waitFor(predicate, timeoutMs, 'request-to-pay'),
    /** The payer approves or declines; the callback follows unless `dropCallbacks` is set. */
    async settle(referenceId: string, status: 'SUCCESSFUL' | 'FAILED', reason?: string): Promise<void> {
      await finish(paymentOrThrow(referenceId), status, reason);
    },
    /** Sends the current result to the request's X-Callback-Url (or `url`) `times` times, even with dropCallbacks. */
    async sendCallback(referenceId: string, options: { times?: number; url?: string } = {}) {
      const payment = paymentOrThrow(referenceId);
      const target = options.url ?? payment.callbackUrl;
      if (!target) throw new Error(`Request ${referenceId} had no X-Callback-Url`);
      const deliveries: MomoCallbackDelivery[] = [];
      for (let i = 0; i < (options.times ?? 1); i++) deliveries.push(await deliverCallback(payment, target));
      return deliveries;
    },
  };
}

export type MomoSandbox = Awaited<ReturnType<typeof startMomoSandbox>>;
