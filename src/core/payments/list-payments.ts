import type { Ctx } from '../context/index.ts';
import { type Payment, toPayment } from './payment-view.ts';
import type { PaymentMethod, PaymentStatus } from './payments.rules.ts';
import type { PaymentsTables } from './payments.tables.ts';

export interface PaymentQuery {
  status?: PaymentStatus;
  method?: PaymentMethod;
  purposeType?: string;
  purposeId?: string;
  limit?: number;
  offset?: number;
}

/** Payments of the caller's organization, newest first, with the total for paging. */
export async function listPayments(
  ctx: Ctx,
  query: PaymentQuery = {},
): Promise<{ items: Payment[]; total: number }> {
  const db = ctx.db.withTables<PaymentsTables>();
  let base = db.selectFrom('payment');
  if (query.status) base = base.where('status', '=', query.status);
  if (query.method) base = base.where('method', '=', query.method);
  if (query.purposeType) base = base.where('purpose_type', '=', query.purposeType);
  if (query.purposeId) base = base.where('purpose_id', '=', query.purposeId);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toPayment), total: Number(count.total) };
}
