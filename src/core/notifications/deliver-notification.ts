import { sql } from 'kysely';
import type { JobQueue } from '../../platform/jobs/index.ts';
import {
  recordSendFailure,
  recordSendSuccess,
  type SendFailure,
  sendFailureOf,
} from '../channel-health/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import type { Locale } from '../i18n/index.ts';
import { getOrganization } from '../orgs/index.ts';
import { ChannelSendError, type NotificationChannel, type OutboundMessage } from './notification-channel.ts';
import { recordNotificationEvent } from './notification-events.ts';
import {
  afterFailure,
  type ChannelName,
  type DeliverySettings,
  deliverySettingsOf,
  type NotificationStatus,
  retryClaimAt,
  STALE_SENDING_MS,
  type StoredAttachment,
  type UnclaimedFacts,
} from './notifications.rules.ts';
import type { NotificationTables } from './notifications.tables.ts';
import { maskDeep, maskText, openTemplateSecrets, secretValues, withSecrets } from './template-secrets.ts';
import { checkedData, type ListedTemplate } from './templates.ts';

/** How long one channel send may take before it counts as a failed attempt. */
const SEND_TIMEOUT_MS = 60_000;

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

/** What a delivery is given: the channels, the app's job queue (an account's alert), templates and key. */
export interface DeliveryDeps {
  channels: ReadonlyMap<ChannelName, NotificationChannel>;
  /** Queues the owner's alert when a channel account keeps failing (`recordSendFailure`). */
  jobs: JobQueue;
  signal?: AbortSignal;
  /** The app's templates by key: those that make files at send time (`attachments`) are asked for them. */
  templates?: (key: string) => ListedTemplate | undefined;
  /** OPSDESK_SECRET_KEY, to open the secrets a message was sealed with. */
  secretKey?: string;
}

interface ClaimedRow {
  id: string;
  seq: string;
  channel: ChannelName;
  recipient: string;
  contact_id: string | null;
  template: string;
  data: Record<string, unknown>;
  locale: string;
  subject: string | null;
  body: string;
  html: string | null;
  attachments: StoredAttachment[];
  attempts: number;
  sealed_secrets: string | null;
  secrets_expire_at: Date | null;
  secrets_erased_at: Date | null;
}

/**
 * Sends one stored message if it is its recipient's turn: claimed atomically (queued or failed,
 * due, no earlier unfinished message to the same recipient and channel, the recipient's pace
 * elapsed), sent through the channel, and the outcome logged. A failure backs off
 * exponentially; after the organization's `maxAttempts` the message is `dead` until replayed.
 * Sealed secrets are opened for the attempt only, masked in whatever it records, and erased once
 * the message is sent; a message whose secrets expired or were erased is never sent.
 */
export async function deliverNotification(
  ctx: Ctx,
  deps: DeliveryDeps,
  notificationId: string,
): Promise<DeliveryOutcome> {
  const settings = deliverySettingsOf((await getOrganization(ctx)).settings);
  const now = ctx.clock.now();
  const channel = await channelOf(ctx, notificationId);
  if (!channel) return { status: 'skipped' };
  const sender = deps.channels.get(channel);
  // Pace per recipient: the organization's override, else the channel's own (a missing channel fails anyway).
  const paceMs = settings.paceMs[channel] ?? sender?.pace.perRecipientMs ?? 0;

  const ambiguous = sender?.ambiguousSends;
  const claimed = await claim(ctx, notificationId, now, paceMs, {
    // A stale claim is a worker that died mid-send: taken again only where a repeat is harmless or
    // the channel's report would have settled it by now (its window is far shorter than staleness).
    retakeStale: ambiguous !== undefined,
    resendUnconfirmed: typeof ambiguous === 'object',
  });
  if (!claimed) {
    const facts = await unclaimedFacts(ctx, notificationId);
    if (ambiguous === undefined && (await unconfirmStale(ctx, notificationId, facts, now)))
      return { status: 'unconfirmed' };
    const retryAt = retryClaimAt(facts, now, paceMs);
    return retryAt ? { status: 'skipped', retryAt } : { status: 'skipped' };
  }

  const attempt = claimed.attempts + 1;
  // The secret values of this attempt, masked in every error and log line it records.
  let secrets: string[] = [];
  try {
    if (!sender) throw new ChannelSendError(`no ${channel} channel is enabled in this app`);
    const signal = AbortSignal.any([
      AbortSignal.timeout(SEND_TIMEOUT_MS),
      ...(deps.signal ? [deps.signal] : []),
    ]);
    let outbound = toOutbound(ctx.orgId, claimed, attempt);
    const template = deps.templates?.(claimed.template);
    if (claimed.sealed_secrets !== null || claimed.secrets_erased_at !== null) {
      const opened = openSecretsToSend(claimed, now, deps.secretKey);
      secrets = secretValues(opened);
      outbound = { ...withSecrets(outbound, template, opened), secrets };
    }
    if (template?.attachments)
      outbound.attachments.push(
        ...(await template.attachments(claimed.locale as Locale, checkedData(outbound.data))),
      );
    const { providerMessageId } = await sender.send(ctx, outbound, { signal });
    await markSent(ctx, claimed, attempt, providerMessageId);
    return { status: 'sent', ...(await nextInLine(ctx, claimed, paceMs)) };
  } catch (err) {
    if (err instanceof ChannelSendError && err.unconfirmed && ambiguous !== 'resend')
      return recordUnconfirmed(ctx, deps.jobs, claimed, { attempt, err, ambiguous, secrets });
    return recordFailure(ctx, deps.jobs, claimed, { attempt, err, settings, secrets });
  }
}

