import type { Ctx } from '../../core/context/index.ts';
import {
  findPayment,
  importPayments,
  lockPaymentPurpose,
  type Payment,
  type PaymentPurposeLabel,
} from '../../core/payments/index.ts';
import { isUuid } from '../../platform/ids/index.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

/**
 * What a purchase the original system (IngufuPay) sold is paid for in core payments: its
 * `prepaid_imported_payment` row. A purpose of its own, so the reconciliation of Opsdesk's sales
 * against its tokens (`prepaid.purchase`) never counts the original's history.
 */
export const ORIGINAL_PURCHASE_PURPOSE = 'prepaid.original_purchase';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** An imported purchase as a refund reads it: its amount to the cent, its token, its core payment. */
export async function findOriginalPurchase(ctx: Ctx, id: string) {
  if (!isUuid(id)) return undefined;
  return tables(ctx)
    .selectFrom('prepaid_imported_payment as p')
    .leftJoin('prepaid_imported_token as t', (j) =>
      j.onRef('t.payment_id', '=', 'p.id').on('t.status', '<>', 'cancelled'),
    )
    .select([
      'p.id',
      'p.status',
      'p.amount_cents',
      'p.currency',
      'p.created_at',
      'p.payment_id',
      'p.original_id',
      't.id as token_id',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/**
 * The core payment a purchase the original sold is refunded through (issue 62: a refund of one
 * answered 404 `purchase_not_found`). The import leaves the original's payments as history, with no
 * core payment (an import writes no sale); the first refund asked makes one, as core's import of
 * history does (recorded, no provider, no hook, nothing sent), and links it, under the purchase's
 * purpose lock so two first refunds make one. Its amount is what the original took, in the
 * currency's minor units (the original kept cents of a franc: RWF 1,500.50 can give back 1,500).
 * Only a payment the original marked successful: a pending or failed one took no money.
 */
export async function paymentOfOriginalPurchase(tx: Ctx, id: string): Promise<Payment> {
  await lockPaymentPurpose(tx, { type: ORIGINAL_PURCHASE_PURPOSE, id });
  const original = await findOriginalPurchase(tx, id);
  if (!original) throw PrepaidErrors.purchase_not_found({ purchaseId: id });
  const linked = original.payment_id ? await findPayment(tx, original.payment_id) : undefined;
  if (linked) return linked;
  const amountMinor = Math.floor(Number(original.amount_cents) / 100);
  if (original.status !== 'success' || amountMinor <= 0)
    throw PrepaidErrors.purchase_not_refundable({ purchaseId: id });
  const [paymentId] = await importPayments(tx, [
    {
      amount: { amountMinor, currency: original.currency.trim() },
      purpose: { type: ORIGINAL_PURCHASE_PURPOSE, id },
      state: { method: 'manual', status: 'recorded', manualKind: 'other' },
      note: `Sold by the original system${original.original_id ? ` (id ${original.original_id})` : ''}`,
      createdAt: original.created_at,
    },
  ]);
  await tables(tx)
    .updateTable('prepaid_imported_payment')
    .set({ payment_id: paymentId! })
    .where('id', '=', id)
    .execute();
  return (await findPayment(tx, paymentId!))!;
}

/**
 * What an original purchase's payment pays for, in the payments list and on its page: "Electricity,
 * meter 58219940 — Uwase Household (original system)", linked to the imported purchase.
 */
export async function originalPurchasePurposeLabels(
  ctx: Ctx,
  ids: ReadonlyArray<string>,
): Promise<ReadonlyMap<string, PaymentPurposeLabel>> {
  const uuids = ids.filter(isUuid);
  if (!uuids.length) return new Map();
  const rows = await tables(ctx)
    .selectFrom('prepaid_imported_payment as p')
    .leftJoin('prepaid_meter as m', 'm.id', 'p.meter_id')
    .innerJoin('prepaid_account as a', 'a.id', 'p.account_id')
    .select(['p.id', 'm.number', 'a.name', 'a.phone'])
    .where('p.id', 'in', uuids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        key: 'prepaid.purpose.original_purchase',
        params: { meter: r.number ?? '—', account: r.name },
        record: { resource: 'prepaid.imported_purchases', id: r.id },
        payer: r.name,
        ...(r.phone ? { phone: r.phone } : {}),
      },
    ]),
  );
}
