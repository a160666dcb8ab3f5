import { type Db, sql } from '../../platform/db/index.ts';
import { auditRowsInsertSql } from '../audit/index.ts';
import { preferredLanguageUpdateSql } from '../contacts/index.ts';
import type { ActorRef, Ctx } from '../context/index.ts';
import { chatRepliesInsertSql } from '../notifications/index.ts';

// Group commit of the chat's hot writes (issue 43, item 1): the inbound messages webhooks store and the
// steps' results (conversation state and version, the inbound message's fate, the replies as outbox
// rows) of every chat running at the same moment in this app go to the database together, one
// multi-row statement per kind and one commit per batch, instead of one statement and commit each.

/** An inbound message as stored (`storeInbound`), values already normalized. */
export interface InboundWrite {
  channel: string;
  externalId: string;
  displayName: string | null;
  channelMessageId: string;
  sequence: number | null;
  tap: string | null;
  /** JSON text of the stored input. */
  payload: string;
  /** JSON text of the channel's raw message. */
  raw: string;
  status: 'received' | 'unhandled';
  sentAt: Date;
  now: Date;
}

/** What storing an inbound message gave: `messageId` null for a repeated delivery. */
export interface InboundStored {
  conversationId: string;
  messageId: string | null;
  status: string | null;
}

/** A step's result over the conversation version it started from (`commitStep`). */
export interface StepWrite {
  conversationId: string;
  version: number;
  channel: string;
  messageId: string;
  contactId: string | null;
  /** A held message: only the message's fate and the contact change. */
  held: boolean;
  flow: string | null;
  state: string | null;
  context: Record<string, unknown> | null;
  pendingPrompt: string | null;
  /**
   * A language the person chose or showed in this step: the conversation's, and their contact's
   * preferred language too (not a merged contact's), with a `contacts.contact.updated` audit event
   * when it changes it, in the same statement.
   */
  language: string | null;
  repeated: boolean;
  /**
   * The replies, as outbox rows to the conversation's person (`body`: their words, for lists and
   * search), in the language they were written in (`locale`). Written `queued`, unless the channel
   * answers inline (USSD, the simulator: `sentOnCommit`), whose replies leave with the answer.
   */
  replies: Array<{ id: string; payload: Record<string, unknown>; attachment: Buffer | null; body: string }>;
  locale: string;
  sentOnCommit: boolean;
  /**
   * Where the conversation stood when the step began, kept on the inbound message (`started_from`): a
   * message the person made before this one that arrives after it was answered is handled from there,
   * as the person wrote it (issue 55).
   */
  startedFrom: StepStartPoint | null;
  now: Date;
}

/** The conversation's dialogue as a step found it. */
export interface StepStartPoint {
  flow: string | null;
  state: string | null;
  context: Record<string, unknown>;
  pendingPrompt: string | null;
}

export interface GroupCommit {
  /** Stores an inbound message with its conversation; resolves once the batch holding it committed. */
  inbound(ctx: Ctx, write: InboundWrite): Promise<InboundStored>;
  /** Writes a step's result; false: the conversation had moved past `version` (nothing written). */
  step(ctx: Ctx, write: StepWrite): Promise<boolean>;
  /**
   * Writes what is waiting now, without waiting out the window, and resolves once every batch under
   * way committed; writes that come later go at once (no timer is left behind). The app calls it on
   * close, after its webhooks and jobs stopped and before its database closes.
   */
  close(): Promise<void>;
}

export interface GroupCommitOptions {
  /** How long the first write of a batch waits for others (default 2 ms). */
  windowMs?: number;
  /** A batch this full goes at once (default 64). */
  maxBatch?: number;
}

type Entry =
  | { kind: 'inbound'; orgId: string; write: InboundWrite; done: Settle<InboundStored> }
  | { kind: 'step'; orgId: string; by: Author; write: StepWrite; done: Settle<boolean> };
/** Who a step's audit event names: the step's actor and request. */
type Author = { actor: ActorRef; requestId: string | null };
const authorOf = (ctx: Ctx): Author => ({ actor: ctx.actor, requestId: ctx.requestId ?? null });
type Settle<T> = { resolve: (value: T) => void; reject: (err: unknown) => void };
type InboundEntry = Extract<Entry, { kind: 'inbound' }>;
type StepEntry = Extract<Entry, { kind: 'step' }>;

export const GROUP_COMMIT_WINDOW_MS = 2;
export const GROUP_COMMIT_MAX_BATCH = 64;

