import type { Ctx } from '../context/index.ts';
import type { Locale } from '../i18n/index.ts';
import type { Organization } from '../orgs/index.ts';
import type { DownloadedMedia, MediaRef, Output } from './flow.types.ts';

/** The conversation a driver sends to or downloads for. */
export interface ConversationTarget {
  id: string;
  orgId: string;
  channel: string;
  externalId: string;
  language: Locale;
  /** When the person last wrote (WhatsApp's 24-hour customer-service window starts there). */
  lastInboundAt: Date | null;
}

/**
 * A chat channel as the engine sees it. Drivers live in `src/channels/*` and register themselves
 * with `conversationsOf(deps).registerChannel(driver)`; the engine never imports them.
 */
export interface ChannelDriver {
  /** `whatsapp`, `telegram`, `simulator`: stored on every conversation and message. */
  name: string;
  /** The flow this channel runs for an organization (`organization.settings.<channel>.flow` first). */
  flowFor(org: Organization, raw: unknown): string;
  /** Sends one output; throws `deliveryRefused(...)` for sends that retrying cannot fix. */
  send(ctx: Ctx, target: ConversationTarget, output: Output): Promise<{ channelMessageId: string | null }>;
  /** Fetches the bytes of media the person sent, checking the channel's checksum when it gives one. */
  download?(ctx: Ctx, target: ConversationTarget, media: MediaRef, raw: unknown): Promise<DownloadedMedia>;
  /** Tells the channel the message was seen before it is handled (Telegram: stop the button's spinner). */
  acknowledge?(ctx: Ctx, target: ConversationTarget, raw: unknown): Promise<void>;
  /** The person's app language, if the channel tells it (Telegram); used when a contact is created. */
  languageHint?(raw: unknown): string | null;
  /** The channel of `core/contacts` identities, when conversations here belong to a contact. */
  contactChannel?: 'telegram' | 'whatsapp';
}
