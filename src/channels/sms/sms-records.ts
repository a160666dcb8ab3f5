import type { Ctx } from '../../core/context/index.ts';
import { ownProviderMessageIds } from '../../core/notifications/index.ts';

/** Of `providerMessageIds`, those this organization sent (the sandbox phone shows only its own texts). */
export function ownSmsMessageIds(ctx: Ctx, providerMessageIds: string[]): Promise<Set<string>> {
  return ownProviderMessageIds(ctx, 'sms', providerMessageIds);
}
