import { AppError } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';
import {
  isPermanentDeliveryError,
  isUnconfirmedDelivery,
  type MessageChannel,
  type Output,
  sendToPerson,
  throttleOf,
} from '../conversations/index.ts';
import { ChannelSendError, type NotificationChannel, type OutboundMessage } from './notification-channel.ts';
import type { ChannelName } from './notifications.rules.ts';
import { maskText } from './template-secrets.ts';

/**
 * The outbox's sender for a chat channel. It adds no rules of its own: the message goes out
 * through the channel's one outbound path (`sendToPerson`: the channel's service window, the
 * conversation's history), the outbox keeps order, retries and dead letters, and the pace is the
 * channel's. A refusal that retrying cannot fix (outside the window) is permanent here too.
 */
export function chatNotificationChannel(
  channel: MessageChannel & { name: ChannelName },
): NotificationChannel {
  return {
    name: channel.name,
    pace: channel.pace,
    // A channel that reports what it accepted settles an ambiguous send; without reports it is never repeated.
    ...(channel.reportsSends ? { ambiguousSends: { awaitReportMs: channel.reportsSends.withinMs } } : {}),
    ...(channel.configured ? { configured: (ctx: Ctx) => channel.configured!(ctx) } : {}),
    async send(ctx, message) {
      try {
        const outputs = notificationOutputs(message);
        const text = outputs[0]?.kind === 'text' ? outputs[0].text : message.body;
        const template = await channel.templateFor?.(ctx, {
          template: message.template,
          locale: message.locale,
          data: message.data,
          text,
        });
        const { channelMessageId } = await sendToPerson(ctx, channel, {
          externalId: message.to,
          language: message.locale,
          outputs,
          ...(template ? { outsideWindow: template } : {}),
          sentBy: 'notifications',
          note: { notification: message.id },
          // The person gets the code; the conversation's history (staff read it) keeps it masked.
          ...(message.secrets.length ? { redact: (t: string) => maskText(t, message.secrets) } : {}),
          // WhatsApp echoes it in the `sent` status: a send whose answer was lost is still matched.
          reference: message.id,
        });
        return { providerMessageId: channelMessageId };
      } catch (err) {
        const { permanent: _, ...detail } = err instanceof AppError ? err.details : {};
        const throttle = throttleOf(err);
        throw new ChannelSendError((err as Error).message, {
          permanent: isPermanentDeliveryError(err),
          unconfirmed: isUnconfirmedDelivery(err),
          ...(throttle ? { retryAfterMs: throttle.retryAfterMs } : {}),
          detail,
          ...(undeliverableReason(detail.reason) ? { undeliverable: String(detail.reason) } : {}),
          cause: err,
        });
      }
    },
  };
}

/**
 * Refusals that leave a message unsendable as it stands, recorded as `undeliverable` with the
 * reason (staff see why, and replay it once fixed): the channel is not set up, or the person's
 * service window is closed and the organization has no approved template for this message.
 */
const undeliverableReason = (reason: unknown) =>
  reason === 'channel_not_configured' || (typeof reason === 'string' && reason.endsWith('_window_closed'));

/** The longest caption a chat image carries (Telegram and WhatsApp: 1024 characters). */
const IMAGE_CAPTION_MAX = 1024;

/**
 * A notification as chat messages: the body as one text, then each attachment as a document. A
 * message whose first file is an image (a QR pass) is that picture with the body as its caption,
 * one message, when the body fits a caption. A chat message has no subject: an e-mail subject
 * stored with the message is never shown here.
 */
export function notificationOutputs(message: Pick<OutboundMessage, 'body' | 'attachments'>): Output[] {
  const [first, ...rest] = message.attachments;
  const file = (a: OutboundMessage['attachments'][number]) => ({
    bytes: a.content,
    fileName: a.filename,
    mime: a.contentType,
  });
  if (first?.contentType.startsWith('image/') && message.body.length <= IMAGE_CAPTION_MAX)
    return [
      { kind: 'image', file: file(first), caption: message.body },
      ...rest.map((a): Output => ({ kind: 'document', file: file(a) })),
    ];
  return [
    { kind: 'text', text: message.body },
    ...message.attachments.map((a): Output => ({ kind: 'document', file: file(a) })),
  ];
}
