/**
 * What the SMS channel needs of a provider: one file per provider (`africastalking.provider.ts`;
 * Twilio's Messages API would be `twilio.provider.ts`), chosen by the account's `provider`.
 */
export interface SmsAccount {
  provider: SmsProviderName;
  /** The provider's account name (Africa's Talking `username`, Twilio's Account SID). */
  username: string;
  apiKey: string;
  /** The alphanumeric sender id or short code the person sees; absent: the provider's default. */
  senderId: string | undefined;
  baseUrl: string;
  /** The organization's own account (true), or the deployment's that organizations without one share. */
  own: boolean;
}

export const SMS_PROVIDERS = ['africastalking'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

/** What the provider answered a send with, when it took the message. */
export interface SmsAccepted {
  providerMessageId: string;
  /** The provider's words for the state (`Success`, `queued`). */
  providerStatus: string;
  cost: { text: string; minor: number | null; currency: string | null } | null;
}

/**
 * Why a send did not go out: `refused` (the provider answered no: this message never left, a retry
 * may be made), `ambiguous` (no answer, a cut connection, a server error: it may have reached the
 * phone). `permanent` when retrying this message cannot help (an invalid number, a blacklisted one).
 */
export class SmsSendFailure extends Error {
  constructor(
    message: string,
    readonly kind: 'refused' | 'ambiguous',
    readonly options: { permanent?: boolean; code?: string; status?: number } = {},
  ) {
    super(message);
    this.name = 'SmsSendFailure';
  }
}

/** A delivery report as the channel reads it, whatever the provider. */
export interface SmsReport {
  providerMessageId: string;
  /** The phone the report is about, in international form. */
  phone: string;
  /** `pending`: on its way (sent, buffered); final states settle the message. */
  state: 'pending' | 'delivered' | 'failed';
  providerStatus: string;
  failureReason: string | null;
}

export interface SmsProvider {
  name: SmsProviderName;
  send(
    account: SmsAccount,
    message: { to: string; text: string },
    options: { signal: AbortSignal },
  ): Promise<SmsAccepted>;
  /** Reads a delivery report's form fields; undefined when they are not one. */
  readReport(form: Record<string, unknown>): SmsReport | undefined;
}
