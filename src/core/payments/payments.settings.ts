import { z } from 'zod';
import type { AuthTables } from '../auth/index.ts';
import type { Ctx } from '../context/index.ts';
import { DEFAULT_POLL_TIMING, type PollTiming } from './payments.rules.ts';

const timingSchema = z.object({
  firstCheckSeconds: z.number().int().min(1).max(3600).optional(),
  maxCheckIntervalSeconds: z.number().int().min(1).max(86_400).optional(),
  deadlineSeconds: z
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .optional(),
});

/**
 * Mobile-money polling for the caller's organization: `organization.settings.payments.mobileMoney`
 * (`{ firstCheckSeconds, maxCheckIntervalSeconds, deadlineSeconds }`, each optional) over the
 * defaults. A malformed setting is ignored rather than stopping payments.
 */
export async function pollTimingFor(ctx: Ctx): Promise<PollTiming> {
  const row = await ctx.db
    .withTables<AuthTables>()
    .selectFrom('organization')
    .select('settings')
    .where('id', '=', ctx.orgId)
    .executeTakeFirst();
  return pollTimingOf(row?.settings);
}

/** `pollTimingFor` from the organization's settings already read (null: none, the defaults). */
export function pollTimingOf(settings: Record<string, unknown> | null | undefined): PollTiming {
  const payments = (settings?.payments ?? {}) as { mobileMoney?: unknown };
  const parsed = timingSchema.safeParse(payments.mobileMoney ?? {});
  if (!parsed.success) return DEFAULT_POLL_TIMING;
  const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_POLL_TIMING, ...defined };
}
