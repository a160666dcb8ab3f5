import { AppError, isDatabaseUnreachable } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';
import {
  type AttemptClaim,
  type AttemptClaimResult,
  type ChannelName,
  ChannelSendError,
  type NotificationChannel,
  type OutboundMessage,
} from '../notifications/index.ts';
import type { MessageChannel } from './channel.types.ts';
import { isAmbiguousDelivery, isPermanentDeliveryError, throttleOf } from './conversations.errors.ts';
import type { Output } from './flow.types.ts';
import { sendToPerson } from './send-to-person.ts';
import { loadOutput } from './stored-output.ts';

/**
 * The chat channels the outbox sends through: every one but those whose replies leave with the answer
 * to the request that brought the message (USSD, the console's simulator: `answersInline`).
 */
export function chatOutboxChannels(channels: ReadonlyArray<MessageChannel>): NotificationChannel[] {
  return channels.filter((c) => !c.answersInline).map(chatOutboxChannel);
}

/** How soon a send that could not claim its attempt (a failover) is tried again. */
const DATABASE_RETRY_MS = 1_000;

/** A message already taken by an earlier attempt: recorded sent under its id, not sent again. */
class TakenBefore extends Error {
  constructor(readonly providerMessageId: string) {
    super('sent by an earlier attempt');
  }
}

/**
 * The outbox's sender for a chat channel: a bot's reply or a staff message (its stored output), or a
 * notification (its body and files). It adds no rule of its own: the message goes out through the
 * channel's one outbound path (`sendToPerson`: the service window, the channel's holds), and the
 * outbox keeps order, retries and what an ambiguous send becomes. Its attempt is claimed at the last
 * moment before the request is written (`beforeRequest`): a send cut off before it left nothing and
 * is sent again at once; one cut off after it may have reached the person.
 */
export function chatOutboxChannel(channel: MessageChannel): NotificationChannel {
  return {
    name: channel.name as ChannelName,
    pace: channel.pace,
    // A channel that reports what it accepted settles an ambiguous send; without reports it is never repeated.
    ...(channel.reportsSends ? { ambiguousSends: { awaitReportMs: channel.reportsSends.withinMs } } : {}),
    ...(channel.configured ? { configured: (ctx: Ctx) => channel.configured!(ctx) } : {}),
    async send(ctx, message, options) {
      let claimed: Promise<void> | undefined;
      const beforeRequest = () => {
        claimed ??= claimBeforeRequest(channel, options?.claim);
        return claimed;
      };
      try {
        const chat = message.chat;
        const outputs = chat ? [loadOutput(chat.payload, chat.attachment)] : notificationOutputs(message);
        const text = outputs[0]?.kind === 'text' ? outputs[0].text : message.body;
        const template = chat
          ? undefined
          : await channel.templateFor?.(ctx, {
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
          // WhatsApp echoes it in the `sent` status: a send whose answer was lost is still matched.
          reference: message.id,
          beforeRequest,
        });
        return { providerMessageId: channelMessageId };
      } catch (err) {
        if (err instanceof TakenBefore) return { providerMessageId: err.providerMessageId };
        if (err instanceof ChannelSendError) throw err;
        // The person's window could not be read (a failover): nothing was sent; tried again in a second.
        if (isDatabaseUnreachable(err))
          throw new ChannelSendError((err as Error).message, {
            retryAfterMs: DATABASE_RETRY_MS,
            nothingSent: true,
            cause: err,
          });
        const { permanent: _, ...detail } = err instanceof AppError ? err.details : {};
        const throttle = throttleOf(err);
        const ambiguous = isAmbiguousDelivery(err);
        throw new ChannelSendError((err as Error).message, {
          permanent: isPermanentDeliveryError(err),
          ambiguous,
          // Any answer but an ambiguous one (a refusal, a throttle) says the channel took nothing.
          nothingSent: !ambiguous,
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
 * Claims the attempt before the request is written. An earlier attempt that the channel answered
 * (its id kept) means it was sent; one that was never answered means it may have reached the person.
 */
async function claimBeforeRequest(
  channel: MessageChannel,
  claim: ((claim: AttemptClaim) => Promise<AttemptClaimResult>) | undefined,
): Promise<void> {
  if (!claim) return;
  const taken = await claim({
    provider: channel.name,
    account: channel.name,
    accountOrgId: null,
    senderId: null,
  }).catch((err: unknown) => {
    // Nothing was sent, and the database is failing over: tried again in a second, spending no attempt.
    if (!isDatabaseUnreachable(err)) throw err;
    throw new ChannelSendError('the attempt could not be claimed: the database cannot be reached', {
      retryAfterMs: DATABASE_RETRY_MS,
      nothingSent: true,
      cause: err,
    });
  });
  if (taken.kind === 'sent') throw new TakenBefore(taken.providerMessageId);
  if (taken.kind === 'unknown')
    throw new ChannelSendError('an earlier attempt may have reached the person', { ambiguous: true });
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
