import { z } from 'zod';
import type { AuthTables } from '../../auth/index.ts';
import type { Ctx } from '../../context/index.ts';
import type { RefundLimits } from './refunds.rules.ts';

const limit = z.number().int().min(0).nullable().optional();
const limitsSchema = z.object({
  owner: limit,
  admin: limit,
  ops: limit,
  viewer: limit,
  scanner: limit,
});

/**
 * The organization's refund limits by role: `organization.settings.payments.refunds.limits`
 * (`{ "ops": 5000, "admin": null }`, minor units; null is no limit; a role left out keeps its default).
 * A malformed setting is ignored: the defaults then hold, which need a second person for ops.
 */
export async function refundLimitsFor(ctx: Ctx): Promise<RefundLimits> {
  const row = await ctx.db
    .withTables<AuthTables>()
    .selectFrom('organization')
    .select('settings')
    .where('id', '=', ctx.orgId)
    .executeTakeFirst();
  const payments = (row?.settings?.payments ?? {}) as { refunds?: { limits?: unknown } };
  const parsed = limitsSchema.safeParse(payments.refunds?.limits ?? {});
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as RefundLimits;
}
