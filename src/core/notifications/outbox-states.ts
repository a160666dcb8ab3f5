import { sql } from 'kysely';
import type { JobQueue } from '../../platform/jobs/index.ts';
import {
  recordSendFailure,
  type SendFailure,
  sendFailureOf,
  stampSuccesses,
} from '../channel-health/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { type ClaimedRow, NEVER_TAKEN } from './delivery-claim.ts';
import { ENDED, type EndedMessage, emitNotificationOutcome } from './message-outcome.ts';
import { attemptSentCtes, recordAttemptFailed, recordAttemptUnconfirmed } from './notification-attempts.ts';
import { ChannelSendError, type ChannelSent, type NotificationChannel } from './notification-channel.ts';
import { recordNotificationEvent } from './notification-events.ts';
import { VIEW_COLUMNS } from './notification-view.ts';
import {
  afterFailure,
  type ChannelName,
  type DeliverySettings,
  type NotificationStatus,
  undeliverableError,
} from './notifications.rules.ts';
import type { NotificationTables } from './notifications.tables.ts';
import { maskDeep, maskText } from './template-secrets.ts';

/*
 * The outbox's state machine (issue 75): every change of a message's status after it was stored and
 * claimed is one function of this file, each one conditional statement on the status it leaves, with
 * its delivery log line and, where the message ends, its outcome for the modules, in one transaction.
 *
 *   queued ──claimDue (delivery-claim.ts)──▶ sending ──markSent──▶ sent ──recordDelivered──▶ (delivered)
 *     ▲                                          │    ──recordUnconfirmed──▶ unconfirmed
 *     └─ recordFailure: a retry, queued again ◀──┤                               │ recordReportedSent ▶ sent
 *        with a later not_before, attempt n+1    ├─ recordFailure ─▶ failed | undeliverable (final, reason)
 *                                                ├─ recordCutOff (lease ended, repeat never safe) ▶ unconfirmed
 *                                                └─ recordSenderStopped (its process gone) ▶ queued | unconfirmed
 *   unconfirmed ──its channel's report window ended, resent once, no report again──recordNeverLeft──▶ failed
 *   sent | sending | unconfirmed ──the network reports it undelivered──recordNotDelivered──▶ failed
 *   failed | undeliverable | unconfirmed ──staff replay──requeueForReplay──▶ queued
 *
 * `failed` is final everywhere; a retry is no status (`queued`, its `attempts` and `next_attempt_at`).
 *
 * What an `unconfirmed` message becomes is its channel's declared rule (`ambiguousSends`), which the
 * dispatcher's claim and sweep apply: resent (e-mail), resent once after the report window and then
 * given up (WhatsApp, SMS), or never taken again (Telegram).
 */

/**
 * What one send came to; `error` says why a message that did not go out (`queued` again, `failed`,
 * `undeliverable`) did not, for the dispatcher's log.
 */
export interface DeliveryOutcome {
  status: NotificationStatus;
  error?: { channel: ChannelName; message: string };
  /** Sent, and the recipient's line has a message waiting behind it. */
  more?: boolean;
}

/** `next_attempt_at` of a message nothing will take again on its own (only a report or a replay moves it). */
export const NEVER = new Date('9999-12-31T00:00:00Z');

