import { sql } from 'kysely';
import type { Ctx } from '../../core/context/index.ts';
import { PAYER_SEARCH_LIMIT, type PaymentPurposeLabel, payerWordPattern } from '../../core/payments/index.ts';
import { isUuid } from '../../platform/ids/index.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

/**
 * What a prepaid purchase's payment pays for, in words staff read in the payments list and on the
 * payment's page: "Electricity, meter 58219940 — Uwase Household" (`prepaid.purpose.purchase` in
 * the console catalogs), linked to the purchase, with the account as the payer.
 */
export async function purchasePurposeLabels(
  ctx: Ctx,
  purchaseIds: ReadonlyArray<string>,
): Promise<ReadonlyMap<string, PaymentPurposeLabel>> {
  const uuids = purchaseIds.filter(isUuid);
  if (!uuids.length) return new Map();
  const rows = await ctx.db
    .withTables<PrepaidTables>()
    .selectFrom('prepaid_purchase')
    .innerJoin('prepaid_meter', 'prepaid_meter.id', 'prepaid_purchase.meter_id')
    .innerJoin('prepaid_account', 'prepaid_account.id', 'prepaid_meter.account_id')
    .select(['prepaid_purchase.id', 'prepaid_meter.number', 'prepaid_account.name', 'prepaid_account.phone'])
    .where('prepaid_purchase.id', 'in', uuids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        key: 'prepaid.purpose.purchase',
        params: { meter: r.number, account: r.name },
        record: { resource: 'prepaid.purchases', id: r.id },
        payer: r.name,
        ...(r.phone ? { phone: r.phone } : {}),
      },
    ]),
  );
}

/**
 * The purchases whose meter's account (its name, the owner's phone) or meter number holds a word
 * typed in the payments list's search.
 */
export async function purchaseIdsOfPayer(ctx: Ctx, word: string): Promise<string[]> {
  const rows = await ctx.db
    .withTables<PrepaidTables>()
    .selectFrom('prepaid_purchase')
    .innerJoin('prepaid_meter', 'prepaid_meter.id', 'prepaid_purchase.meter_id')
    .innerJoin('prepaid_account', 'prepaid_account.id', 'prepaid_meter.account_id')
    .select('prepaid_purchase.id')
    .where('prepaid_purchase.org_id', '=', ctx.orgId)
    .where(
      sql<boolean>`concat_ws(' ', prepaid_account.name, prepaid_account.phone, prepaid_meter.number) ilike ${payerWordPattern(word)}`,
    )
    .limit(PAYER_SEARCH_LIMIT)
    .execute();
  return rows.map((r) => r.id);
}
