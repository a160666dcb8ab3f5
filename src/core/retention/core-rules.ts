import { sql } from 'kysely';
import type { FileStore } from '../files/index.ts';
import { SETTLED_STATUSES } from '../notifications/index.ts';
import type { RetentionRule } from './retention.types.ts';

// The core's own kinds. Each `eligible` names only what may go now and leaves out what is still
// needed; `t` is the rule's table, already limited to the organization.

const conversationContact = sql`(select c.contact_id from conversation c where c.id = t.conversation_id)`;

/** Raw webhook payloads stored with inbound messages: the payload is dropped, the message stays. */
export const rawPayloadsRule: RetentionRule = {
  kind: 'conversations.raw_payloads',
  label: 'retention.kinds.raw_payloads',
  defaultDays: 30,
  table: 'conversation_message',
  eligible: (s) => sql<boolean>`t.raw is not null and t.raw <> 'null'::jsonb and t.at < ${s.cutoff}
    and t.status not in ('received', 'queued', 'sending') and not ${s.contactKept(conversationContact)}`,
  mask: sql`raw = null`,
};

/**
 * Every message people sent, once handled and old enough. What went to them is the outbox's
 * (`chatOutboxMessagesRule`, the same period by default).
 */
export const conversationMessagesRule: RetentionRule = {
  kind: 'conversations.messages',
  label: 'retention.kinds.messages',
  defaultDays: 180,
  table: 'conversation_message',
  eligible: (s) => sql<boolean>`t.at < ${s.cutoff} and t.status <> 'received'
    and not ${s.contactKept(conversationContact)}`,
};

/** A notification's delivery log: it goes with the notification. */
const notificationEventBytes = sql`(select sum(pg_column_size(e.*)) from notification_event e
  where e.org_id = t.org_id and e.notification_id = t.id)`;

/**
 * Outbox messages that were delivered (or given up on); their delivery log goes with them. Chat
 * messages (a bot's reply, a staff message: `sent_by` set) are history, kept by their own rule.
 */
export const deliveredNotificationsRule: RetentionRule = {
  kind: 'notifications.delivered',
  label: 'retention.kinds.delivered',
  defaultDays: 30,
  table: 'notification',
  eligible: (s) => sql<boolean>`t.sent_by is null and ((t.status = 'sent' and t.sent_at < ${s.cutoff})
      or (t.status = 'failed' and t.created_at < ${s.cutoff}))
    and not ${s.contactKept(sql`t.contact_id`)}`,
  extraBytes: notificationEventBytes,
};

/** The contact of the conversation an outbox row belongs to (its person on its channel). */
const recipientContact = sql`coalesce(t.contact_id, (select c.contact_id from conversation c
  where c.org_id = t.org_id and c.channel = t.channel and c.external_id = t.recipient))`;

/**
 * The bot's replies and staff messages (with their files), in the outbox since issue 75: the other
 * half of the conversations' history, kept as long as it by default. Only what is settled goes: a
 * message still waiting to be sent (or tried again) stays.
 */
export const chatOutboxMessagesRule: RetentionRule = {
  kind: 'notifications.chat_messages',
  label: 'retention.kinds.chat_messages',
  defaultDays: conversationMessagesRule.defaultDays,
  table: 'notification',
  eligible: (s) => sql<boolean>`t.sent_by is not null and t.created_at < ${s.cutoff}
    and t.status = any(${[...SETTLED_STATUSES]}::text[])
    and not ${s.contactKept(recipientContact)}`,
  extraBytes: notificationEventBytes,
};

/** A batch of `file_object` rows marked purged, once the marks are committed: their stored files go. */
const deleteStoredFiles =
  (files: FileStore): RetentionRule['afterCommit'] =>
  async (db, batch) => {
    const { rows } = await sql<{ storage_key: string }>`select storage_key from file_object
      where org_id = ${batch.orgId} and id = any(cast(${batch.ids} as uuid[]))`.execute(db);
    for (const { storage_key } of rows) await files.delete(storage_key);
  };

/**
 * Proof files (payment screenshots) of decided payments, a period after the decision: the bytes leave
 * the file store, the row stays (`purged_at`) because the payment points at it. A file is purged only
 * when every payment showing it is decided, old enough, and neither held nor kept (a pending refund).
 */
export function proofFilesRule(files: FileStore): RetentionRule {
  const decidedBefore = (cutoff: Date) =>
    sql`p.status in ('verified', 'denied') and coalesce(p.verified_at, p.denied_at) < ${cutoff}`;
  return {
    kind: 'payments.proof_files',
    label: 'retention.kinds.proof_files',
    defaultDays: 365,
    table: 'file_object',
    eligible: (s) => sql<boolean>`t.purged_at is null
      and exists (select 1 from payment p where p.org_id = t.org_id and p.proof_file_id = t.id)
      and not exists (select 1 from payment p where p.org_id = t.org_id and p.proof_file_id = t.id
        and not (${decidedBefore(s.cutoff)} and not ${s.paymentKept(sql`p.id`)}
          and not ${s.contactKept(sql`p.payer_contact_id`)}))`,
    mask: sql`purged_at = now()`,
    extraBytes: sql`t.size_bytes`,
    afterCommit: deleteStoredFiles(files),
  };
}

/**
 * What an operator uploaded to import from the original system (its whole dump: password hashes,
 * e-mails, meter keys): a run deletes its upload when it ends; an upload only dry-run goes after
 * this period. The row stays (`purged_at`), naming the file that was there.
 */
export function importUploadsRule(files: FileStore): RetentionRule {
  return {
    kind: 'imports.uploads',
    label: 'retention.kinds.import_uploads',
    defaultDays: 7,
    table: 'file_object',
    eligible: (s) =>
      sql<boolean>`t.purged_at is null and t.purpose = 'import_source' and t.created_at < ${s.cutoff}`,
    mask: sql`purged_at = now()`,
    extraBytes: sql`t.size_bytes`,
    afterCommit: deleteStoredFiles(files),
  };
}

/**
 * Personal values in old audit entries (names, phones, e-mails, message texts) are masked; the entry,
 * its action, actor and subject stay. The append-only trigger allows exactly this update, inside a
 * transaction that set `opsdesk.audit_masking` (migration 20261221_0001).
 */
export const auditPersonalRule: RetentionRule = {
  kind: 'platform.audit_personal',
  label: 'retention.kinds.audit_personal',
  defaultDays: 365,
  table: 'audit_event',
  key: { column: 'id', type: 'bigint' },
  eligible: (s) => sql<boolean>`t.masked_at is null and t.at < ${s.cutoff}
    and not (t.subject_type = 'contact' and exists (select 1 from v_retention_held_contact h
      where h.org_id = t.org_id and h.id::text = t.subject_id))
    and not (t.subject_type = 'payment' and exists (select 1 from v_retention_held_payment h
      where h.org_id = t.org_id and h.id::text = t.subject_id))`,
  mask: sql`before = opsdesk_mask_personal(before), after = opsdesk_mask_personal(after),
    meta = opsdesk_mask_personal(meta),
    actor_label = case when actor_type = 'contact' then '***' else actor_label end, masked_at = now()`,
  async beforeRemove(trx) {
    await sql`select set_config('opsdesk.audit_masking', 'on', true)`.execute(trx);
  },
};
