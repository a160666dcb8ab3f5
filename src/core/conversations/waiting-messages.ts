import { sql } from '../../platform/db/index.ts';
import type { ContactsTables } from '../contacts/index.ts';
import type { Ctx } from '../context/index.ts';
import type { Locale } from '../i18n/index.ts';
import { mayBeUnseenSql } from '../notifications/index.ts';
import type { ConversationRow } from './conversation-row.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import type { StoredInput } from './flow.types.ts';
import type { StepStartPoint } from './group-commit.ts';
import { earlierMissingSql, type OrderedMessage, type SequencedChannels } from './inbound-order.ts';

// The reads of a conversation's job (`answerWaitingMessages`): what it has waiting, with the conversation.

export type WaitingMessage = {
  id: string;
  input: StoredInput;
  raw: unknown;
  /** A button press: the message pressed and the button (`InboundMessage.tap`). */
  tapKey: string | null;
  /**
   * Set when the person made this message before one already answered (it arrived late, issue 55):
   * where the conversation stood when the first such message was handled, the point this one was
   * written from.
   */
  lateFrom: StepStartPoint | null;
} & OrderedMessage;
/** The conversation's contact as the step needs it, read with the conversation (null: none or gone). */
export type KnownContact = { id: string; language: Locale | null };
export type Waiting = {
  conversation: ConversationRow;
  contact: KnownContact | null;
  message: WaitingMessage;
  /** The last step's replies that never left, unless they were asked again already (`UNSENT_REPLIES`). */
  unsentReplies: string[];
  /** The organization's version (`runtime.organization`): read again only when it changed. */
  orgVersion: string | null;
};

/** The organization's version, read with the waiting messages (the step reads it again only on a change). */
const ORG_VERSION = (orgId: string) =>
  sql<string | null>`(select o.version from v_orgs_organization o where o.org_id = ${orgId})`;

/** What the reads below select from the conversation's contact, besides the conversation. */
const contactOfRow = (row: { contact_found: string | null; contact_language: Locale | null }) =>
  row.contact_found ? { id: row.contact_found, language: row.contact_language } : null;

/**
 * The ids of the conversation's last replies the person may never have seen (the outbox's word for
 * it, `mayBeUnseenSql`), in order, unless the last step was already such a prompt asked again;
 * selected with the conversation `c` (issue 40, item 12; issue 55: the prompt is asked again instead of
 * the next text being taken as its answer).
 */
const unsentReplies = (reporting: ReadonlyArray<string>) => sql<
  string[] | null
>`case when not c.last_step_repeated then (
    select array_agg(o.id::text order by o.seq) from notification o
    where o.org_id = c.org_id and o.id = any(c.last_step_replies) and ${mayBeUnseenSql('o', reporting)}) end`;

/**
 * Where the conversation stood when it first handled a message the person made after `m` (by the
 * channel's number when both have one, else by date, to the second), in the order they were handled;
 * null when none was (the message is not late). Over the conversation's own rows.
 */
const LATE_FROM = sql<StepStartPoint | null>`(
    select p.started_from from conversation_message p
    where p.org_id = m.org_id and p.conversation_id = m.conversation_id and p.direction = 'in'
      and p.status = 'processed' and p.started_from is not null and p.id <> m.id
      and case when p.sequence_no is not null and m.sequence_no is not null
        then p.sequence_no > m.sequence_no else p.at > m.at end
    order by p.status_at, p.seq limit 1)`;

type PendingRow = ConversationRow & {
  contact_found: string | null;
  contact_language: Locale | null;
  unsent_replies: string[] | null;
  message_id: string | null;
  message_payload: Record<string, unknown>;
  message_raw: unknown;
  message_sequence_no: string | null;
  message_at: Date;
  message_status_at: Date;
  message_tap_key: string | null;
  message_late_from: StepStartPoint | null;
  message_earlier_missing: boolean | null;
  org_version: string | null;
};

/**
 * What a conversation has waiting, with the conversation, in one round trip: its unhandled inbound
 * messages in the order the person made them (`ORDERED`; the partial index on the waiting status
 * serves it), each with whether a message of a smaller number is missing (`earlierMissingSql`, on the
 * channels `sequenced` names). Its replies are the outbox's: none waits here. Raw SQL: it filters on
 * `org_id` itself.
 */
