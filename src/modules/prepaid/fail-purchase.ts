import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import type { Payment } from '../../core/payments/index.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import type { PrepaidTables } from './prepaid.tables.ts';
import { queuePaymentFailedSms } from './token-sms.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** `paymentFailed('prepaid.purchase')`: the purchase fails; no token, ever, for this payment. */
export async function failPurchase(tx: Ctx, rt: PrepaidRuntime, payment: Payment): Promise<void> {
  const row = await tables(tx)
    .updateTable('prepaid_purchase')
    .set({
      status: 'failed',
      failure_reason: payment.failureReason ?? payment.status,
      updated_at: tx.clock.now(),
    })
    .where('id', '=', payment.purpose.id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  if (row)
    await recordAudit(tx, {
      action: 'prepaid.purchase.failed',
      subject: { type: 'prepaid_purchase', id: row.id },
      before: { status: 'pending' },
      after: { status: 'failed' },
      meta: { paymentId: payment.id, reason: payment.failureReason },
    });
  if (row) await tellPayerItFailed(tx, rt, row.id, payment);
}

/** The phone asked to pay hears that nothing was taken (issue 52), when the purchase was by mobile money. */
async function tellPayerItFailed(tx: Ctx, rt: PrepaidRuntime, purchaseId: string, payment: Payment) {
  const p = await tables(tx)
    .selectFrom('prepaid_purchase as p')
    .innerJoin('prepaid_meter as m', 'm.id', 'p.meter_id')
    .select(['p.payer_msisdn', 'p.reply_language', 'm.number', 'm.account_id'])
    .where('p.id', '=', purchaseId)
    .executeTakeFirst();
  if (!p) return;
  await queuePaymentFailedSms(tx, rt, {
    paymentId: payment.id,
    accountId: p.account_id,
    phone: p.payer_msisdn,
    language: p.reply_language,
    meterNumber: p.number,
    amount: payment.amount,
  });
}