/**
 * A batcher of one app (one database). The first write arms a timer of `windowMs`; the writes that
 * arrive meanwhile, up to `maxBatch`, go with it in one transaction, and those arriving while a batch
 * is being written go in the next, at once. Each caller's promise settles when its batch committed,
 * so a webhook that awaits it answers only for a stored message, and a step's replies are sent only
 * once stored. A batch that fails is written again one write at a time, each alone: one bad write
 * fails alone and nothing is half-written (each write is one statement). On PGlite, with one
 * connection, batches simply follow each other.
 */
export function createGroupCommit(options: GroupCommitOptions = {}): GroupCommit {
  const windowMs = options.windowMs ?? GROUP_COMMIT_WINDOW_MS;
  const maxBatch = options.maxBatch ?? GROUP_COMMIT_MAX_BATCH;
  let waiting: Entry[] = [];
  /** The database of the batch: any waiting caller's (raw SQL names each row's organization). */
  let db: Db | undefined;
  let timer: NodeJS.Timeout | undefined;
  /** The batches being written, one after another, while writes keep waiting. */
  let writing: Promise<void> | undefined;
  let closed = false;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (writing || waiting.length === 0) return writing ?? Promise.resolve();
    const run = async () => {
      try {
        while (waiting.length > 0) {
          const { batch, rest } = nextBatch(waiting, maxBatch);
          waiting = rest;
          await writeBatch(db!, batch);
        }
      } finally {
        writing = undefined;
      }
    };
    writing = run();
    return writing;
  };

  const add = (ctx: Ctx, entry: Entry) => {
    db = ctx.db;
    waiting.push(entry);
    if (writing) return; // the batch in flight takes it next
    if (closed || waiting.length >= maxBatch) void flush();
    else if (!timer) timer = setTimeout(() => void flush(), windowMs);
  };

  return {
    inbound(ctx, write) {
      if (ctx.db.isTransaction) return writeInbound(ctx.db, [{ orgId: ctx.orgId, write }]).then((r) => r[0]!);
      return new Promise((resolve, reject) =>
        add(ctx, { kind: 'inbound', orgId: ctx.orgId, write, done: { resolve, reject } }),
      );
    },
    step(ctx, write) {
      if (ctx.db.isTransaction)
        return writeSteps(ctx.db, [{ orgId: ctx.orgId, by: authorOf(ctx), write }]).then((moved) =>
          moved.has(write.conversationId),
        );
      return new Promise((resolve, reject) =>
        add(ctx, { kind: 'step', orgId: ctx.orgId, by: authorOf(ctx), write, done: { resolve, reject } }),
      );
    },
    async close() {
      closed = true;
      await flush();
    },
  };
}

/**
 * Up to `maxBatch` waiting writes, in arrival order, and the rest; a second step of a conversation
 * already in the batch waits for the next one (its version is the one this batch's step makes).
 */
function nextBatch(waiting: Entry[], maxBatch: number): { batch: Entry[]; rest: Entry[] } {
  const batch: Entry[] = [];
  const rest: Entry[] = [];
  const conversations = new Set<string>();
  for (const e of waiting) {
    const again = e.kind === 'step' && conversations.has(e.write.conversationId);
    if (batch.length >= maxBatch || again) rest.push(e);
    else {
      batch.push(e);
      if (e.kind === 'step') conversations.add(e.write.conversationId);
    }
  }
  return { batch, rest };
}

async function writeBatch(db: Db, batch: Entry[]): Promise<void> {
  const inbound = batch.filter((e): e is InboundEntry => e.kind === 'inbound');
  // In conversation order, so two processes' batches take the conversation rows in one order.
  const steps = batch
    .filter((e): e is StepEntry => e.kind === 'step')
    .sort((a, b) => (a.write.conversationId < b.write.conversationId ? -1 : 1));
  const write = async (on: Db) => {
    const stored = inbound.length ? await writeInbound(on, inbound) : [];
    const moved = steps.length ? await writeSteps(on, steps) : new Set<string>();
    return { stored, moved };
  };
  try {
    // One kind: one statement, its own commit; both: a statement each and one commit.
    const kinds = [inbound, steps].filter((k) => k.length > 0).length;
    const { stored, moved } = kinds > 1 ? await db.transaction().execute(write) : await write(db);
    for (const [i, e] of inbound.entries()) e.done.resolve(stored[i]!);
    for (const e of steps) e.done.resolve(moved.has(e.write.conversationId));
  } catch (err) {
    if (batch.length === 1) {
      batch[0]!.done.reject(err);
      return;
    }
    // Nothing of the batch was written: each write again alone, so only a bad one fails.
    for (const e of batch) {
      try {
        if (e.kind === 'inbound') e.done.resolve((await writeInbound(db, [e]))[0]!);
        else e.done.resolve((await writeSteps(db, [e])).has(e.write.conversationId));
      } catch (one) {
        e.done.reject(one);
      }
    }
  }
}