export async function pendingOf(
  ctx: Ctx,
  conversationId: string,
  reporting: ReadonlyArray<string>,
  sequenced: SequencedChannels,
): Promise<(Omit<Waiting, 'message'> & { inbound: WaitingMessage[] }) | undefined> {
  const { rows } = await sql<PendingRow>`
    select c.*, ct.id as contact_found, ct.preferred_language as contact_language,
      ${unsentReplies(reporting)} as unsent_replies,
      m.id as message_id, m.payload as message_payload, m.raw as message_raw,
      m.sequence_no as message_sequence_no, m.at as message_at, m.status_at as message_status_at,
      m.tap_key as message_tap_key, ${LATE_FROM} as message_late_from,
      ${earlierMissingSql(sequenced)} as message_earlier_missing, ${ORG_VERSION(ctx.orgId)} as org_version
    from conversation_message m
    join conversation c on c.id = m.conversation_id and c.org_id = m.org_id
    left join contact ct on ct.id = c.contact_id
    where m.org_id = ${ctx.orgId} and m.conversation_id = ${conversationId} and m.status = 'received'
    order by m.sequence_no nulls first, m.at, m.seq`.execute(ctx.db);
  if (!rows[0]) return undefined;
  const {
    message_id,
    message_payload,
    message_raw,
    message_sequence_no,
    message_at,
    message_status_at,
    message_tap_key,
    message_late_from,
    message_earlier_missing,
    contact_found,
    contact_language,
    unsent_replies,
    org_version,
    ...conversation
  } = rows[0];
  return {
    conversation: conversation as ConversationRow,
    contact: contactOfRow(rows[0]),
    unsentReplies: unsent_replies ?? [],
    orgVersion: org_version,
    inbound: rows.map((m) => ({
      id: m.message_id!,
      input: m.message_payload as StoredInput,
      raw: m.message_raw,
      sequenceNo: m.message_sequence_no,
      sentAt: m.message_at,
      arrivedAt: m.message_status_at,
      tapKey: m.message_tap_key,
      lateFrom: m.message_late_from,
      earlierMissing: m.message_earlier_missing === true,
    })),
  };
}

/**
 * The next waiting message (in the person's order) with its conversation, and whether one of a
 * smaller number is missing, in one round trip.
 */
export async function oldestWaiting(
  ctx: Ctx,
  conversationId: string,
  reporting: ReadonlyArray<string>,
  sequenced: SequencedChannels,
): Promise<Waiting | undefined> {
  const found = await ctx.db
    .withTables<ConversationsTables & ContactsTables>()
    .selectFrom('conversation_message as m')
    .innerJoin('conversation as c', 'c.id', 'm.conversation_id')
    .leftJoin('contact as ct', 'ct.id', 'c.contact_id')
    .selectAll('c')
    .select(['ct.id as contact_found', 'ct.preferred_language as contact_language'])
    .select(['m.id as message_id', 'm.payload as message_payload', 'm.raw as message_raw'])
    .select([
      'm.sequence_no as message_sequence_no',
      'm.at as message_at',
      'm.status_at as message_status_at',
      'm.tap_key as message_tap_key',
    ])
    .select(LATE_FROM.as('message_late_from'))
    .select(earlierMissingSql(sequenced).as('message_earlier_missing'))
    .select(unsentReplies(reporting).as('unsent_replies'))
    .select(ORG_VERSION(ctx.orgId).as('org_version'))
    .where('m.conversation_id', '=', conversationId)
    .where('m.direction', '=', 'in')
    .where('m.status', '=', 'received')
    .orderBy(sql`m.sequence_no nulls first`)
    .orderBy('m.at')
    .orderBy('m.seq')
    .limit(1)
    .executeTakeFirst();
  if (!found) return undefined;
  const {
    message_id: id,
    message_payload: payload,
    message_raw: raw,
    message_sequence_no: sequenceNo,
    message_at: sentAt,
    message_status_at: arrivedAt,
    message_tap_key: tapKey,
    message_late_from: lateFrom,
    message_earlier_missing: earlierMissing,
    contact_found,
    contact_language,
    unsent_replies,
    org_version,
    ...conversation
  } = found;
  return {
    conversation: conversation as ConversationRow,
    contact: contactOfRow(found),
    unsentReplies: unsent_replies ?? [],
    orgVersion: org_version,
    message: {
      id,
      raw,
      input: payload as StoredInput,
      sequenceNo,
      sentAt,
      arrivedAt,
      tapKey,
      lateFrom: lateFrom as StepStartPoint | null,
      earlierMissing: earlierMissing === true,
    },
  };
}