/**
 * The sealed secrets of a claimed message, opened for this attempt. Expired or erased secrets make
 * the message undeliverable (a stale code is worth nothing to its recipient); a key that cannot
 * open them is a permanent failure (rotate with `opsdesk rotate-secret-key`, which re-seals them).
 */
function openSecretsToSend(
  row: ClaimedRow,
  now: Date,
  secretKey: string | undefined,
): Record<string, unknown> {
  if (row.sealed_secrets === null || (row.secrets_expire_at !== null && row.secrets_expire_at <= now))
    throw new ChannelSendError('the one-time secrets of this message expired before it could be sent', {
      undeliverable: 'secret_expired',
      permanent: true,
    });
  try {
    if (!secretKey) throw new Error('no OPSDESK_SECRET_KEY was given to the outbox');
    return openTemplateSecrets(row.sealed_secrets, secretKey);
  } catch (err) {
    throw new ChannelSendError(
      `the sealed secrets of this message cannot be opened: ${(err as Error).message}`,
      {
        permanent: true,
        cause: err,
      },
    );
  }
}

/**
 * A send that may have reached the person. With a reporting channel it waits `awaitReportMs` for the
 * report echoing our id (`recordNotificationReport` makes it `sent`) and is then claimed again and
 * sent under the same id; without one it stays `unconfirmed` for staff. The recipient's line moves on.
 */
