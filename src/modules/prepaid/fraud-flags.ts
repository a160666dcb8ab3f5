import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

export const FRAUD_KINDS = [
  'many_payers',
  'many_meters',
  'rapid_tokens',
  'repeated_failures',
  'token_without_payment',
] as const;

/**
 * Tokens whose payment is not settled: the settlement hook makes that impossible, so any found is
 * a bug or a hand-edited database. Each is audited (`prepaid.fraud.token_without_payment`) and logged.
 */
export async function checkTokensHavePayments(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db
    .withTables<PrepaidTables>()
    .selectFrom('prepaid_fraud_flag')
    .select(['purchase_id', 'meter_id'])
    .where('kind', '=', 'token_without_payment')
    .execute();
  for (const row of rows)
    await recordAudit(ctx, {
      action: 'prepaid.fraud.token_without_payment',
      subject: { type: 'prepaid_purchase', id: row.purchase_id },
      meta: { meterId: row.meter_id },
    });
  return rows.map((r) => r.purchase_id);
}
