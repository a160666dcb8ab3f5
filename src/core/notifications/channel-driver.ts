import type { Config } from '../../platform/config/index.ts';
import type { Db } from '../../platform/db/index.ts';
import type { ChannelName } from './notifications.rules.ts';

/** One rendered message, as a channel driver receives it. */
export interface OutboundMessage {
  id: string;
  orgId: string;
  channel: ChannelName;
  /** Normalized address: e-mail, Telegram chat id or WhatsApp wa_id. */
  to: string;
  contactId: string | null;
  template: string;
  locale: string;
  subject: string | null;
  body: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  /** 1 on the first try. */
  attempt: number;
}

/** What a driver may use besides the message: the deployment config and the organization's data. */
export interface ChannelContext {
  orgId: string;
  config: Config;
  /** Scoped to the message's organization (per-organization credentials live in the database). */
  db: Db;
  /** Aborted when the send takes too long or the worker stops. */
  signal: AbortSignal;
}

/**
 * A notification channel: e-mail ships with the core; Telegram and WhatsApp declare theirs in
 * `src/channels/*`. `send` resolves with the provider's message id or throws; a
 * `ChannelSendError` with `permanent: true` skips the remaining retries.
 */
export interface NotificationChannel {
  name: ChannelName;
  send(message: OutboundMessage, context: ChannelContext): Promise<{ providerMessageId: string | null }>;
  /** Minimum time between two messages to one recipient on this channel. */
  pace: { perRecipientMs: number };
}

/** A failed send; `permanent` when retrying cannot help (unknown mailbox, blocked user). */
export class ChannelSendError extends Error {
  readonly permanent: boolean;
  readonly detail: Record<string, unknown>;

  constructor(
    message: string,
    options: { permanent?: boolean; detail?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ChannelSendError';
    this.permanent = options.permanent ?? false;
    this.detail = options.detail ?? {};
  }
}
