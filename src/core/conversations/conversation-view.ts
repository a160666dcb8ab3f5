import type { Selectable } from '../../platform/db/index.ts';
import type { ConversationMessageTable, ConversationTable } from './conversations.tables.ts';

/** A conversation as routes return it. */
export interface ConversationView {
  id: string;
  channel: string;
  externalId: string;
  contactId: string | null;
  displayName: string | null;
  flow: string | null;
  state: string | null;
  context: Record<string, unknown>;
  language: string | null;
  paused: boolean;
  pausedAt: string | null;
  pausedBy: string | null;
  lastInboundAt: string | null;
  lastActivityAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One message of the history. */
export interface MessageView {
  id: string;
  seq: number;
  direction: 'in' | 'out';
  channel: string;
  channelMessageId: string | null;
  payload: Record<string, unknown>;
  status: string;
  error: Record<string, unknown> | null;
  sentBy: string | null;
  at: string;
  statusAt: string;
}

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

export type MessageRow = Omit<
  Selectable<ConversationMessageTable>,
  'attachment' | 'raw' | 'org_id' | 'conversation_id'
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
