import type { Ctx } from '../context/index.ts';
import type { ConversationsTables } from './conversations.tables.ts';

/**
 * Two presses of one button on one message this close (by the times the channel dates them) are one
 * press repeated: a double tap, or a second tap while the first answer is on its way (issue 40, item 14).
 * Pressed again later, the button acts again ("New QR" a minute later is a new pass).
 */
export const REPEATED_TAP_WINDOW_MS = 10_000;

/**
 * Whether this press repeats one of the same button on the same message that the conversation already
 * acted on within `REPEATED_TAP_WINDOW_MS`. The person's presses are handled in order, so the first of
 * two is acted on and the second finds it. One look-up on the partial index of presses.
 */
export async function repeatsActedTap(
  ctx: Ctx,
  conversationId: string,
  press: { id: string; tapKey: string; sentAt: Date },
): Promise<boolean> {
  const at = press.sentAt.getTime();
  const found = await ctx.db
    .withTables<ConversationsTables>()
    .selectFrom('conversation_message')
    .select('id')
    .where('conversation_id', '=', conversationId)
    .where('tap_key', '=', press.tapKey)
    .where('direction', '=', 'in')
    .where('status', '=', 'processed')
    .where('id', '<>', press.id)
    .where('at', '>=', new Date(at - REPEATED_TAP_WINDOW_MS))
    .where('at', '<=', new Date(at + REPEATED_TAP_WINDOW_MS))
    .limit(1)
    .executeTakeFirst();
  return found !== undefined;
}
