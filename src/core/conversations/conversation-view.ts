import type { Selectable } from '../../platform/db/index.ts';
import type { ConversationView, MessageView } from './conversations.contract.ts';
import type { ConversationMessageTable, ConversationTable } from './conversations.tables.ts';

export type { ConversationView, MessageView } from './conversations.contract.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toConversationView(row: Selectable<ConversationTable>): ConversationView {
  return {
    id: row.id,
    channel: row.channel,
    externalId: row.external_id,
    contactId: row.contact_id,
    displayName: row.display_name,
    flow: row.flow,
    state: row.state,
    context: row.context,
    language: row.language,
    paused: row.paused_at !== null,
    pausedAt: iso(row.paused_at),
    pausedBy: row.paused_by,
    lastInboundAt: iso(row.last_inbound_at),
    lastActivityAt: iso(row.last_activity_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * A row of the history: an inbound `conversation_message`, or an outbox row read as one
 * (`outbound-history.ts`).
 */
export type MessageRow = Omit<
  Selectable<ConversationMessageTable>,
  'attachment' | 'raw' | 'org_id' | 'conversation_id' | 'sequence_no' | 'tap_key' | 'started_from'
>;

export function toMessageView(row: MessageRow): MessageView {
  return {
    id: row.id,
    seq: Number(row.seq),
    direction: row.direction,
    channel: row.channel,
    channelMessageId: row.channel_message_id,
    payload: row.payload,
    status: row.status,
    error: row.error,
    sentBy: row.sent_by,
    at: row.at.toISOString(),
    statusAt: row.status_at.toISOString(),
  };
}

/** The inbound half of the history; the outbound half selects the same columns in this order. */
export const MESSAGE_COLUMNS = [
  'id',
  'seq',
  'direction',
  'channel',
  'channel_message_id',
  'payload',
  'status',
  'error',
  'sent_by',
  'at',
  'status_at',
] as const;
