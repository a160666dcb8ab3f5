import { isUuid } from '../../../platform/ids/index.ts';
import type { Ctx } from '../../context/index.ts';
import type { PaymentsTables } from '../payments.tables.ts';

/** A payment's purpose, read without a lock; undefined for an id that is no payment of the organization. */
export async function getPaymentRow(ctx: Ctx, paymentId: string) {
  if (!isUuid(paymentId)) return undefined;
  return ctx.db
    .withTables<PaymentsTables>()
    .selectFrom('payment')
    .select(['purpose_type', 'purpose_id'])
    .where('id', '=', paymentId)
    .executeTakeFirst();
}