export async function markSent(
  ctx: Ctx,
  row: ClaimedRow,
  attempt: number,
  sent: ChannelSent,
): Promise<{ more: boolean }> {
  const now = ctx.clock.now();
  const { providerMessageId } = sent;
  // One statement: the attempt's answer (`attemptSentCtes`), the message, its delivery log line (a
  // chat message's history is its row: none), the account's success stamp (written at most once a
  // minute, `stampSuccesses`), and whether the recipient's line has a message waiting behind it (its
  // sender goes on with it).
  const { rows } = await sql<{ more: boolean }>`
    with ${attemptSentCtes(ctx, row, sent)}, sent as (
      update notification set status = 'sent', attempts = ${attempt}, sent_at = ${now},
        provider_message_id = ${providerMessageId}, last_error = null, claimed_at = null,
        -- sent: the secrets did their work and are erased; the stored message keeps them masked
        sealed_secrets = null,
        secrets_erased_at = case when sealed_secrets is not null then ${now}::timestamptz else secrets_erased_at end
      where org_id = ${ctx.orgId} and id = ${row.id}
        -- a delivery report that came while the send was being answered (an SMS reported undelivered at
        -- once, issue 52) made it failed: that stands
        and status in ('sending', 'sent', 'unconfirmed')
      returning org_id, id, channel, recipient, seq, payload
    ), logged as (
      insert into notification_event (org_id, notification_id, at, status, detail)
      select org_id, id, ${now}, 'sent',
        ${JSON.stringify({ attempt, providerMessageId })}::jsonb from sent where payload is null
    ), ok as (
      select org_id, channel, ${now}::timestamptz as at from sent
    ), stamped as (
      ${stampSuccesses('ok')}
    )
    select exists (
      select 1 from sent s join notification p on p.org_id = s.org_id and p.channel = s.channel
        and p.recipient = s.recipient and p.seq > s.seq and p.status = 'queued') as more
    from sent`.execute(ctx.db);
  return { more: rows[0]?.more ?? false };
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
        next_attempt_at: reportDueAt ?? NEVER,
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
  return { status: marked ? 'unconfirmed' : 'sent' };
}

/**
 * A claim whose lease ran out on a channel where a repeat is never safe (no report, no
 * deduplication): the process sending it died mid-send, and it may have reached the person. It
 * becomes `unconfirmed` for good (staff may send it again), and is lost to its module. Answers
 * whether it did (a report or a late answer may have settled it first).
 */
export async function recordCutOff(ctx: Ctx, id: string): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const updated = await tx.db
      .withTables<NotificationTables>()
      .updateTable('notification')
      .set({
        status: 'unconfirmed',
        next_attempt_at: NEVER,
        last_error: 'cut off mid-send: it may have reached the person',
      })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('next_attempt_at', '<=', tx.clock.now())
      .returning(ENDED)
      .executeTakeFirst();
    if (!updated) return false;
    await recordNotificationEvent(tx, id, 'unconfirmed', { cutOffMidSend: true, resent: false });
    await emitNotificationOutcome(tx, updated, 'lost', 'cut off mid-send: it may have reached the person');
    return true;
  });
}

/** Why a message whose sender stopped after beginning its request is `unconfirmed` (it may have left). */
/**
 * Whether the outbox row `alias` may never have been seen by its person: given up (`failed`,
 * `undeliverable`), or, on a channel that never reports what it took (`reporting` names those that
 * do), `unconfirmed` by an ambiguous send (a timeout, a 5xx, a cut connection). Not one whose sender
 * stopped after its request began: sent again, it would reach the person twice. A reporting channel's
 * unconfirmed message is settled by its report, or sent again by its rule.
 */
export function mayBeUnseenSql(alias: string, reporting: ReadonlyArray<string>) {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  return sql<boolean>`(${column('status')} in ('failed', 'undeliverable')
    or (${column('status')} = 'unconfirmed' and ${column('channel')} <> all(${[...reporting]}::text[])
      and ${column('last_error')} is distinct from ${SENDER_STOPPED}))`;
}

export const SENDER_STOPPED =
  'the process sending it stopped after its request began: it may have reached the person';

/**
 * A claim whose sender stopped (killed, or its process lost: `stoppedSenderClaims`). One that had not
 * begun its request (no attempt open) left nothing behind: `queued` again at once, in its place on
 * the recipient's line. One that had may have reached the person, and its channel's rule decides
 * (`ambiguousSends`): sent again under the same id where the receiving side deduplicates (`resend`);
 * `unconfirmed` until the channel's report of the first send could have come, then sent once more
 * (`awaitReportMs`, unless `cutOff: 'keep'`); else `unconfirmed` for good, lost to its module, for staff.
 * Answers whether it moved it (its sender may have settled it meanwhile).
 */
