import { AppError } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';
import {
  isPermanentDeliveryError,
  type MessageChannel,
  type Output,
  sendToPerson,
} from '../conversations/index.ts';
import { ChannelSendError, type NotificationChannel, type OutboundMessage } from './notification-channel.ts';
import type { ChannelName } from './notifications.rules.ts';

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
        });
        return { providerMessageId: channelMessageId };
      } catch (err) {
        const { permanent: _, ...detail } = err instanceof AppError ? err.details : {};
        throw new ChannelSendError((err as Error).message, {
          permanent: isPermanentDeliveryError(err),
          detail,
          ...(detail.reason === 'channel_not_configured' ? { undeliverable: 'channel_not_configured' } : {}),
          cause: err,
        });
      }
    },
  };
}

/** A notification as chat messages: the subject above the body in one text, then each attachment as a document. */
export function notificationOutputs(
  message: Pick<OutboundMessage, 'subject' | 'body' | 'attachments'>,
): Output[] {
  const text = message.subject ? `${message.subject}\n\n${message.body}` : message.body;
  return [
    { kind: 'text', text },
    ...message.attachments.map(
      (a): Output => ({
        kind: 'document',
        file: { bytes: a.content, fileName: a.filename, mime: a.contentType },
      }),
    ),
  ];
}
