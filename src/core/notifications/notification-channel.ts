import type { Ctx } from '../context/index.ts';
import type { ChannelName } from './notifications.rules.ts';

/** One rendered message, as a channel receives it. */
export interface OutboundMessage {
  id: string;
  orgId: string;
  channel: ChannelName;
  /** Normalized address: e-mail, Telegram chat id or WhatsApp wa_id. */
  to: string;
  contactId: string | null;
  template: string;
  /** The data the message was rendered from (fills a chat channel's template parameters). */
  data: Record<string, unknown>;
  locale: string;
  subject: string | null;
  body: string;
  /** HTML alternative of `body`, when the template renders one (e-mail sends both). */
  html?: string;
  /** `contentId`: shown inline by the HTML body (`cid:`), sent as a related part. */
  attachments: { filename: string; contentType: string; content: Buffer; contentId?: string }[];
  /** 1 on the first try. */
  attempt: number;
  /** A chat message as its channel sends it (a bot's reply, a staff message), with its file; absent on a notification. */
  chat?: { payload: Record<string, unknown>; attachment: Buffer | null };
  /**
   * The values of the template's secret fields in this message (a sign-in code): wherever a channel
   * records what it sent (a chat history, an error), it shows these masked (`maskText`).
   */
  secrets: ReadonlyArray<string>;
}

/**
 * What a channel claims before it calls a provider that takes no idempotency key (SMS): the account it
 * goes through (a report counts only from that account's callback URL), and an SMS's sender and parts.
 * The outbox keeps it as the attempt's row, written before the call.
 */
export interface AttemptClaim {
  provider: string;
  /** The provider account's name (Africa's Talking `username`). */
  account: string;
  /** The organization whose own account it is; null: the deployment's. */
  accountOrgId: string | null;
  senderId: string | null;
  /** An SMS's alphabet and parts; none on a chat message. */
  encoding?: 'GSM-7' | 'UCS-2';
  segments?: number;
}

export type AttemptClaimResult =
  | { kind: 'claimed' }
  /** Sent before: the provider's id, to record the message as sent without sending it again. */
  | { kind: 'sent'; providerMessageId: string }
  /** Claimed by an attempt whose answer never came (a crash, a cut connection): it may have reached the person. */
  | { kind: 'unknown' };

/** What a provider answered a send with, kept on the attempt: its words for the state, what it charged. */
export interface AttemptAccepted {
  providerStatus?: string | null;
  cost?: { text: string; minor: number | null; currency: string | null } | null;
}

/** What a send resolves with: the provider's id (a report names the message by it) and its answer. */
export interface ChannelSent {
  providerMessageId: string | null;
  accepted?: AttemptAccepted;
}

/**
 * A channel the outbox sends through. E-mail declares one (`notificationChannels`); chat channels
 * (WhatsApp, Telegram) declare only their `MessageChannel`, which the outbox wraps
 * (`chatOutboxChannel` in core/conversations), so each account has one outbound path. `send` resolves with the
 * provider's message id or throws; a `ChannelSendError` with `permanent: true` skips the remaining
 * retries.
 */
export interface NotificationChannel {
  name: ChannelName;
  /** `ctx` is the message's organization (per-organization credentials live in the database). */
  send(
    ctx: Ctx,
    message: OutboundMessage,
    options: {
      signal: AbortSignal;
      /**
       * Claims this attempt in the outbox before the provider is called (`AttemptClaim`), committed at
       * once: a later attempt that finds a claim with no answer learns it may have reached the person.
       */
      claim?: (claim: AttemptClaim) => Promise<AttemptClaimResult>;
    },
  ): Promise<ChannelSent>;
  /** Least time between two messages to one recipient on this channel (an organization may override it). */
  pace: { perRecipientMs: number };
  /**
   * What the outbox does with a send that may have reached the person (a timeout, a 5xx, a worker
   * that died mid-send), issue 26:
   * - `resend`: sent again under the same id, which the receiving side deduplicates (e-mail's Message-ID);
   * - `{ awaitReportMs }`: `unconfirmed`; the channel's report (echoing our id, or naming the
   *   recipient's one open send) settles it as sent (`recordDeliveryReport`), and it is sent once more
   *   only when no report came in that time, then given up (WhatsApp, SMS). `cutOff: 'keep'`: a send
   *   whose sender died (a kill -9, found when its lease ends) is not taken again but kept `unconfirmed`
   *   for staff, where the provider's reports are not retried (Africa's Talking posts each once: one
   *   that came while no process listened is gone, and a resend would be a second text);
   * - absent: `unconfirmed` for good, shown to staff, who may send it again (Telegram).
   */
  ambiguousSends?: 'resend' | { awaitReportMs: number; cutOff?: 'keep' };
  /** Whether it can send for this organization now (settings present); absent: always. */
  configured?(ctx: Ctx): Promise<boolean>;
}

/** A failed send; `permanent` when retrying cannot help (unknown mailbox, blocked user). */
export class ChannelSendError extends Error {
  readonly permanent: boolean;
  readonly detail: Record<string, unknown>;
  /** Set when the message can never go out as addressed (`channel_not_configured`): recorded as undeliverable. */
  readonly undeliverable: string | null;
  /**
   * An ambiguous send: it may have reached the person (its answer was lost, a server error). The
   * channel only says so; what the message becomes is its rule (`ambiguousSends`), run by the outbox.
   */
  readonly ambiguous: boolean;
  /** The channel asked to wait this long before the next try (a throttle); not an ambiguous send. */
  readonly retryAfterMs: number | null;
  /** The provider refused a claimed send (nothing left): a later attempt may claim it again. */
  readonly nothingSent: boolean;

  constructor(
    message: string,
    options: {
      permanent?: boolean;
      detail?: Record<string, unknown>;
      cause?: unknown;
      undeliverable?: string;
      ambiguous?: boolean;
      retryAfterMs?: number;
      nothingSent?: boolean;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ChannelSendError';
    this.permanent = options.permanent ?? false;
    this.detail = options.detail ?? {};
    this.undeliverable = options.undeliverable ?? null;
    this.ambiguous = options.ambiguous ?? false;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.nothingSent = options.nothingSent ?? false;
  }
}
