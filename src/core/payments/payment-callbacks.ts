import { type Db, sql } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { queueStatusCheck } from './payments.queue.ts';
import type { MobileMoneyMethod } from './payments.rules.ts';
import { refundCallbackHint } from './refunds/index.ts';

/** What a provider's callback route needs to hand a hint on. */
export interface PaymentCallbackDeps {
  /** Unscoped: callbacks carry no organization. */
  db: Db;
  jobs: JobQueue;
}

/**
 * A provider's callback is a hint, never a verdict (MTN's are unsigned and anyone can post): it
 * only names a payment or a refund by our reference, and the status check job then asks the
 * provider and transitions once. References that are unknown, settled or malformed are ignored
 * silently, so a caller learns nothing by probing.
 *
 * A payment still open is looked for first; only when none is named is the reference a refund's (a
 * Disbursements refund's own id, or an Airtel reversal reported on the collected transaction's id):
 * a payment still open has no refund yet, since only money that arrived is refunded.
 */
export async function mobileMoneyCallbackHint(
  deps: PaymentCallbackDeps,
  method: MobileMoneyMethod,
  reference: unknown,
): Promise<void> {
  if (typeof reference !== 'string' || reference.length === 0 || reference.length > 100) return;
  const target = await paymentToCheck(deps.db, method, reference);
  if (target) await queueStatusCheck(deps.jobs, { ...target, trigger: 'callback' });
  else await refundCallbackHint(deps, method, reference);
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