export async function recordSenderStopped(
  ctx: Ctx,
  claim: { id: string; opened: boolean; claimed_at: Date },
  ambiguous: NotificationChannel['ambiguousSends'],
): Promise<boolean> {
  const now = ctx.clock.now();
  const reportWindow = typeof ambiguous === 'object' && ambiguous.cutOff !== 'keep' ? ambiguous : undefined;
  const again = !claim.opened || ambiguous === 'resend';
  return inTransaction(ctx, async (tx) => {
    const updated = await tx.db
      .withTables<NotificationTables>()
      .updateTable('notification')
      .set(
        again
          ? { status: 'queued', next_attempt_at: now, claimed_at: null, claimed_by: null }
          : {
              status: 'unconfirmed',
              claimed_by: null,
              last_error: SENDER_STOPPED,
              next_attempt_at: reportWindow
                ? new Date(claim.claimed_at.getTime() + reportWindow.awaitReportMs)
                : NEVER,
            },
      )
      .where('id', '=', claim.id)
      .where('status', '=', 'sending')
      // still this claim, not one taken again since its lease ended (read back to the millisecond)
      .where(sql<Date>`date_trunc('milliseconds', claimed_at)`, '=', claim.claimed_at)
      .returning(ENDED)
      .executeTakeFirst();
    if (!updated) return false;
    await recordNotificationEvent(tx, claim.id, again ? 'queued' : 'unconfirmed', {
      senderStopped: true,
      ...(again ? {} : { resent: reportWindow !== undefined }),
    });
    if (!again && !reportWindow) await emitNotificationOutcome(tx, updated, 'lost', SENDER_STOPPED);
    return true;
  });
}

/**
 * Records a failed attempt: `queued` again for later, or `failed` (or `undeliverable`, with the reason). A
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
  // A channel that said how long to wait (Telegram's retry_after, Meta's pair rate limit) is tried again
  // then, exactly: a throttle is no failed attempt (it spends none, and counts nothing against the account).
  const waitMs = err instanceof ChannelSendError ? err.retryAfterMs : null;
  const throttled = waitMs !== null && !permanent && !undeliverable;
  const decision: ReturnType<typeof afterFailure> | { status: 'undeliverable' } = undeliverable
    ? { status: 'undeliverable' }
    : throttled
      ? { status: 'queued', nextAttemptAt: new Date(now.getTime() + Math.max(0, waitMs)) }
      : afterFailure(attempt, permanent, now, settings);
  const recorded = await inTransaction(ctx, async (tx) => {
    const updated = await tx.db
      .withTables<NotificationTables>()
      .updateTable('notification')
      .set({
        status: decision.status,
        attempts: throttled ? row.attempts : attempt,
        last_error: undeliverable ? undeliverableError(undeliverable, message) : message,
        claimed_at: null,
        ...(decision.status === 'queued' ? { next_attempt_at: decision.nextAttemptAt } : {}),
        ...(expired && row.sealed_secrets !== null ? { sealed_secrets: null, secrets_erased_at: now } : {}),
      })
      .where('id', '=', row.id)
      // A report that came while the send was failing has made it `sent`: that stands.
      .where('status', '=', 'sending')
      .returning(ENDED)
      .executeTakeFirst();
    if (!updated) return false;
    // the delivery log's line: an attempt to be tried again is a `retry`, not the message's status
    await recordNotificationEvent(tx, row.id, decision.status === 'queued' ? 'retry' : decision.status, {
      attempt,
      error: message,
      permanent,
      ...(err instanceof ChannelSendError ? maskDeep(err.detail, secrets) : {}),
      ...(decision.status === 'queued' ? { nextAttemptAt: decision.nextAttemptAt.toISOString() } : {}),
    });
    if (!permanent && !undeliverable && !throttled)
      await recordSendFailure(tx, jobs, row.channel, failureOf(err, message));
    if (decision.status !== 'queued')
      await emitNotificationOutcome(
        tx,
        updated,
        'lost',
        undeliverable ? undeliverableError(undeliverable, message) : message,
      );
    return true;
  });
  if (!recorded) return { status: 'sent' };
  const error = {
    channel: row.channel,
    message: undeliverable ? undeliverableError(undeliverable, message) : message,
  };
  return { status: decision.status, error };
}

/**
 * An attempt that did not go out, or may have: its row and the message's turn, in one transaction. A
 * send the channel left ambiguous becomes `unconfirmed` unless its channel's rule is to send again
 * (e-mail: the relay takes a message once per Message-ID), which is a failed attempt like any other.
 */
