import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock/index.ts';
import {
  bearerToken,
  createChangeSignal,
  createLoopbackApp,
  listenOnLoopback,
} from '../../platform/loopback/index.ts';
import type { SandboxPayerTiming } from './sandbox-payer.rules.ts';
import { createSandboxPayer, type SandboxPhoneRequest } from './sandbox-payer.ts';

/** Settles a request to pay as soon as it arrives when the payer's MSISDN ends with `msisdnSuffix`. */
export interface SandboxPayerRule {
  msisdnSuffix: string;
}

/** Where a callback went and what came of it (`network-error`: nothing answered). */
export type CallbackStatus = number | 'network-error';

/**
 * What the MoMo and Airtel sandboxes share beyond their wire formats (their routes, errors and
 * bodies stay with each driver in `src/channels/<service>/sandbox/`): the loopback app, the access
 * tokens issued, the requests to pay held by our reference (a change wakes whoever waits for one),
 * failures a test forces on the next calls, callbacks posted to the app, and the payer holding the
 * sandbox phone, whose answers `answer` turns into the network's outcome.
 */
export function createMobileMoneySandbox<P>(options: {
  payer?: { clock: Clock; timing: SandboxPayerTiming } | undefined;
  /** Whether the payment still waits for the payer (only those are answered from the phone). */
  pending(payment: P): boolean;
  /** The payer approved on the phone, or let the prompt expire: settle the payment (and call back). */
  answer(payment: P, answer: 'approve' | 'expire'): Promise<void>;
  /** The payment as the sandbox phone lists it (its prompt is added here). */
  phoneView(reference: string, payment: P): Omit<SandboxPhoneRequest, 'prompt'>;
  /** The error of a test naming a payment the sandbox never received. */
  unknown(reference: string): string;
}) {
  const { app, requests } = createLoopbackApp();
  const payments = new Map<string, P>();
  const tokens = new Map<string, number>();
  /** Forced answers, oldest first; `route` ("METHOD /path") limits one to that endpoint. */
  const forcedFailures: Array<{ status: number; route?: string }> = [];
  const signal = createChangeSignal();
  const payer =
    options.payer &&
    createSandboxPayer({
      ...options.payer,
      answer: async (reference, answer) => {
        const payment = payments.get(reference);
        if (payment !== undefined && options.pending(payment)) await options.answer(payment, answer);
      },
    });

  function paymentOrThrow(reference: string): P {
    const payment = payments.get(reference);
    if (payment === undefined) throw new Error(options.unknown(reference));
    return payment;
  }

  return {
    app,
    payments,
    payer,
    /** Wakes whoever waits on the sandbox's state (a payment arrived or changed, a callback went). */
    changed: () => signal.notify(),
    /** A new access token, valid for `ttlSeconds`. */
    issueToken(ttlSeconds: number): string {
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, Date.now() + ttlSeconds * 1000);
      return token;
    },
    /** Whether the request carries a bearer token this sandbox issued and that has not expired. */
    hasValidToken(req: FastifyRequest): boolean {
      const expiresAt = tokens.get(bearerToken(req.headers.authorization) ?? '');
      return expiresAt !== undefined && expiresAt >= Date.now();
    },
    /** The status a test forced on this call, if any (taken: it answers one call). */
    forcedFailure(req: FastifyRequest): number | undefined {
      const route = `${req.method} ${new URL(req.url, 'http://sandbox').pathname}`;
      const i = forcedFailures.findIndex((f) => f.route === undefined || f.route === route);
      return i >= 0 ? forcedFailures.splice(i, 1)[0]!.status : undefined;
    },
    /** A request to pay arrived: the first payer rule its MSISDN matches settles it at once, else it waits on the phone. */
    received<R extends SandboxPayerRule>(
      reference: string,
      payment: P,
      msisdn: string,
      rules: ReadonlyArray<R> | undefined,
      settleBy: (rule: R) => Promise<void>,
    ): void {
      payments.set(reference, payment);
      signal.notify();
      const rule = rules?.find((r) => msisdn.endsWith(r.msisdnSuffix));
      if (rule) void settleBy(rule);
      else payer?.prompt(reference);
    },
    /** Posts a callback as the network does, once (networks do not retry them). */
    async postCallback(url: string, body: unknown, method = 'POST'): Promise<CallbackStatus> {
      try {
        const response = await fetch(url, {
          method,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        return response.status;
      } catch {
        return 'network-error';
      }
    },
    paymentOrThrow,
    /** Listens on 127.0.0.1 and starts the payer's timer; answers the URL. */
    async listen(): Promise<string> {
      const url = await listenOnLoopback(app);
      payer?.start();
      return url;
    },
    /** What a test or the demo's sandbox does with it, the same for every network. */
    controls: {
      requests,
      payments: (): P[] => [...payments.values()],
      payment: (reference: string): P | undefined => payments.get(reference),
      /** The payer's phone: every request, newest first, with its prompt while it waits. */
      phone: (): SandboxPhoneRequest[] =>
        [...payments].reverse().map(([reference, p]) => ({
          ...options.phoneView(reference, p),
          prompt: payer?.view(reference) ?? null,
        })),
      /** The person chose "let it time out" on the phone: it expires instead of approving by itself. */
      letTimeOut: (reference: string): boolean => payer?.ignore(reference) ?? false,
      /** Answers the prompts that are due on the payer's clock now (the timer does this every 250 ms). */
      sweepPayer: async (): Promise<void> => payer?.sweep(),
      /**
       * The next `count` authenticated calls answer `status` (default 503); with `route`
       * ("POST /collection/v1_0/requesttopay") only calls to that endpoint do, so a status check
       * still running in the background from an earlier test cannot take the failure meant for the
       * call under test.
       */
      failNextRequests(count: number, status = 503, route?: string): void {
        for (let i = 0; i < count; i++) forcedFailures.push({ status, ...(route ? { route } : {}) });
      },
      /** Makes every issued token expire now, to test token refresh. */
      expireTokens(): void {
        for (const token of tokens.keys()) tokens.set(token, 0);
      },
      async close(): Promise<void> {
        await payer?.stop();
        await app.close();
      },
    },
    /** The first payment matching `predicate`, waiting for it to arrive. */
    waitFor(predicate: (p: P) => boolean, timeoutMs: number, what: string): Promise<P> {
      const probe = () => [...payments.values()].find(predicate);
      return signal.waitFor(probe, timeoutMs, () => `no matching ${what} among ${payments.size}`);
    },
  };
}