/**
 * Inbound messages and their conversations in one statement, in the order given. Raw SQL across
 * organizations: each row names its own `org_id`. A repeated delivery (stored before, or twice in
 * this batch) gets `messageId` null.
 */
async function writeInbound(
  db: Db,
  entries: ReadonlyArray<{ orgId: string; write: InboundWrite }>,
): Promise<InboundStored[]> {
  const col = <T>(f: (w: InboundWrite) => T) => entries.map((e) => f(e.write));
  const { rows } = await sql<{
    n: string;
    conversation_id: string;
    id: string | null;
    status: string | null;
  }>`
    with v as (
      select * from unnest(${entries.map((e) => e.orgId)}::uuid[], ${col((w) => w.channel)}::text[],
        ${col((w) => w.externalId)}::text[], ${col((w) => w.displayName)}::text[],
        ${col((w) => w.sentAt)}::timestamptz[], ${col((w) => w.now)}::timestamptz[],
        ${col((w) => w.channelMessageId)}::text[], ${col((w) => w.sequence)}::bigint[],
        ${col((w) => w.tap)}::text[], ${col((w) => w.payload)}::jsonb[], ${col((w) => w.raw)}::jsonb[],
        ${col((w) => w.status)}::text[])
        with ordinality as v(org_id, channel, external_id, display_name, sent_at, now, channel_message_id,
          sequence_no, tap_key, payload, raw, status, n)
    ), c as (
      insert into conversation (org_id, channel, external_id, display_name, last_inbound_at, created_at, updated_at)
      select org_id, channel, external_id,
        (array_agg(display_name order by n desc) filter (where display_name is not null))[1],
        max(sent_at), max(now), max(now)
      from v group by org_id, channel, external_id
      order by org_id, channel, external_id
      on conflict (org_id, channel, external_id) do update set
        display_name = coalesce(excluded.display_name, conversation.display_name),
        last_inbound_at = greatest(conversation.last_inbound_at, excluded.last_inbound_at),
        updated_at = excluded.updated_at
      returning id, org_id, channel, external_id
    ), m as (
      insert into conversation_message
        (org_id, conversation_id, direction, channel, channel_message_id, sequence_no, tap_key, payload, raw, status,
         at, status_at)
      select v.org_id, c.id, 'in', v.channel, v.channel_message_id, v.sequence_no, v.tap_key, v.payload, v.raw,
        v.status, v.sent_at, v.now
      from v join c on c.org_id = v.org_id and c.channel = v.channel and c.external_id = v.external_id
      order by v.n
      on conflict do nothing
      returning id, org_id, channel, channel_message_id, status
    )
    select v.n, c.id as conversation_id, m.id, m.status
    from v join c on c.org_id = v.org_id and c.channel = v.channel and c.external_id = v.external_id
    left join m on m.org_id = v.org_id and m.channel = v.channel and m.channel_message_id = v.channel_message_id
    order by v.n`.execute(db);
  const claimed = new Set<string>();
  return rows.map((r) => {
    // The same message twice in one batch: the first takes it, the second is the repeat.
    const first = r.id !== null && !claimed.has(r.id);
    if (first) claimed.add(r.id!);
    return {
      conversationId: r.conversation_id,
      messageId: first ? r.id : null,
      status: first ? r.status : null,
    };
  });
}

/**
 * Steps' results in one statement: each conversation moves only from the version its step read, and
 * its message's fate (with where the step started from) and replies are written only with it; the
 * replies are outbox rows to the conversation's person, `queued` and urgent (the person waits: the
 * step's process sends them at once, `Outbox.sendNow`, else any dispatcher); a language chosen
 * moves to the contact with its audit event (`StepWrite.language`). Returns the conversations that
 * moved. Raw SQL across organizations: each row names its own `org_id`.
 */