export function recordNotSent(
  ctx: Ctx,
  jobs: JobQueue,
  claimed: ClaimedRow,
  failed: {
    attempt: number;
    err: unknown;
    ambiguous: NotificationChannel['ambiguousSends'];
    settings: DeliverySettings;
    secrets: string[];
  },
): Promise<DeliveryOutcome> {
  const { attempt, err, ambiguous, settings, secrets } = failed;
  return inTransaction(ctx, async (tx) => {
    if (err instanceof ChannelSendError && err.ambiguous && ambiguous !== 'resend') {
      await recordAttemptUnconfirmed(tx, claimed);
      return recordUnconfirmed(tx, jobs, claimed, { attempt, err, ambiguous, secrets });
    }
    await recordAttemptFailed(tx, claimed, {
      reason: maskText(err instanceof Error ? err.message : String(err), secrets),
      nothingSent: err instanceof ChannelSendError && err.nothingSent,
    });
    return recordFailure(tx, jobs, claimed, { attempt, err, settings, secrets });
  });
}

/** A failed send as its account keeps it: the code of what the channel raised, the masked words. */
function failureOf(err: unknown, maskedMessage: string): SendFailure {
  return sendFailureOf(
    err instanceof ChannelSendError && err.cause !== undefined ? err.cause : err,
    maskedMessage,
  );
}

/**
 * A message whose send answer was lost, sent once more after its channel's report window, and of
 * which the channel again said nothing in that time: the provider never took it (Africa's Talking
 * reports every text it took, and has no API to ask about one; Meta reports every message it took).
 * Its open claim fails (nothing left) and the message is `failed` with why, lost to its module, in one
 * transaction, only while it is still `unconfirmed` and due: a report that came first stands, and
 * one that comes later finds nothing to settle. Answers whether it did.
 */
export async function recordNeverLeft(ctx: Ctx, notificationId: string, reason: string): Promise<boolean> {
  const why = reason.slice(0, 1000);
  return inTransaction(ctx, async (tx) => {
    const updated = await tx.db
      .withTables<NotificationTables>()
      .updateTable('notification')
      .set({ status: 'failed', last_error: why, claimed_at: null })
      .where('id', '=', notificationId)
      .where('status', '=', 'unconfirmed')
      .where('next_attempt_at', '<=', tx.clock.now())
      .returning(ENDED)
      .executeTakeFirst();
    if (!updated) return false;
    await sql`
      update notification_attempt set status = 'failed', failure_reason = ${NEVER_TAKEN}
      where org_id = ${tx.orgId} and notification_id = ${notificationId}
        and status = 'claimed' and provider_message_id is null`.execute(tx.db);
    await recordNotificationEvent(tx, notificationId, 'failed', { neverLeft: true, error: why });
    await emitNotificationOutcome(tx, updated, 'lost', why);
    return true;
  });
}

