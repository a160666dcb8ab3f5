import { sql } from 'kysely';
import type { JobQueue } from '../../platform/jobs/index.ts';
import {
  recordSendFailure,
  recordSendSuccess,
  type SendFailure,
  sendFailureOf,
} from '../channel-health/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import type { ClaimedRow } from './delivery-claim.ts';
import { ENDED, emitNotificationOutcome } from './message-outcome.ts';
import { ChannelSendError } from './notification-channel.ts';
import { recordNotificationEvent } from './notification-events.ts';
import {
  afterFailure,
  type ChannelName,
  type DeliverySettings,
  type NotificationStatus,
} from './notifications.rules.ts';
import type { NotificationTables } from './notifications.tables.ts';
import { maskDeep, maskText } from './template-secrets.ts';

/* The record stage of a delivery: what one attempt came to (sent, unconfirmed, failed, dead), kept. */

/**
 * What the sending job does next: try this message again later, and/or wake the recipient's next one;
 * `error` says why a message that did not go out (`failed`, `dead`, `undeliverable`) did not.
 */
export interface DeliveryOutcome {
  status: NotificationStatus | 'skipped';
  retryAt?: Date;
  next?: { notificationId: string; at: Date };
  error?: { channel: ChannelName; message: string };
}

export async function markSent(ctx: Ctx, row: ClaimedRow, attempt: number, providerMessageId: string | null) {
  await inTransaction(ctx, async (tx) => {
    const updated = await tx.db
      .withTables<NotificationTables>()
      .updateTable('notification')
      .set({
        status: 'sent',
        attempts: attempt,
        sent_at: tx.clock.now(),
        provider_message_id: providerMessageId,
        last_error: null,
        claimed_at: null,
        // Sent: the secrets did their work and are erased; the stored message keeps them masked.
        ...(row.sealed_secrets !== null ? { sealed_secrets: null, secrets_erased_at: tx.clock.now() } : {}),
      })
      .where('id', '=', row.id)
      // A delivery report that came while the send was being answered (an SMS reported undelivered at
      // once, issue 52) made it `dead`: that stands.
      .where('status', 'in', ['sending', 'sent', 'unconfirmed'])
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return;
    await recordNotificationEvent(tx, row.id, 'sent', { attempt, providerMessageId });
    await recordSendSuccess(tx, row.channel);
  });
}

/**
 * A send that may have reached the person. With a reporting channel it waits `awaitReportMs` for the
 * report echoing our id (`recordDeliveryReport` makes it `sent`) and is then claimed again and
 * sent under the same id; without one it stays `unconfirmed` for staff. The recipient's line moves on.
 */
export async function recordUnconfirmed(
  ctx: Ctx,
  jobs: JobQueue,
  row: ClaimedRow,
  failed: {
    attempt: number;
    err: ChannelSendError;
    ambiguous: { awaitReportMs: number } | undefined;
    secrets: string[];
  },
): Promise<DeliveryOutcome> {
  const { attempt, err, ambiguous, secrets } = failed;
  const now = ctx.clock.now();
  const reportDueAt = ambiguous ? new Date(now.getTime() + ambiguous.awaitReportMs) : undefined;
  const message = maskText(err.message, secrets).slice(0, 1000);
  const marked = await inTransaction(ctx, async (tx) => {
    const updated = await tx.db
      .withTables<NotificationTables>()
      .updateTable('notification')
      .set({
        status: 'unconfirmed',
        attempts: attempt,
        last_error: message,
        ...(reportDueAt ? { next_attempt_at: reportDueAt } : {}),
      })
      .where('id', '=', row.id)
      // A report that came while the send was failing has made it `sent` already.
      .where('status', '=', 'sending')
      .returning(ENDED)
      .executeTakeFirst();
    if (!updated) return false;
    await recordNotificationEvent(tx, row.id, 'unconfirmed', {
      attempt,
      error: message,
      ...maskDeep(err.detail, secrets),
      ...(reportDueAt ? { reportDueAt: reportDueAt.toISOString() } : { resent: false }),
    });
    await recordSendFailure(tx, jobs, row.channel, failureOf(err, message));
    // Without a report to wait for, nobody sends it again: it is lost unless staff replay it.
    if (!reportDueAt) await emitNotificationOutcome(tx, updated, 'lost', message);
    return true;
  });
  if (!marked) return { status: 'sent', ...(await nextInLine(ctx, row, 0)) };
  return {
    status: 'unconfirmed',
    ...(reportDueAt ? { retryAt: reportDueAt } : {}),
    ...(await nextInLine(ctx, row, 0)),
  };
}

/**
 * Records a failed attempt: tried again later, or `dead` (or `undeliverable`, with the reason). A
 * failure of the account (not a refusal of this message, nor a channel that is not set up) counts
 * against the organization's account of the channel.
 */
