import type { App } from '../../src/app/build-app.ts';
import type { ConversationsTables } from '../../src/core/conversations/index.ts';
import { eventually } from './eventually.ts';

export interface StoredMessage {
  direction: 'in' | 'out';
  status: string;
  channelMessageId: string | null;
}

/**
 * One chat's stored messages in order, in and out. A channel test asserts on these ("the message
 * was handled, and one reply exists") instead of waiting a while to see that nothing else arrived.
 */
export async function storedChat(app: App, channel: string, externalId: string): Promise<StoredMessage[]> {
  const rows = await app.database.db
    .withTables<ConversationsTables>()
    .selectFrom('conversation_message as m')
    .innerJoin('conversation as c', 'c.id', 'm.conversation_id')
    .select(['m.direction', 'm.status', 'm.channel_message_id'])
    .where('c.channel', '=', channel)
    .where('c.external_id', '=', externalId)
    .orderBy('m.seq')
    .execute();
  return rows.map((r) => ({
    direction: r.direction,
    status: r.status,
    channelMessageId: r.channel_message_id,
  }));
}

/** Polls until every inbound message of the chat is handled (none left `received`); returns the chat. */
export async function handledChat(
  app: App,
  channel: string,
  externalId: string,
  timeoutMs = 25_000,
): Promise<StoredMessage[]> {
  return eventually(
    async () => {
      const chat = await storedChat(app, channel, externalId);
      const inbound = chat.filter((m) => m.direction === 'in');
      return inbound.length > 0 && inbound.every((m) => m.status !== 'received') ? chat : undefined;
    },
    { timeoutMs, what: `chat ${externalId} to be handled` },
  );
}
