import type { JobQueue } from '../../platform/jobs/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { resolveLocale } from '../i18n/index.ts';
import { recordNotificationEvent } from './notification-events.ts';
import { type NotificationView, toView, VIEW_COLUMNS } from './notification-view.ts';
import {
  type ChannelName,
  checkAttachments,
  normalizeRecipient,
  recipientProblem,
  type StoredAttachment,
} from './notifications.rules.ts';
import type { NotificationTables } from './notifications.tables.ts';
import { OUTBOX_LOOP } from './outbox-dispatcher.ts';
import { fitTemplateStaffText, withStaffText } from './staff-text.ts';
import { maskSecretFields, sealTemplateSecrets } from './template-secrets.ts';
import { checkTemplateData, type NotificationTemplate, renderCheckedTemplate } from './templates.ts';

export interface NotificationInput<D = Record<string, unknown>> {
  channel: ChannelName;
  /** E-mail address, Telegram chat id or WhatsApp wa_id. */
  to: string;
  contactId?: string | null;
  /** The template to render (its key is stored with the message). */
  template: NotificationTemplate<D>;
  data: D;
  /** Any tag (`hi`, `es-419`); unsupported languages fall back to English. */
  locale: string;
  attachments?: StoredAttachment[];
  /** A retried enqueue with the same key returns the first message instead of a second one. */
  idempotencyKey?: string;
  /** OPSDESK_SECRET_KEY: required when the template declares `secrets` (they are sealed with it). */
  secretKey?: string;
  /** Someone is waiting for it now (a token at the meter): sent before the outbox's backlog. */
  urgent?: boolean;
}

/**
 * Renders and stores a message in the caller's transaction, and wakes the outbox's dispatcher when
 * that transaction commits: the business change and the message commit together or not at all, and
 * the stored row is all the queue there is.
 * A known idempotency key returns the stored message (`created: false`) and queues nothing. The
 * template's secret fields are sealed, and the stored data and text carry them masked.
 */
export async function enqueueNotification<D>(
  ctx: Ctx,
  jobs: JobQueue,
  input: NotificationInput<D>,
): Promise<{ notification: NotificationView; created: boolean }> {
  // An address that does not fit the channel (a simulator chat, a typo) is stored as undeliverable
  // with the reason: the staff decision that caused the message stands, the outbox shows why.
  const problem = recipientProblem(input.channel, input.to);
  const recipient = problem
    ? input.to.trim().slice(0, 320) || '-'
    : normalizeRecipient(input.channel, input.to);
  const attachments = input.attachments ?? [];
  checkAttachments(attachments);
  const locale = resolveLocale(input.locale);
  // Text staff typed is fitted (links out, cut with "…") before anything renders or is stored.
  const data = fitTemplateStaffText(
    input.template,
    input.channel,
    locale,
    checkTemplateData(input.template, input.data),
  );
  const secrets = sealTemplateSecrets(input.template, data, input.secretKey, ctx.clock.now());
  const rendered = renderCheckedTemplate(input.template, locale, secrets.masked);

  return inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<NotificationTables>();
    const row = await db
      .insertInto('notification')
      .values({
        channel: input.channel,
        recipient,
        contact_id: input.contactId ?? null,
        template: input.template.key,
        // As given (a chat channel's template parameters may read any field), the staff text as
        // fitted (a WhatsApp template sends it as a parameter), the secrets masked.
        data: JSON.stringify(
          maskSecretFields(input.template, withStaffText(input.template, input.data, data)),
        ),
        locale,
        // Only e-mail has a subject; a chat message is its body.
        subject: input.channel === 'email' ? (rendered.subject ?? null) : null,
        body: rendered.body,
        html: rendered.html ?? null,
        sealed_secrets: secrets.sealed,
        secrets_expire_at: secrets.expiresAt,
        attachments: JSON.stringify(attachments),
        next_attempt_at: tx.clock.now(),
        idempotency_key: input.idempotencyKey ?? null,
        urgent: input.urgent ?? false,
        ...(problem ? { status: 'undeliverable' as const } : {}),
      })
      .onConflict((oc) => oc.columns(['org_id', 'idempotency_key']).doNothing())
      .returning(VIEW_COLUMNS)
      .executeTakeFirst();
    if (!row) {
      const prior = await db
        .selectFrom('notification')
        .select(VIEW_COLUMNS)
        .where('idempotency_key', '=', input.idempotencyKey ?? '')
        .executeTakeFirstOrThrow();
      return { notification: toView(prior), created: false };
    }
    if (problem) {
      await db.updateTable('notification').set({ last_error: problem }).where('id', '=', row.id).execute();
      await recordNotificationEvent(tx, row.id, 'undeliverable', {
        template: input.template.key,
        reason: problem,
      });
      return { notification: toView({ ...row, last_error: problem }), created: true };
    }
    await recordNotificationEvent(tx, row.id, 'queued', { template: input.template.key, locale });
    // The dispatcher of every process that works jobs looks at once, when this transaction commits.
    await jobs.wake(OUTBOX_LOOP, tx.db);
    return { notification: toView(row), created: true };
  });
}
