import { type Db, sql } from '../../platform/db/index.ts';
import { stampSuccesses } from '../channel-health/index.ts';

/** A reply the channel accepted, to be recorded as `sent` under the channel's id. */
export interface SentReply {
  id: string;
  /** The chat channel it went out through: its account is stamped as working. */
  channel: string;
  /** null: the channel gave none. */
  channelMessageId: string | null;
  at: Date;
}

/**
 * Records replies the channel accepted as `sent`, in one statement, across conversations and
 * organizations: the app's group commit (`GroupCommit.sent`) batches them with the other chat writes
 * of the moment (issue 29: one statement and commit per reply was a third of a chat step's commits).
 * Raw SQL over every organization in the batch: each row names its own `org_id`. Once claimed, the
 * outcome lands whatever another process marked meanwhile (`unconfirmed`), and a reply sent again
 * drops the error of the attempt that left it unconfirmed: staff see it sent, not failed. The same
 * statement ends any run of failures of the accounts they went out through (no round trip more per
 * reply). A process that dies before it leaves the reply `sending`, as a death just before a single
 * update would (its next run marks it `unconfirmed`, the channel's report settles it).
 */
export async function writeSent(db: Db, batch: ReadonlyArray<SentReply & { orgId: string }>): Promise<void> {
  await sql`
    with sent as (
      update conversation_message m
      set status = 'sent', channel_message_id = r.channel_message_id, status_at = r.at, error = null
      from unnest(${batch.map((w) => w.orgId)}::uuid[], ${batch.map((w) => w.id)}::uuid[],
        ${batch.map((w) => w.channelMessageId)}::text[], ${batch.map((w) => w.at)}::timestamptz[])
        as r(org_id, id, channel_message_id, at)
      where m.org_id = r.org_id and m.id = r.id and m.status in ('sending', 'unconfirmed')
      returning m.org_id, m.channel, r.at
    )
    ${stampSuccesses('sent')}`.execute(db);
}
