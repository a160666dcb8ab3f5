import { sql } from 'kysely';
import type { Ctx } from '../context/index.ts';
import type { Locale } from '../i18n/index.ts';
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
  const db = ctx.db.withTables<ConversationsTables>();
  const rows = await db
    .selectFrom('conversation_message as m')
    .innerJoin('conversation as c', 'c.id', 'm.conversation_id')
    .select([
      'm.id',
      'm.channel',
      'm.channel_message_id',
      'm.payload',
      'c.external_id',
      'c.language',
      'c.last_inbound_at',
    ])
    .where('m.direction', '=', 'out')
    .where('m.status', 'in', ['sent', 'delivered', 'read'])
    .where((eb) =>
      eb.or(
        input.choiceIds.map(
          (id) => sql<boolean>`m.payload -> 'buttons' @> ${JSON.stringify([{ id }])}::jsonb`,
        ),
      ),
    )
    .orderBy('m.seq')
    .limit(100)
    .execute();
  let edited = 0;
  let failure: unknown;
  for (const row of rows) {
    const before = row.payload as { text?: string };
    const output = input.edit({ text: before.text ?? '', language: row.language });
    checkOutputs([output], 'message edit');
    const channel = runtime.channel(row.channel);
    try {
      if (channel?.edit && row.channel_message_id)
        await channel.edit(
          ctx,
          {
            orgId: ctx.orgId,
            channel: row.channel,
            externalId: row.external_id,
            language: row.language ?? 'en',
            lastInboundAt: row.last_inbound_at,
          },
          row.channel_message_id,
          output,
        );
    } catch (err) {
      if (!isPermanentDeliveryError(err)) {
        failure ??= err;
        continue;
      }
      runtime.log.warn({ err, messageId: row.id }, 'the channel refused to edit a sent message');
    }
    await db
      .updateTable('conversation_message')
      .set({ payload: JSON.stringify({ ...output, editedAt: ctx.clock.now().toISOString() }) })
      .where('id', '=', row.id)
      .execute();
    edited += 1;
  }
  if (failure) throw failure;
  return { edited };
}
