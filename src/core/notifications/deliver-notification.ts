import type { JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import type { Locale } from '../i18n/index.ts';
import { type ClaimedRow, claimDue, claimRuleOf } from './delivery-claim.ts';
import { claimAttempt } from './notification-attempts.ts';
import { ChannelSendError, type NotificationChannel, type OutboundMessage } from './notification-channel.ts';
import { type ChannelName, deliverySettingsOf, SEND_TIMEOUT_MS } from './notifications.rules.ts';
import { type DeliveryOutcome, markSent, recordNotSent } from './outbox-states.ts';
import { openTemplateSecrets, secretValues, withSecrets } from './template-secrets.ts';
import { checkedData, type ListedTemplate } from './templates.ts';

export type { DeliveryOutcome };

/** What a send is given: the channels, the app's job queue (an account's alert), templates and key. */
export interface DeliveryDeps {
  channels: ReadonlyMap<ChannelName, NotificationChannel>;
  /** Queues the owner's alert when a channel account keeps failing (`recordSendFailure`). */
  jobs: JobQueue;
  signal?: AbortSignal;
  /** The app's templates by key: those that make files at send time (`attachments`) are asked for them. */
  templates?: (key: string) => ListedTemplate | undefined;
  /** OPSDESK_SECRET_KEY, to open the secrets a message was sealed with. */
  secretKey?: string;
  /** How long one send may take (`OPSDESK_SEND_TIMEOUT_SECONDS`; default `SEND_TIMEOUT_MS`). */
  sendTimeoutMs?: number;
}

/**
 * Sends one message now if it is due and its recipient's turn: the dispatcher's claim, for this one
 * message (an operator's command, a test that drives the outbox by hand); `skipped` when it is not.
 */
export async function deliverNotification(
  ctx: Ctx,
  deps: DeliveryDeps,
  notificationId: string,
): Promise<DeliveryOutcome | { status: 'skipped' }> {
  const timeoutMs = deps.sendTimeoutMs ?? SEND_TIMEOUT_MS;
  const rules = [...deps.channels.values()].map((c) => claimRuleOf(c, timeoutMs));
  const [claimed] = await claimDue(ctx.db, ctx.clock.now(), 1, rules, { only: notificationId });
  return claimed ? sendClaimed(ctx, deps, claimed) : { status: 'skipped' };
}

/**
 * Sends one message the dispatcher claimed (`claimDue`) through its channel, and records what came
 * of it (`markSent`, `recordNotSent`: the outbox's state machine). Sealed secrets are opened for the attempt
 * only, masked in whatever it records, and erased once the message is sent; a message whose secrets
 * expired or were erased is never sent. `persist` runs each write that records the outcome (the
 * dispatcher writes it again once an unreachable database answers).
 */
export async function sendClaimed(
  ctx: Ctx,
  deps: DeliveryDeps,
  claimed: ClaimedRow,
  persist: <T>(write: () => Promise<T>) => Promise<T> = (write) => write(),
): Promise<DeliveryOutcome> {
  const now = ctx.clock.now();
  const { channel } = claimed;
  const settings = deliverySettingsOf(claimed.org_settings ?? {});
  const sender = deps.channels.get(channel);
  const ambiguous = sender?.ambiguousSends;
  const sendTimeoutMs = deps.sendTimeoutMs ?? SEND_TIMEOUT_MS;
  const attempt = claimed.attempts + 1;
  // The secret values of this attempt, masked in every error and log line it records.
  let secrets: string[] = [];
  let sent: Awaited<ReturnType<NotificationChannel['send']>>;
  try {
    if (!sender) throw new ChannelSendError(`no ${channel} channel is enabled in this app`);
    const signal = AbortSignal.any([
      AbortSignal.timeout(sendTimeoutMs),
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
    const claim = (c: Parameters<typeof claimAttempt>[2]) => claimAttempt(ctx, claimed, c);
    sent = await sender.send(ctx, outbound, { signal, claim });
  } catch (err) {
    return persist(() =>
      recordNotSent(ctx, deps.jobs, claimed, { attempt, err, ambiguous, settings, secrets }),
    );
  }
  // The attempt's row and the message's `sent`, in one statement (issue 64: one outbound store).
  const { more } = await persist(() => markSent(ctx, claimed, attempt, sent));
  return { status: 'sent', more };
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
    ...(row.payload ? { chat: { payload: row.payload, attachment: row.attachment } } : {}),
  };
}
