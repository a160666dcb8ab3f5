import { sql } from 'kysely';
import type { Ctx } from '../context/index.ts';
import type { Locale } from '../i18n/index.ts';
import { type NotificationTables, rewriteChatMessage } from '../notifications/index.ts';
import { isPermanentDeliveryError } from './conversations.errors.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import type { EditOutput } from './flow.types.ts';
import { checkOutputs } from './output.rules.ts';

/**
 * Edits, in place, every message already sent that carries a button with one of `choiceIds` (a
 * card whose decision has been taken): `edit` gives the new text and buttons (none: the buttons
 * go) in the language of each conversation. Channels that can edit (`MessageChannel.edit`: Telegram)
 * change the message the person sees; the history keeps the edited form everywhere, so an edited
 * message is not found again. A refusal the channel will keep giving (message deleted) is recorded
 * as edited too; other failures are thrown after every message was tried, for the caller's retry.
 */
export async function editSentMessages(
  ctx: Ctx,
  runtime: ConversationsRuntime,
  input: {
    choiceIds: ReadonlyArray<string>;
    edit: (sent: { text: string; language: Locale | null }) => EditOutput;
  },
): Promise<{ edited: number }> {
  if (input.choiceIds.length === 0) return { edited: 0 };
  // Sent chat messages are the outbox's rows; the conversation (its person on its channel) gives the language.
  const db = ctx.db.withTables<ConversationsTables & NotificationTables>();
  const rows = await db
    .selectFrom('notification as n')
    .innerJoin('conversation as c', (join) =>
      join
        .onRef('c.org_id', '=', 'n.org_id')
        .onRef('c.channel', '=', 'n.channel')
        .onRef('c.external_id', '=', 'n.recipient'),
    )
    .select([
      'n.id',
      'n.channel',
      'n.provider_message_id',
      'n.payload',
      'c.external_id',
      'c.language',
      'c.last_inbound_at',
    ])
    .where('n.status', '=', 'sent')
    .where((eb) =>
      eb.or(
        input.choiceIds.map(
          (id) => sql<boolean>`n.payload -> 'buttons' @> ${JSON.stringify([{ id }])}::jsonb`,
        ),
      ),
    )
    .orderBy('n.seq')
    .limit(100)
    .execute();
  let edited = 0;
  let failure: unknown;
  for (const row of rows) {
    const before = (row.payload ?? {}) as { text?: string };
    const output = input.edit({ text: before.text ?? '', language: row.language });
    checkOutputs([output], 'message edit');
    const channel = runtime.channel(row.channel);
    try {
      if (channel?.edit && row.provider_message_id)
        await channel.edit(
          ctx,
          {
            orgId: ctx.orgId,
            channel: row.channel,
            externalId: row.external_id,
            language: row.language ?? 'en',
            lastInboundAt: row.last_inbound_at,
          },
          row.provider_message_id,
          output,
        );
    } catch (err) {
      if (!isPermanentDeliveryError(err)) {
        failure ??= err;
        continue;
      }
      runtime.log.warn({ err, messageId: row.id }, 'the channel refused to edit a sent message');
    }
    await rewriteChatMessage(ctx, row.id, { ...output, editedAt: ctx.clock.now().toISOString() });
    edited += 1;
  }
  if (failure) throw failure;
  return { edited };
}