/** A message still `sending` or `unconfirmed` (its answer was lost) that the channel says it took. */
export async function recordReportedSent(
  tx: Ctx,
  notificationId: string,
  report: { channel: ChannelName; providerMessageId: string },
): Promise<void> {
  const settled = await tx.db
    .withTables<NotificationTables>()
    .updateTable('notification')
    .set({
      status: 'sent',
      sent_at: tx.clock.now(),
      provider_message_id: report.providerMessageId,
      last_error: null,
      claimed_at: null,
    })
    .where('id', '=', notificationId)
    .where('status', 'in', ['sending', 'unconfirmed'])
    .executeTakeFirst();
  if (settled.numUpdatedRows === 0n) return;
  await recordNotificationEvent(tx, notificationId, 'sent', {
    reportedBy: report.channel,
    providerMessageId: report.providerMessageId,
  });
}

/**
 * The channel's ticks on a message it took (WhatsApp's `delivered`, `read`): kept on the row, only
 * forward (a late `delivered` after `read` changes nothing). Answers whether it moved them.
 */
export async function recordReached(tx: Ctx, id: string, reached: 'delivered' | 'read'): Promise<boolean> {
  const moved = await tx.db
    .withTables<NotificationTables>()
    .updateTable('notification')
    .set({ reached, reached_at: tx.clock.now() })
    .where('id', '=', id)
    .where((eb) =>
      reached === 'read'
        ? eb.or([eb('reached', 'is', null), eb('reached', '=', 'delivered')])
        : eb('reached', 'is', null),
    )
    .executeTakeFirst();
  return moved.numUpdatedRows > 0n;
}

/** The network says the message reached the phone: logged, and its end raised. */
export async function recordDelivered(
  tx: Ctx,
  message: EndedMessage,
  report: { channel: ChannelName; detail?: Record<string, unknown> },
): Promise<void> {
  await recordNotificationEvent(tx, message.id, 'delivered', {
    reportedBy: report.channel,
    ...(report.detail ?? {}),
  });
  await emitNotificationOutcome(tx, message, 'delivered', null);
}

/**
 * The network says the message did not reach the phone: `failed` with its reason, counted against the
 * organization's account of the channel, and its end raised.
 */
export async function recordNotDelivered(
  tx: Ctx,
  jobs: JobQueue,
  notificationId: string,
  report: { channel: ChannelName; reason?: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  const reason = `not_delivered: ${report.reason ?? 'the network gave no reason'}`.slice(0, 1000);
  const updated = await tx.db
    .withTables<NotificationTables>()
    .updateTable('notification')
    .set({ status: 'failed', last_error: reason })
    .where('id', '=', notificationId)
    .where('status', 'in', ['sent', 'sending', 'unconfirmed'])
    .returning(ENDED)
    .executeTakeFirst();
  if (!updated) return;
  await recordNotificationEvent(tx, notificationId, 'not_delivered', {
    reportedBy: report.channel,
    ...(report.detail ?? {}),
    error: reason,
  });
  await recordSendFailure(tx, jobs, report.channel, { code: 'not_delivered', message: reason });
  await emitNotificationOutcome(tx, updated, 'lost', reason);
}

/** The statuses staff may send a message again from (`unconfirmed`: they decide it did not reach the person). */
export const REPLAYABLE: ReadonlyArray<NotificationStatus> = ['failed', 'undeliverable', 'unconfirmed'];

/**
 * A message staff send again: `queued` with a fresh set of attempts, due now, from a replayable
 * status only; answers the row as it is now, or undefined when it was not replayable.
 */
export async function requeueForReplay(tx: Ctx, id: string) {
  return tx.db
    .withTables<NotificationTables>()
    .updateTable('notification')
    .set({ status: 'queued', attempts: 0, next_attempt_at: tx.clock.now(), claimed_at: null })
    .where('id', '=', id)
    .where('status', 'in', [...REPLAYABLE])
    .returning(VIEW_COLUMNS)
    .executeTakeFirst();
}
