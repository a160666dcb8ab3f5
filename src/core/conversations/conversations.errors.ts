import { type AppError, defineErrors, isAppError } from '../../platform/errors/index.ts';

export const ConversationsErrors = defineErrors('conversations', {
  conversation_not_found: { status: 404, title: 'No such conversation' },
  flow_not_found: { status: 404, title: 'No such conversation flow' },
  channel_not_available: { status: 409, title: 'This chat channel is not configured' },
  conversation_not_paused: { status: 409, title: 'The bot is not paused for this conversation' },
  conversation_busy: { status: 409, title: 'The conversation changed meanwhile; try again' },
  delivery_refused: { status: 409, title: 'The channel refuses this message' },
  delivery_unconfirmed: {
    status: 502,
    title: 'The channel did not confirm this message: it may have reached the person',
  },
  delivery_throttled: { status: 429, title: 'The channel asks to wait before sending more' },
  // Kept on a reply's row (never answered to a request): why it was not sent again.
  delivery_superseded: {
    status: 409,
    title:
      'Not sent again: a later reply to this person was confirmed first, and this one would arrive after it',
  },
  media_checksum_mismatch: { status: 502, title: 'The downloaded file does not match its checksum' },
  media_download_failed: { status: 502, title: 'The file could not be downloaded from the channel' },
  // What a conversation's job records when its work failed (the jobs screen shows it in words).
  reply_not_sent: { status: 502, title: 'A reply could not be sent through the channel' },
  message_not_handled: { status: 500, title: 'A message could not be handled and was set aside' },
});

/**
 * A send the channel will never accept as it is (outside WhatsApp's 24-hour window, an unknown
 * recipient): the message is marked failed at once instead of being retried.
 */
export function deliveryRefused(
  reason: string,
  message: string,
  details: Record<string, unknown> = {},
): AppError {
  return ConversationsErrors.delivery_refused({ reason, permanent: true, ...details }, { message });
}

/**
 * A send whose outcome is unknown: the channel never answered (timeout, connection cut after the
 * request was written) or answered a server error. The message may have reached the person, so it
 * is never simply sent again: its channel's rule decides what follows (`ambiguousSends`, run by the
 * outbox).
 */
export function deliveryAmbiguous(
  reason: string,
  message: string,
  details: Record<string, unknown> = {},
): AppError {
  return ConversationsErrors.delivery_unconfirmed({ reason, ambiguous: true, ...details }, { message });
}

/** Who a throttle holds back: every message of a chat account (bot, phone number), or only one person's. */
export interface Throttle {
  /** The chat account (Telegram bot id, WhatsApp phone number id). */
  account: string;
  /** Set when only messages to this person wait (WhatsApp's pair rate limit). */
  recipient?: string;
  retryAfterMs: number;
}

/**
 * The channel refused the message for now and said when to come back (Telegram's 429 with
 * `retry_after`, WhatsApp's throughput errors): it was not delivered, and nothing goes out through
 * that account (or to that person) before then.
 */
export function deliveryThrottled(reason: string, message: string, throttle: Throttle): AppError {
  return ConversationsErrors.delivery_throttled({ reason, throttle }, { message });
}

/** True when the channel may have delivered the message though the send failed. */
export function isAmbiguousDelivery(err: unknown): boolean {
  return isAppError(err) && err.details.ambiguous === true;
}

/** The throttle a channel asked for, if this failure is one. */
export function throttleOf(err: unknown): Throttle | undefined {
  if (!ConversationsErrors.delivery_throttled.is(err)) return undefined;
  return err.details.throttle as Throttle;
}

/** True for errors that retrying cannot fix. */
export function isPermanentDeliveryError(err: unknown): boolean {
  return isAppError(err) && err.details.permanent === true;
}
