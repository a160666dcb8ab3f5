import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { prepaidSettingsOf } from './prepaid.settings.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();
const DAY = 86_400_000;

/**
 * Flags the tokens of reporting meters still not keyed in after the organization's
 * `unusedTokenDays` (a lost message, a customer who never typed it, a token sold for another
 * meter). Only meters that report are judged: for the others nobody knows. One UPDATE marks each
 * token once, so two runs at once flag nothing twice; each flag is audited.
 */
export async function flagUnusedTokens(ctx: Ctx): Promise<number> {
  const { unusedTokenDays } = await prepaidSettingsOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const flagged = await tables(tx)
      .updateTable('prepaid_token')
      .set({ unused_flagged_at: now })
      .where('keyed_in_at', 'is', null)
      .where('unused_flagged_at', 'is', null)
      .where('created_at', '<=', new Date(now.getTime() - unusedTokenDays * DAY))
      .where((eb) =>
        eb(
          'meter_id',
          'in',
          eb.selectFrom('prepaid_meter').select('id').where('reported_at', 'is not', null),
        ),
      )
      .returning(['id', 'purchase_id', 'meter_id', 'count', 'created_at'])
      .execute();
    for (const t of flagged)
      await recordAudit(tx, {
        action: 'prepaid.token.unused_flagged',
        subject: { type: 'prepaid_purchase', id: t.purchase_id },
        after: { count: t.count, issuedAt: t.created_at.toISOString(), unusedTokenDays },
        meta: { meterId: t.meter_id },
      });
    return flagged.length;
  });
}
