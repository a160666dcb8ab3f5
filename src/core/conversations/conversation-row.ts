import type { Selectable } from '../../platform/db/index.ts';
import { resolveLocale } from '../i18n/index.ts';
import type { ConversationTarget } from './channel.types.ts';
import type { ConversationTable } from './conversations.tables.ts';

export type ConversationRow = Selectable<ConversationTable>;

/** What a channel needs to know about a conversation. */
export function targetOf(row: ConversationRow): ConversationTarget {
  return {
    id: row.id,
    orgId: row.org_id,
    channel: row.channel,
    externalId: row.external_id,
    language: resolveLocale(row.language),
    lastInboundAt: row.last_inbound_at,
  };
}

/** A reply the outbox gave up on: the channel refused it for good, or it failed on its last attempt. */
export interface FailedReply {
  id: string;
  channel: string;
  /** Why (the outbox's status: `dead`, `undeliverable`) and the channel's words. */
  code: string;
  message: string;
}
