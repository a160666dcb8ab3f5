import type { Ctx } from '../context/index.ts';
import type { Locale } from '../i18n/index.ts';
import type { Organization } from '../orgs/index.ts';
import type { DownloadedMedia, EditOutput, MediaRef, Output } from './flow.types.ts';

/** A person on a chat channel, as a channel sends to them. */
export interface Recipient {
  orgId: string;
  channel: string;
  externalId: string;
  language: Locale;
  /** When the person last wrote (the service window starts there); null when they never did. */
  lastInboundAt: Date | null;
}

/** A recipient's conversation: what media downloads, acknowledgements and flows work on. */
export interface ConversationTarget extends Recipient {
  id: string;
}

/** What a send may carry besides the output. */
export interface SendOptions {
  reference?: string;
  /**
   * Called once everything the send needs is ready (the account read, a WhatsApp media upload done),
   * right before the request that delivers the message is written: from its return on, the message may
   * have left. A bot reply is claimed here (`queued` → `sending`, issue 55), so a reply a crash cut off
   * before this point is still `queued` and is sent after the restart, and one cut off after it was
   * ambiguous (the outbox's channel rule decides). It throws to stop the send, and nothing is written then. `sendThroughChannel` calls it
   * itself, before `send`, for a channel that does not (`callsBeforeRequest`).
   */
  beforeRequest?: () => Promise<void>;
}

/**
 * How a channel tells the order a person made their messages in, the order a conversation's waiting
 * messages are handled in (issue 40, item 9), and how long one waits for a message made before it
 * that is still on its way: `sequence`, the channel numbers what it delivers (`InboundMessage.sequence`:
 * Telegram's update_id, one sequence per bot, whatever the chat); a message waits only while a smaller
 * number of the same organization's account is missing, and at most `graceMs` after it arrived.
 * Without it (WhatsApp, which only dates its messages, to the second), or with `graceMs` 0, messages
 * are handled at once, by that number, else their date, then arrival; one that arrives after a message
 * made later was answered is handled as late (`answer-waiting-messages.ts`, issue 55).
 */
export interface InboundOrder {
  by: 'sequence';
  graceMs: number;
}

/**
 * A chat channel: the one way the app reaches an account on WhatsApp, Telegram or the simulator,
 * whether the bot replies, staff write or the outbox notifies. Channel areas declare theirs
 * (`chatChannels`); every message goes out through `sendThroughChannel`, which applies the
 * channel's service window, and the outbox spaces what it sends by the channel's pace. The engine
 * never imports a channel.
 */
export interface MessageChannel {
  /** `whatsapp`, `telegram`, `simulator`: stored on every conversation and message. */
  name: string;
  /**
   * The replies leave with the answer to the request that brought the message (USSD's screen, the
   * console's simulator): they are written `sent` with the step, and the outbox never sends them.
   */
  answersInline?: true;
  /**
   * Least time between two messages the outbox sends to one person (Meta's pair rate limit on
   * WhatsApp); an organization may override it. Replies to a person who just wrote go at once.
   */
  pace: { perRecipientMs: number };
  /**
   * Free-form messages only this long after the person's last message, templates any time
   * (WhatsApp's customer-service window). No window when absent.
   */
  serviceWindowMs?: number;
  /**
   * What a business-initiated message (a notification) becomes when the person's service window is
   * closed: the organization's approved template for it, or null (the text is refused then).
   */
  templateFor?(
    ctx: Ctx,
    message: { template: string; locale: string; data: Record<string, unknown>; text: string },
  ): Promise<Output | null>;
  /**
   * The channel reports every message it accepted, echoing the send's `reference`, within about
   * `withinMs` (WhatsApp's status webhooks). A reply cut off mid-send with no report by then never
   * reached the channel and is sent again; on a channel without reports it is never sent again.
   */
  reportsSends?: { withinMs: number };
  /** How the order of a person's messages is known, and how long a message waits for an earlier one. */
  inboundOrder?: InboundOrder;
  /**
   * The channel calls `SendOptions.beforeRequest` itself, at the last moment before its request is
   * written; otherwise `sendThroughChannel` calls it just before `send`.
   */
  callsBeforeRequest?: boolean;
  /** Whether the organization has set this channel up (credentials); checked before anything is sent. */
  configured?(ctx: Ctx): Promise<boolean>;
  /**
   * Sends one output; throws `deliveryRefused(...)` for sends that retrying cannot fix,
   * `deliveryUnconfirmed(...)` for sends that may have reached the person (timeout, 5xx, a connection
   * cut after the request was written), `deliveryThrottled(...)` when the channel says when to come
   * back; anything else is sent again. `reference` (our message id) goes along where the channel
   * echoes it in delivery reports (WhatsApp).
   */
  send(
    ctx: Ctx,
    to: Recipient,
    output: Output,
    options?: SendOptions,
  ): Promise<{ channelMessageId: string | null }>;
  /**
   * Replaces a message this channel sent (`channelMessageId`) with `output`: Telegram's
   * editMessageText; a buttons-less output removes the keyboard. Channels that cannot edit omit it.
   */
  edit?(ctx: Ctx, to: Recipient, channelMessageId: string, output: EditOutput): Promise<void>;
  /** The organization's public handle on the channel (Telegram: the bot's username), for deep links. */
  handle?(ctx: Ctx): Promise<string | null>;
  /**
   * The flow the channel runs for an organization (`organization.settings.<channel>.flow` first, then
   * the channel's own setting); undefined: the flow the organization's modules declare for this
   * channel (`FlowDefinition.defaultOn`). Without it the channel only sends.
   */
  flowFor?(org: Organization, raw: unknown): string | undefined;
  /** Fetches the bytes of media the person sent, checking the channel's checksum when it gives one. */
  download?(ctx: Ctx, target: ConversationTarget, media: MediaRef, raw: unknown): Promise<DownloadedMedia>;
  /** Tells the channel the message was seen before it is handled (Telegram: stop the button's spinner). */
  acknowledge?(ctx: Ctx, target: ConversationTarget, raw: unknown): Promise<void>;
  /** The person's app language, if the channel tells it (Telegram); used when a contact is created. */
  languageHint?(raw: unknown): string | null;
  /**
   * The language a person's address suggests (WhatsApp: the country calling code of the number),
   * used when their first message has no words that tell it (a "1" from +52 is answered in Spanish).
   */
  addressLanguage?(externalId: string): string | null;
  /** The channel of `core/contacts` identities, when conversations here belong to a contact. */
  contactChannel?: 'telegram' | 'whatsapp';
  /**
   * Conversations here belong to a contact that has no channel identity (the simulator): created on
   * the first message and kept on the conversation, so flows behave as on a real channel while
   * nothing can be sent to it outside the conversation (notifications record it as undeliverable).
   */
  contactWithoutIdentity?: boolean;
}
