import { OUTSIDE_CALL_TIMEOUTS_MS } from '../../platform/config/index.ts';
import type { Money } from '../money/index.ts';
import type { MobileMoneyMethod, ProviderStatus } from './payments.rules.ts';
import type { RefundProviderStatus } from './refunds/refunds.rules.ts';

export interface RequestToPayInput {
  /** Our id for this charge at the provider (the payment's uuid): resending it never charges twice. */
  reference: string;
  amount: Money;
  /** Digits, international form, no `+`. */
  msisdn: string;
  /** Shown to the payer on the approval prompt (≤160 characters). */
  payerMessage: string;
}

/** `accepted`: the push is on its way; `duplicate`: the provider already had this reference (a retry). */
export type RequestToPayResult =
  | { outcome: 'accepted' }
  | { outcome: 'duplicate' }
  | { outcome: 'rejected'; code: string; message: string };

/**
 * A mobile-money collection API. Drivers live in `src/channels/<provider>` and are declared by
 * their channel area (`paymentProviders`), one instance per app (its token cache included). `requestToPay` asks the payer to approve a charge; `getStatus`
 * is the only source of truth about it (callbacks are hints). Transient trouble (network, 5xx,
 * rate limits) throws `ProviderUnavailableError` so the job retries; only answers the provider
 * documents as permanent come back as `rejected`.
 */
export interface PaymentProvider {
  readonly method: MobileMoneyMethod;
  /** The bounded time of one call (default `OUTSIDE_CALL_TIMEOUTS_MS`): how long a refund's send may be in flight. */
  readonly callTimeoutMs?: number;
  requestToPay(input: RequestToPayInput): Promise<RequestToPayResult>;
  /** `expected` is the payment as we stored it (Airtel's enquiry needs its currency). */
  getStatus(reference: string, expected: Money): Promise<ProviderStatus>;
  /**
   * Sends money of a collected payment back to its payer (MoMo: Disbursements refund; Airtel:
   * `/standard/v1/payments/refund`); absent when the deployment has no refund credentials. Transient
   * trouble throws `ProviderUnavailableError`: the outcome is then unknown, and only `getRefundStatus`
   * tells whether to send again.
   */
  refund?(input: RefundInput): Promise<RequestToPayResult>;
  /** Where a refund attempt stands; the only source of truth about it (callbacks are hints). */
  getRefundStatus?(input: RefundInput): Promise<RefundProviderStatus>;
}

export interface RefundInput {
  /** Our id of this refund attempt at the provider (MoMo's X-Reference-Id): resending it never pays twice. */
  reference: string;
  amount: Money;
  /** The collected payment: our reference at the provider, and theirs (Airtel's airtel_money_id). */
  payment: { reference: string; transactionId: string | null; amount: Money };
  /** Digits, international form, no `+`. */
  msisdn: string | null;
  /** Shown to the payer (≤160 characters). */
  message: string;
}

/** The app's provider for a method, if one was declared (credentials configured). */
export function providerFor(
  providers: ReadonlyArray<PaymentProvider>,
  method: MobileMoneyMethod,
): PaymentProvider | undefined {
  return providers.find((p) => p.method === method);
}

/** The provider could not be reached or answered with a transient failure; try again later. */
export class ProviderUnavailableError extends Error {
  constructor(
    readonly provider: MobileMoneyMethod,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(`${provider}: ${message}`);
    this.name = 'ProviderUnavailableError';
  }
}

/** A tiny token cache: one fetch at a time, reused until shortly before it expires. */
export function createTokenCache(
  fetchToken: () => Promise<{ token: string; expiresInSeconds: number }>,
  now = Date.now,
) {
  let current: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  return {
    async get(): Promise<string> {
      if (current && current.expiresAt > now()) return current.token;
      inflight ??= fetchToken()
        .then(({ token, expiresInSeconds }) => {
          // Renew a little early (10 %, at most a minute) so a token never expires mid-request.
          const margin = Math.min(60, expiresInSeconds * 0.1) * 1000;
          current = { token, expiresAt: now() + expiresInSeconds * 1000 - margin };
          return token;
        })
        .finally(() => {
          inflight = undefined;
        });
      return inflight;
    },
    /** Forgets the token (the provider refused it), so the next `get` fetches a new one. */
    invalidate(token: string): void {
      if (current?.token === token) current = undefined;
    },
  };
}

/** `fetch` with a timeout; network failures become `ProviderUnavailableError`. */
export async function callProvider(
  provider: MobileMoneyMethod,
  url: string,
  init: RequestInit,
  timeoutMs: number = OUTSIDE_CALL_TIMEOUTS_MS[provider],
): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new ProviderUnavailableError(provider, `request failed: ${(err as Error).message}`);
  }
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, body };
}
