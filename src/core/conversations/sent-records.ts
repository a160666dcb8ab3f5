import { sql } from '../../platform/db/index.ts';
import { stampSuccesses } from '../channel-health/index.ts';
import type { Ctx } from '../context/index.ts';

/** A reply the channel accepted, to be recorded as `sent` under the channel's id. */
export interface SentReply {
  id: string;
  /** The chat channel it went out through: its account is stamped as working. */
  channel: string;
  /** null: the channel gave none. */
  channelMessageId: string | null;
  at: Date;
}

/** Records sent replies in batches (`record` resolves once its reply's record has committed). */
export interface SentRecords {
  record(ctx: Ctx, reply: SentReply): Promise<void>;
}

type Waiting = SentReply & { orgId: string; done: (err?: unknown) => void };

/**
 * Group commit of the replies' `sent` records (issue 29: one statement and commit per reply was a
 * third of a chat step's commits). A record waits for the statement in flight, then goes with every
 * other record that arrived meanwhile, across conversations and organizations, in one UPDATE; each
 * caller still waits for its own record, so a conversation's next step never sees its previous reply
 * unrecorded. A process that dies before the statement leaves the reply `sending`, exactly as a death
 * just before a single update would (its next run marks it `unconfirmed`, the channel's report settles it).
 */
export function createSentRecords(): SentRecords {
  let waiting: Waiting[] = [];
  let writing = false;

  const write = (ctx: Ctx, batch: ReadonlyArray<SentReply & { orgId: string }>) =>
    // Raw SQL over every organization in the batch: each row names its own `org_id`. Once claimed, the
    // outcome lands whatever another process marked meanwhile (`unconfirmed`), and a reply sent again
    // drops the error of the attempt that left it unconfirmed: staff see it sent, not failed. The same
    // statement ends any run of failures of the accounts they went out through (no round trip more
    // per reply).
    sql`
      with sent as (
        update conversation_message m
        set status = 'sent', channel_message_id = r.channel_message_id, status_at = r.at, error = null
        from unnest(${batch.map((w) => w.orgId)}::uuid[], ${batch.map((w) => w.id)}::uuid[],
          ${batch.map((w) => w.channelMessageId)}::text[], ${batch.map((w) => w.at)}::timestamptz[])
          as r(org_id, id, channel_message_id, at)
        where m.org_id = r.org_id and m.id = r.id and m.status in ('sending', 'unconfirmed')
        returning m.org_id, m.channel, r.at
      )
      ${stampSuccesses('sent')}`.execute(ctx.db);
  const writeOne = async (ctx: Ctx, reply: SentReply) => {
    await write(ctx, [{ ...reply, orgId: ctx.orgId }]);
  };

  const writeBatch = async (ctx: Ctx) => {
    writing = true;
    while (waiting.length > 0) {
      // In id order, so two processes' batches never lock the same rows in opposite orders.
      const batch = waiting.sort((a, b) => (a.id < b.id ? -1 : 1));
      waiting = [];
      try {
        await write(ctx, batch);
        for (const w of batch) w.done();
      } catch (err) {
        for (const w of batch) w.done(err);
      }
    }
    writing = false;
  };

  return {
    record(ctx, reply) {
      // Inside a caller's transaction a record goes alone, with that transaction.
      if (ctx.db.isTransaction) return writeOne(ctx, reply);
      return new Promise<void>((resolve, reject) => {
        waiting.push({ ...reply, orgId: ctx.orgId, done: (err) => (err ? reject(err) : resolve()) });
        // The first record starts the writer; later ones ride along with its next statement.
        if (!writing) void writeBatch(ctx);
      });
    },
  };
}