async function writeSteps(
  db: Db,
  entries: ReadonlyArray<{ orgId: string; by: Author; write: StepWrite }>,
): Promise<Set<string>> {
  const col = <T>(f: (w: StepWrite) => T) => entries.map((e) => f(e.write));
  const by = <T>(f: (a: Author) => T) => entries.map((e) => f(e.by));
  const replies = entries.flatMap((e) =>
    e.write.replies.map((r) => ({ ...r, orgId: e.orgId, write: e.write })),
  );
  const { rows } = await sql<{ id: string }>`
    with v as (
      select * from unnest(${entries.map((e) => e.orgId)}::uuid[], ${col((w) => w.conversationId)}::uuid[],
        ${col((w) => w.version)}::int[], ${col((w) => w.contactId)}::uuid[], ${col((w) => w.held)}::bool[],
        ${col((w) => w.flow)}::text[], ${col((w) => w.state)}::text[],
        ${col((w) => (w.context ? JSON.stringify(w.context) : null))}::jsonb[], ${col((w) => w.pendingPrompt)}::text[],
        ${col((w) => w.language)}::text[], ${col((w) => `{${w.replies.map((r) => r.id).join(',')}}`)}::text[],
        ${col((w) => w.repeated)}::bool[], ${col((w) => w.messageId)}::uuid[], ${col((w) => w.now)}::timestamptz[],
        ${col((w) => (w.startedFrom ? JSON.stringify(w.startedFrom) : null))}::jsonb[],
        ${by((a) => a.actor.type)}::text[], ${by((a) => a.actor.id)}::text[], ${by((a) => a.actor.label)}::text[],
        ${by((a) => a.requestId)}::text[])
        as v(org_id, id, version, contact_id, held, flow, state, context, pending_prompt, language, last_step_replies,
          repeated, message_id, now, started_from, actor_type, actor_id, actor_label, request_id)
    ), conv as (
      update conversation c set version = c.version + 1, updated_at = v.now, contact_id = v.contact_id,
        flow = case when v.held then c.flow else v.flow end,
        state = case when v.held then c.state else v.state end,
        context = case when v.held then c.context else v.context end,
        pending_prompt = case when v.held then c.pending_prompt else v.pending_prompt end,
        last_activity_at = case when v.held then c.last_activity_at else v.now end,
        language = case when v.held then c.language else coalesce(v.language, c.language) end,
        last_step_replies = case when v.held then c.last_step_replies else v.last_step_replies::uuid[] end,
        last_step_repeated = case when v.held then c.last_step_repeated else v.repeated end
      from v
      where c.org_id = v.org_id and c.id = v.id and c.version = v.version
      returning c.id, c.channel, c.external_id
    ), chosen as (
      -- a language the person chose or showed, where it changes their (live) contact's
      select v.*, conv.channel, ct.preferred_language as was
      from v join conv on conv.id = v.id
      join contact ct on ct.org_id = v.org_id and ct.id = v.contact_id
      where not v.held and v.language is not null and ct.merged_into_id is null
        and ct.preferred_language is distinct from v.language
    ), contact_language as (
      -- merged is checked again on the row as it is when written: a merge committed meanwhile wins
      ${preferredLanguageUpdateSql(sql`chosen`)}
    ), language_audit as (
      -- audited only where the contact was written
      ${auditRowsInsertSql(sql`
        select org_id, actor_type, actor_id, actor_label, 'contacts.contact.updated', 'contact', contact_id::text,
          jsonb_build_object('preferredLanguage', was), jsonb_build_object('preferredLanguage', language),
          request_id, jsonb_build_object('via', channel)
        from chosen join contact_language written on written.id = chosen.contact_id`)}
    ), inbound as (
      update conversation_message m
      set status = case when v.held then 'held' else 'processed' end, status_at = v.now,
        started_from = v.started_from
      from v
      where m.org_id = v.org_id and m.id = v.message_id and v.id in (select id from conv)
    ), replies as (
      ${chatRepliesInsertSql(sql`
        select r.org_id, r.id, conv.channel, conv.external_id as recipient, r.locale, r.body, r.payload,
          r.attachment, r.sent, r.now, r.n
        from unnest(${replies.map((r) => r.orgId)}::uuid[], ${replies.map((r) => r.id)}::uuid[],
          ${replies.map((r) => r.write.conversationId)}::uuid[], ${replies.map((r) => r.write.locale)}::text[],
          ${replies.map((r) => r.body)}::text[], ${replies.map((r) => JSON.stringify(r.payload))}::jsonb[],
          ${replies.map((r) => r.attachment)}::bytea[], ${replies.map((r) => r.write.sentOnCommit)}::bool[],
          ${replies.map((r) => r.write.now)}::timestamptz[])
          with ordinality as r(org_id, id, conversation_id, locale, body, payload, attachment, sent, now, n)
        join conv on conv.id = r.conversation_id`)}
    )
    select id from conv`.execute(db);
  return new Set(rows.map((r) => r.id));
}