async function recordUnconfirmed(
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
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await recordNotificationEvent(tx, row.id, 'unconfirmed', {
      attempt,
      error: message,
      ...maskDeep(err.detail, secrets),
      ...(reportDueAt ? { reportDueAt: reportDueAt.toISOString() } : { resent: false }),
    });
    await recordSendFailure(tx, jobs, row.channel, failureOf(err, message));
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
 * A message left `sending` past staleness on a channel where a repeat is never safe (no report, no
 * deduplication): the worker that claimed it died mid-send, and it may have reached the person. It
 * becomes `unconfirmed` instead of being sent again. Answers whether it did.
 */
async function unconfirmStale(
  ctx: Ctx,
  id: string,
  facts: UnclaimedFacts | undefined,
  now: Date,
): Promise<boolean> {
  if (facts?.status !== 'sending' || !facts.claimedAt) return false;
  if (facts.claimedAt.getTime() + STALE_SENDING_MS > now.getTime()) return false;
  return inTransaction(ctx, async (tx) => {
    const updated = await tx.db
      .withTables<NotificationTables>()
      .updateTable('notification')
      .set({ status: 'unconfirmed', last_error: 'cut off mid-send: it may have reached the person' })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('claimed_at', '=', facts.claimedAt)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await recordNotificationEvent(tx, id, 'unconfirmed', { cutOffMidSend: true, resent: false });
    return true;
  });
}

async function channelOf(ctx: Ctx, id: string): Promise<ChannelName | undefined> {
  const row = await ctx.db
    .withTables<NotificationTables>()
    .selectFrom('notification')
    .select('channel')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.channel;
}

/** The check and the claim in one statement, so two workers never send one message, or one line out of order. */
async function claim(
  ctx: Ctx,
  id: string,
  now: Date,
  paceMs: number,
  retake: { retakeStale: boolean; resendUnconfirmed: boolean },
): Promise<ClaimedRow | undefined> {
  const staleBefore = new Date(now.getTime() - STALE_SENDING_MS);
  const paceSince = new Date(now.getTime() - paceMs);
  const { rows } = await sql<ClaimedRow>`
    update notification n set status = 'sending', claimed_at = ${now}
    where n.org_id = ${ctx.orgId} and n.id = ${id}
      and (n.status in ('queued', 'failed')
        or (${retake.retakeStale} and n.status = 'sending' and n.claimed_at < ${staleBefore})
        or (${retake.resendUnconfirmed} and n.status = 'unconfirmed'))
      and n.next_attempt_at <= ${now}
      and not exists (
        select 1 from notification p
        where p.org_id = n.org_id and p.channel = n.channel and p.recipient = n.recipient
          and p.seq < n.seq and p.status in ('queued', 'sending', 'failed'))
      and not exists (
        select 1 from notification p
        where p.org_id = n.org_id and p.channel = n.channel and p.recipient = n.recipient
          and p.id <> n.id and p.sent_at > ${paceSince})
    returning n.id, n.seq, n.channel, n.recipient, n.contact_id, n.template, n.data, n.locale, n.subject, n.body,
      n.html, n.attachments, n.attempts, n.sealed_secrets, n.secrets_expire_at, n.secrets_erased_at`.execute(
    ctx.db,
  );
  return rows[0];
}

async function unclaimedFacts(ctx: Ctx, id: string): Promise<UnclaimedFacts | undefined> {
  const { rows } = await sql<{
    status: NotificationStatus;
    next_attempt_at: Date;
    claimed_at: Date | null;
    blocker_next_attempt_at: Date | null;
    last_sent_at: Date | null;
  }>`
    select n.status, n.next_attempt_at, n.claimed_at,
      (select p.next_attempt_at from notification p
        where p.org_id = n.org_id and p.channel = n.channel and p.recipient = n.recipient
          and p.seq < n.seq and p.status in ('queued', 'sending', 'failed')
        order by p.seq limit 1) as blocker_next_attempt_at,
      (select max(p.sent_at) from notification p
        where p.org_id = n.org_id and p.channel = n.channel and p.recipient = n.recipient
          and p.id <> n.id) as last_sent_at
    from notification n where n.org_id = ${ctx.orgId} and n.id = ${id}`.execute(ctx.db);
  const r = rows[0];
  if (!r) return undefined;
  return {
    status: r.status,
    nextAttemptAt: r.next_attempt_at,
    claimedAt: r.claimed_at,
    blockedBy: r.blocker_next_attempt_at ? { nextAttemptAt: r.blocker_next_attempt_at } : null,
    lastSentAt: r.last_sent_at,
  };
}

async function markSent(ctx: Ctx, row: ClaimedRow, attempt: number, providerMessageId: string | null) {
  await inTransaction(ctx, async (tx) => {
    await tx.db
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
      .execute();
    await recordNotificationEvent(tx, row.id, 'sent', { attempt, providerMessageId });
    await recordSendSuccess(tx, row.channel);
  });
}

/**
 * Records a failed attempt: tried again later, or `dead` (or `undeliverable`, with the reason). A
 * failure of the account (not a refusal of this message, nor a channel that is not set up) counts
 * against the organization's account of the channel.
 */
async function recordFailure(
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
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await recordNotificationEvent(tx, row.id, decision.status, {
      attempt,
      error: message,
      permanent,
      ...(err instanceof ChannelSendError ? maskDeep(err.detail, secrets) : {}),
      ...(decision.status === 'failed' ? { nextAttemptAt: decision.nextAttemptAt.toISOString() } : {}),
    });
    if (!permanent && !undeliverable) await recordSendFailure(tx, jobs, row.channel, failureOf(err, message));
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
async function nextInLine(ctx: Ctx, row: ClaimedRow, paceMs: number): Promise<Pick<DeliveryOutcome, 'next'>> {
  const { rows } = await sql<{ id: string }>`
    select id from notification
    where org_id = ${ctx.orgId} and channel = ${row.channel} and recipient = ${row.recipient}
      and seq > ${row.seq} and status in ('queued', 'failed')
    order by seq limit 1`.execute(ctx.db);
  const next = rows[0];
  if (!next) return {};
  return { next: { notificationId: next.id, at: new Date(ctx.clock.now().getTime() + paceMs) } };
}

function toOutbound(orgId: string, row: ClaimedRow, attempt: number): OutboundMessage {
  return {
    id: row.id,
    orgId,
    channel: row.channel,
    to: row.recipient,
    contactId: row.contact_id,
    template: row.template,
    data: row.data,
    locale: row.locale,
    subject: row.subject,
    body: row.body,
    ...(row.html !== null ? { html: row.html } : {}),
    secrets: [],
    attachments: row.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.base64, 'base64'),
      ...(a.contentId !== undefined ? { contentId: a.contentId } : {}),
    })),
    attempt,
  };
}
