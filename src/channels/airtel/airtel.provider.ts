// The metadata contacts load already (`/max`): one copy of libphonenumber-js at start, not two.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { type Money, toDecimalString } from '../../core/money/index.ts';
import {
  createProviderSession,
  type PaymentProvider,
  type ProviderStatus,
  ProviderUnavailableError,
  type RefundInput,
  type RefundProviderStatus,
  type RequestToPayInput,
  type RequestToPayResult,
} from '../../core/payments/index.ts';

export interface AirtelSettings {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** X-Country, e.g. `RW`; the currency comes from each payment. */
  country: string;
  /** Bounded time of each call (`outsideCallTimeoutMs(config, 'airtel')`). */
  timeoutMs?: number;
}

const SUCCESS = 'ESB000010';
const DUPLICATE_ID = 'ESB000041';
const NOT_FOUND = 'ESB000045';
// Validation answers that will not change on a retry (missing/invalid fields, MSISDN, country, currency).
const PERMANENT = new Set(['ROUTER003', 'ROUTER006', 'ROUTER112', 'ESB000033', 'ESB000008', 'ESB000014']);

type AirtelEnvelope = {
  data?: {
    transaction?: { id?: string; status?: string; message?: string; airtel_money_id?: string | null };
  };
  status?: { code?: string; message?: string; result_code?: string; success?: boolean };
};

/**
 * Airtel Money collection (https://developers.airtel.africa): OAuth2 client-credentials token,
 * USSD push `POST /merchant/v1/payments/` with our transaction id, and the enquiry that decides
 * on `data.transaction.status` (TS/TF/TIP/TA/TR) — never on `status.success`, which can mislead.
 */
export function createAirtelProvider(settings: AirtelSettings, now = Date.now): PaymentProvider {
  const base = settings.baseUrl.replace(/\/+$/, '');
  const session = createProviderSession({
    provider: 'airtel',
    tokenRequest: {
      url: `${base}/auth/oauth2/token`,
      init: {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: '*/*' },
        body: JSON.stringify({
          client_id: settings.clientId,
          client_secret: settings.clientSecret,
          grant_type: 'client_credentials',
        }),
      },
    },
    // Airtel sends expires_in as a string.
    defaultTtlSeconds: 180,
    timeoutMs: settings.timeoutMs,
    now,
  });
  const authorized = async (path: string, currency: string, init: RequestInit) => {
    const res = await session.call(`${base}${path}`, init, (token) => ({
      'Content-Type': 'application/json',
      Accept: '*/*',
      Authorization: `Bearer ${token}`,
      'X-Country': settings.country,
      'X-Currency': currency,
    }));
    return { ...res, envelope: (res.body ?? {}) as AirtelEnvelope };
  };

  return {
    method: 'airtel',
    ...(settings.timeoutMs ? { callTimeoutMs: settings.timeoutMs } : {}),
    async requestToPay(input: RequestToPayInput): Promise<RequestToPayResult> {
      const currency = input.amount.currency;
      const res = await authorized('/merchant/v1/payments/', currency, {
        method: 'POST',
        body: JSON.stringify({
          reference: input.payerMessage.slice(0, 64) || input.reference,
          subscriber: {
            country: settings.country,
            currency,
            msisdn: nationalNumber(input.msisdn, settings.country),
          },
          transaction: {
            amount: Number(toDecimalString(input.amount)),
            country: settings.country,
            currency,
            id: input.reference,
          },
        }),
      });
      const resultCode = res.envelope.status?.result_code ?? '';
      const message = res.envelope.status?.message ?? '';
      if (resultCode === DUPLICATE_ID) return { outcome: 'duplicate' };
      if (res.status === 200 && resultCode === SUCCESS) return { outcome: 'accepted' };
      if (res.status < 500 && PERMANENT.has(resultCode))
        return { outcome: 'rejected', code: resultCode, message };
      // Anything else may or may not have reached the payer: retry; the same id cannot charge twice.
      throw new ProviderUnavailableError(
        'airtel',
        `payment answered ${res.status} ${resultCode}`,
        res.status,
      );
    },

    /**
     * Airtel's refund reverses the whole collected transaction, named by its airtel_money_id; it takes
     * no reference of ours, so a repeat is refused by Airtel (the transaction is already reversed), and
     * the enquiry of the collection (TR) is the truth about it.
     */
    async refund(input: RefundInput): Promise<RequestToPayResult> {
      const res = await authorized('/standard/v1/payments/refund', input.amount.currency, {
        method: 'POST',
        body: JSON.stringify({ transaction: { airtel_money_id: input.payment.transactionId } }),
      });
      const resultCode = res.envelope.status?.result_code ?? '';
      const message = res.envelope.status?.message ?? '';
      if (res.status === 200 && resultCode === SUCCESS) return { outcome: 'accepted' };
      if (res.status < 500 && res.status !== 401 && res.status !== 429)
        return { outcome: 'rejected', code: resultCode || `HTTP_${res.status}`, message };
      throw new ProviderUnavailableError('airtel', `refund answered ${res.status} ${resultCode}`, res.status);
    },

    /** The collection's enquiry: TR (reversed) is the refund done; TS means Airtel has not reversed it. */
    async getRefundStatus(input: RefundInput): Promise<RefundProviderStatus> {
      const status = await this.getStatus(input.payment.reference, input.payment.amount);
      if (status.raw === 'TR')
        return { state: 'succeeded', raw: 'TR', transactionId: input.payment.transactionId };
      if (status.state === 'succeeded') return { state: 'not_found', raw: status.raw };
      if (status.state === 'not_found') return { state: 'ambiguous', raw: status.raw };
      return { state: 'ambiguous', raw: status.raw };
    },

    async getStatus(reference: string, expected: Money): Promise<ProviderStatus> {
      const res = await authorized(
        `/standard/v1/payments/${encodeURIComponent(reference)}`,
        expected.currency,
        {
          method: 'GET',
        },
      );
      const resultCode = res.envelope.status?.result_code ?? '';
      if (res.status === 404 || resultCode === NOT_FOUND)
        return { state: 'not_found', raw: resultCode || 'HTTP_404' };
      if (res.status !== 200 || !res.envelope.data?.transaction?.status)
        throw new ProviderUnavailableError(
          'airtel',
          `enquiry answered ${res.status} ${resultCode}`,
          res.status,
        );
      return airtelStatus(res.envelope);
    },
  };
}

/** Airtel wants the national number without the country code (`250788000111` → `788000111`). */
export function nationalNumber(msisdn: string, country: string): string {
  const parsed = parsePhoneNumberFromString(`+${msisdn}`);
  if (parsed?.country === country.toUpperCase()) return parsed.nationalNumber;
  return msisdn;
}

/** Reads an enquiry answer: TS paid, TF failed, TIP in progress, TA ambiguous (ask again), TR reversed. */
export function airtelStatus(envelope: AirtelEnvelope): ProviderStatus {
  const transaction = envelope.data?.transaction ?? {};
  const raw = String(transaction.status ?? 'UNKNOWN');
  switch (raw) {
    case 'TS':
      return { state: 'succeeded', raw, transactionId: transaction.airtel_money_id ?? null, amount: null };
    case 'TF':
      return { state: 'failed', raw, reason: transaction.message?.trim() || 'TF' };
    case 'TR':
      return { state: 'failed', raw, reason: 'reversed' };
    case 'TIP':
      return { state: 'pending', raw };
    default:
      return { state: 'ambiguous', raw };
  }
}
