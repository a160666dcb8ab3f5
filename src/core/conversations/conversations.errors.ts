import { type AppError, defineErrors, isAppError } from '../../platform/errors/index.ts';

export const ConversationsErrors = defineErrors('conversations', {
  conversation_not_found: { status: 404, title: 'No such conversation' },
  flow_not_found: { status: 404, title: 'No such conversation flow' },
  channel_not_available: { status: 409, title: 'This chat channel is not configured' },
  conversation_not_paused: { status: 409, title: 'The bot is not paused for this conversation' },
  conversation_busy: { status: 409, title: 'The conversation changed meanwhile; try again' },
  delivery_refused: { status: 409, title: 'The channel refuses this message' },
  media_checksum_mismatch: { status: 502, title: 'The downloaded file does not match its checksum' },
  media_download_failed: { status: 502, title: 'The file could not be downloaded from the channel' },
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

/** True for errors that retrying cannot fix. */
export function isPermanentDeliveryError(err: unknown): boolean {
  return isAppError(err) && err.details.permanent === true;
}