export async function recordFailure(
  ctx: Ctx,
  jobs: JobQueue,
  row: ClaimedRow,
  failed: { attempt: number; err: unknown; settings: DeliverySettings; secrets: ReadonlyArray<string> },
): Promise<DeliveryOutcome> {
  const { attempt, err, settings, secrets } = failed;
  const now = ctx.clock.now();
  const permanent = err instanceof ChannelSendError && err.permanent;
  // A provider may echo what it refused (a template parameter, a line of the body): never the secret.
  const message = maskText(err instanceof Error ? err.message : String(err), secrets).slice(0, 1000);
  const expired = err instanceof ChannelSendError && err.undeliverable === 'secret_expired';
  const undeliverable = err instanceof ChannelSendError ? err.undeliverable : null;
  const decision: ReturnType<typeof afterFailure> | { status: 'undeliverable' } = undeliverable
    ? { status: 'undeliverable' }
    : afterFailure(attempt, permanent, now, settings);
  // A channel that said how long to wait (Telegram's retry_after) is not tried again before then.
  const waitMs = err instanceof ChannelSendError ? err.retryAfterMs : null;
  if (
    decision.status === 'failed' &&
    waitMs !== null &&
    decision.nextAttemptAt.getTime() < now.getTime() + waitMs
  )
    decision.nextAttemptAt = new Date(now.getTime() + waitMs);
  const recorded = await inTransaction(ctx, async (tx) => {
    const updated = await tx.db
      .withTables<NotificationTables>()
      .updateTable('notification')
      .set({
        status: decision.status,
        attempts: attempt,
        last_error: undeliverable ? `${undeliverable}: ${message}` : message,
        claimed_at: null,
        ...(decision.status === 'failed' ? { next_attempt_at: decision.nextAttemptAt } : {}),
        ...(expired && row.sealed_secrets !== null ? { sealed_secrets: null, secrets_erased_at: now } : {}),
      })
      .where('id', '=', row.id)
      // A report that came while the send was failing has made it `sent`: that stands.
      .where('status', '=', 'sending')
      .returning(ENDED)
      .executeTakeFirst();
    if (!updated) return false;
    await recordNotificationEvent(tx, row.id, decision.status, {
      attempt,
      error: message,
      permanent,
      ...(err instanceof ChannelSendError ? maskDeep(err.detail, secrets) : {}),
      ...(decision.status === 'failed' ? { nextAttemptAt: decision.nextAttemptAt.toISOString() } : {}),
    });
    if (!permanent && !undeliverable) await recordSendFailure(tx, jobs, row.channel, failureOf(err, message));
    if (decision.status !== 'failed')
      await emitNotificationOutcome(
        tx,
        updated,
        'lost',
        undeliverable ? `${undeliverable}: ${message}` : message,
      );
    return true;
  });
  if (!recorded) return { status: 'sent', ...(await nextInLine(ctx, row, 0)) };
  const error = { channel: row.channel, message: undeliverable ? `${undeliverable}: ${message}` : message };
  if (decision.status === 'failed') return { status: 'failed', retryAt: decision.nextAttemptAt, error };
  return { status: decision.status, error, ...(await nextInLine(ctx, row, 0)) };
}

/** A failed send as its account keeps it: the code of what the channel raised, the masked words. */
function failureOf(err: unknown, maskedMessage: string): SendFailure {
  return sendFailureOf(
    err instanceof ChannelSendError && err.cause !== undefined ? err.cause : err,
    maskedMessage,
  );
}

/** The recipient's next waiting message, to wake once this one is finished (sent or dead). */
export async function nextInLine(
  ctx: Ctx,
  row: ClaimedRow,
  paceMs: number,
): Promise<Pick<DeliveryOutcome, 'next'>> {
  const { rows } = await sql<{ id: string }>`
    select id from notification
    where org_id = ${ctx.orgId} and channel = ${row.channel} and recipient = ${row.recipient}
      and seq > ${row.seq} and status in ('queued', 'failed')
    order by seq limit 1`.execute(ctx.db);
  const next = rows[0];
  if (!next) return {};
  return { next: { notificationId: next.id, at: new Date(ctx.clock.now().getTime() + paceMs) } };
}

/**
 * A message whose send answer was lost, of which its channel said nothing in the time its report
 * takes: the provider never took it (issue 65: Africa's Talking reports every text it took, and has
 * no API to ask about one). Its open claim fails (nothing left) and the message is `dead` with why, in
 * one transaction, only while it is still `unconfirmed`: a report that came first stands, and one that
 * comes later finds nothing to settle. Raises no outcome: whoever waited for the report decides what
 * follows (prepaid sends the token again). Answers whether it did.
 */
export async function recordNeverLeft(ctx: Ctx, notificationId: string, reason: string): Promise<boolean> {
  const why = reason.slice(0, 1000);
  return inTransaction(ctx, async (tx) => {
    const updated = await tx.db
      .withTables<NotificationTables>()
      .updateTable('notification')
      .set({ status: 'dead', last_error: why, claimed_at: null })
      .where('id', '=', notificationId)
      .where('status', '=', 'unconfirmed')
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await sql`
      update notification_attempt set status = 'failed', failure_reason = ${why.slice(0, 500)}
      where org_id = ${tx.orgId} and notification_id = ${notificationId}
        and status = 'claimed' and provider_message_id is null`.execute(tx.db);
    await recordNotificationEvent(tx, notificationId, 'dead', { neverLeft: true, error: why });
    return true;
  });
}
