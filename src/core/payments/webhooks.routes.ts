import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Db, sql } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { PaymentError } from './payments.errors.ts';
import { queueStatusCheck } from './payments.queue.ts';
import type { MobileMoneyMethod } from './payments.rules.ts';

export interface WebhookRouteOptions {
  db: Db;
  jobs: JobQueue;
  /** Airtel's authenticated-callback secret; when set, a callback without a valid `hash` is refused. */
  airtelCallbackSecret: () => string | undefined;
}

type AirtelCallback = { transaction?: Record<string, unknown>; hash?: unknown };

/**
 * Provider callbacks are hints, never verdicts: MTN's are unsigned and anyone can post. A callback
 * only names a payment (by our reference); the status check job then asks the provider and
 * transitions once. Answers 200 fast, whether or not the reference is known (no probing).
 */
export const paymentWebhookRoutes: FastifyPluginAsyncZod<WebhookRouteOptions> = async (app, deps) => {
  const hint = async (method: MobileMoneyMethod, reference: unknown) => {
    if (typeof reference !== 'string' || reference.length === 0 || reference.length > 100) return;
    const target = await paymentToCheck(deps.db, method, reference);
    if (target) await queueStatusCheck(deps.jobs, { ...target, trigger: 'callback' });
  };

  app.route({
    method: ['POST', 'PUT'],
    url: '/webhooks/momo',
    schema: {
      tags: ['webhooks'],
      summary: 'MTN MoMo request-to-pay callback (a hint: the status is re-read)',
    },
    config: { public: true },
    handler: async (req, reply) => {
      const body = (req.body ?? {}) as { referenceId?: unknown; externalId?: unknown };
      const query = (req.query ?? {}) as { ref?: unknown };
      await hint('momo', body.referenceId ?? query.ref ?? body.externalId);
      return reply.status(200).send({ received: true });
    },
  });

  app.post(
    '/webhooks/airtel',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Airtel Money payment callback (a hint: the status is re-read)',
      },
      config: { public: true, refuses: [401] },
    },
    async (req, reply) => {
      const body = (req.body ?? {}) as AirtelCallback;
      const secret = deps.airtelCallbackSecret();
      if (secret && !validAirtelHash(body, secret)) throw new PaymentError('callback_signature_invalid');
      await hint('airtel', body.transaction?.id);
      return reply.status(200).send({ received: true });
    },
  );
};

/**
 * Airtel's authenticated callback: `hash` = base64 HMAC-SHA256 (key: the callback secret) of the
 * `transaction` object as sent. Compared in constant time. The formula follows our stand-in; check
 * it against a real UAT callback before relying on it (test/standins/README.md).
 */
export function validAirtelHash(body: AirtelCallback, secret: string): boolean {
  if (!body.transaction || typeof body.hash !== 'string') return false;
  const expected = createHmac('sha256', secret).update(JSON.stringify(body.transaction)).digest();
  const given = Buffer.from(body.hash, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Callbacks carry no organization: the payment is found by method and our reference alone. */
async function paymentToCheck(
  db: Db,
  method: MobileMoneyMethod,
  reference: string,
): Promise<{ orgId: string; paymentId: string } | undefined> {
  const { rows } = await sql<{ org_id: string; id: string }>`
    select org_id, id from payment
    where method = ${method} and provider_reference = ${reference}
      and (status in ('pending', 'ambiguous') or (status = 'failed' and failure_reason = 'timeout'))
    limit 1`.execute(db);
  const row = rows[0];
  return row ? { orgId: row.org_id, paymentId: row.id } : undefined;
}
