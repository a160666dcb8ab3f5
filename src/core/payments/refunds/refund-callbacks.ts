import { type Db, sql } from '../../../platform/db/index.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { MobileMoneyMethod } from '../payments.rules.ts';
import { queueRefundCheck } from './refunds.queue.ts';

/**
 * A provider's callback about a refund is a hint, never a verdict (MTN's are unsigned): it names a
 * refund by our reference (MoMo's X-Reference-Id of the refund) or the collected payment's (Airtel
 * reports a reversal on the original transaction), and the status check then asks the provider. Unknown
 * or settled references are ignored silently, so a caller learns nothing by probing.
 */
export async function refundCallbackHint(
  deps: { db: Db; jobs: JobQueue },
  method: MobileMoneyMethod,
  reference: unknown,
): Promise<void> {
  if (typeof reference !== 'string' || reference.length === 0 || reference.length > 100) return;
  const { rows } = await sql<{ org_id: string; id: string }>`
    select r.org_id, r.id from payment_refund r
    where r.method = ${method} and r.status in ('unknown', 'sent')
      and (r.provider_reference = ${reference}
        or r.payment_id in (select p.id from payment p
          where p.org_id = r.org_id and p.method = ${method} and p.provider_reference = ${reference}))
    limit 5`.execute(deps.db);
  for (const row of rows)
    await queueRefundCheck(deps.jobs, { orgId: row.org_id, refundId: row.id, trigger: 'callback' });
}
