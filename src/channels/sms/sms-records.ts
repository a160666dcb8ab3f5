import type { Ctx } from '../../core/context/index.ts';
import type { SmsTables } from './sms.tables.ts';

/** Of `providerMessageIds`, those this organization sent (the sandbox phone shows only its own texts). */
export async function ownSmsMessageIds(ctx: Ctx, providerMessageIds: string[]): Promise<Set<string>> {
  if (providerMessageIds.length === 0) return new Set();
  const rows = await ctx.db
    .withTables<SmsTables>()
    .selectFrom('sms_message')
    .select('provider_message_id')
    .where('provider_message_id', 'in', providerMessageIds)
    .execute();
  return new Set(rows.map((r) => r.provider_message_id).filter((id): id is string => id !== null));
}
