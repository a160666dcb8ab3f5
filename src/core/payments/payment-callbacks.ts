import { type Db, sql } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { queueStatusCheck } from './payments.queue.ts';
import type { MobileMoneyMethod } from './payments.rules.ts';

/** What a provider's callback route needs to hand a hint on. */
export interface PaymentCallbackDeps {
  /** Unscoped: callbacks carry no organization. */
  db: Db;
  jobs: JobQueue;
}

/**
 * A provider's callback is a hint, never a verdict (MTN's are unsigned and anyone can post): it
 * only names a payment by our reference, and the status check job then asks the provider and
 * transitions once. References that are unknown, settled or malformed are ignored silently, so a
 * caller learns nothing by probing. Answers whether it named a payment still open: such a payment
 * has no refund yet (only a settled one is refunded), so its callback needs no refund look-up.
 */
export async function paymentCallbackHint(
  deps: PaymentCallbackDeps,
  method: MobileMoneyMethod,
  reference: unknown,
): Promise<boolean> {
  if (typeof reference !== 'string' || reference.length === 0 || reference.length > 100) return false;
  const target = await paymentToCheck(deps.db, method, reference);
  if (!target) return false;
  await queueStatusCheck(deps.jobs, { ...target, trigger: 'callback' });
  return true;
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
