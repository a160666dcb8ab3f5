import { type Money, parseMoney, toDecimalString } from '../../core/money/index.ts';
import {
  createProviderSession,
  type PaymentProvider,
  type ProviderStatus,
  ProviderUnavailableError,
  type RequestToPayInput,
  type RequestToPayResult,
} from '../../core/payments/index.ts';
import { createMomoRefunds, type MomoDisbursementSettings } from './momo.refunds.ts';

export interface MomoSettings {
  baseUrl: string;
  subscriptionKey: string;
  apiUser: string;
  apiKey: string;
  /** `sandbox`, or `mtn<country>` in production (`mtnrwanda`, `mtnuganda`). */
  targetEnvironment: string;
  /** Where MTN posts the result (a hint only); its host must match the API user's providerCallbackHost. */
  callbackUrl?: string;
  /** Bounded time of each call (`outsideCallTimeoutMs(config, 'momo')`). */
  timeoutMs?: number;
  /** MTN Disbursements credentials: with them, money goes back through MoMo (refunds). */
  disbursement?: MomoDisbursementSettings;
}

// 500s MTN uses for requests that will never succeed as sent (configuration or payer problems).
const PERMANENT_500 = new Set([
  'INVALID_CALLBACK_URL_HOST',
  'INVALID_CURRENCY',
  'NOT_ALLOWED_TARGET_ENVIRONMENT',
  'PAYER_NOT_FOUND',
  'NOT_ALLOWED',
]);

type MomoStatusBody = {
  status?: string;
  amount?: string;
  currency?: string;
  financialTransactionId?: string;
  reason?: string | { code?: string; message?: string };
};

/**
 * MTN MoMo Collection (https://momodeveloper.mtn.com/api-documentation): a token cached until it
 * expires, request-to-pay keyed by our X-Reference-Id (a reuse answers 409: the request was
 * already sent), and the status GET that decides.
 */
export function createMomoProvider(settings: MomoSettings, now = Date.now): PaymentProvider {
  const base = settings.baseUrl.replace(/\/+$/, '');
  const session = createProviderSession({
    provider: 'momo',
    tokenRequest: {
      url: `${base}/collection/token/`,
      init: {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`${settings.apiUser}:${settings.apiKey}`).toString('base64')}`,
          'Ocp-Apim-Subscription-Key': settings.subscriptionKey,
        },
      },
    },
    defaultTtlSeconds: 3600,
    timeoutMs: settings.timeoutMs,
    now,
  });
  const authorized = (
    path: string,
    init: Omit<RequestInit, 'headers'> & { headers: Record<string, string> },
  ) =>
    session.call(`${base}${path}`, init, (token) => ({
      ...init.headers,
      Authorization: `Bearer ${token}`,
      'Ocp-Apim-Subscription-Key': settings.subscriptionKey,
      'X-Target-Environment': settings.targetEnvironment,
    }));

  const refunds =
    settings.disbursement &&
    createMomoRefunds({
      base,
      targetEnvironment: settings.targetEnvironment,
      callbackUrl: settings.callbackUrl,
      disbursement: settings.disbursement,
      timeoutMs: settings.timeoutMs,
      now,
    });

  return {
    method: 'momo',
    ...(settings.timeoutMs ? { callTimeoutMs: settings.timeoutMs } : {}),
    ...(refunds ? { refund: refunds.refund, getRefundStatus: refunds.getRefundStatus } : {}),
    async requestToPay(input: RequestToPayInput): Promise<RequestToPayResult> {
      const res = await authorized('/collection/v1_0/requesttopay', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Reference-Id': input.reference,
          ...(settings.callbackUrl ? { 'X-Callback-Url': settings.callbackUrl } : {}),
        },
        body: JSON.stringify({
          amount: toDecimalString(input.amount),
          currency: input.amount.currency,
          externalId: input.reference,
          payer: { partyIdType: 'MSISDN', partyId: input.msisdn },
          payerMessage: input.payerMessage.slice(0, 160),
          payeeNote: input.payerMessage.slice(0, 160),
        }),
      });
      if (res.status === 202) return { outcome: 'accepted' };
      if (res.status === 409) return { outcome: 'duplicate' };
      const { code, message } = errorOf(res.body);
      if (res.status === 400 || (res.status === 500 && PERMANENT_500.has(code)))
        return { outcome: 'rejected', code: code || `HTTP_${res.status}`, message };
      throw new ProviderUnavailableError('momo', `request-to-pay answered ${res.status} ${code}`, res.status);
    },

    async getStatus(reference: string): Promise<ProviderStatus> {
      const res = await authorized(`/collection/v1_0/requesttopay/${encodeURIComponent(reference)}`, {
        method: 'GET',
        headers: {},
      });
      if (res.status === 404) return { state: 'not_found', raw: 'RESOURCE_NOT_FOUND' };
      if (res.status !== 200)
        throw new ProviderUnavailableError('momo', `status answered ${res.status}`, res.status);
      return momoStatus((res.body ?? {}) as MomoStatusBody);
    },
  };
}

/** Reads MTN's RequestToPayResult; the `status` field decides (failed requests also answer 200). */
export function momoStatus(body: MomoStatusBody): ProviderStatus {
  const raw = String(body.status ?? 'UNKNOWN');
  switch (raw) {
    case 'SUCCESSFUL':
      return {
        state: 'succeeded',
        raw,
        transactionId: body.financialTransactionId ?? null,
        amount: reportedAmount(body),
      };
    case 'FAILED':
    case 'REJECTED':
    case 'TIMEOUT':
      return { state: 'failed', raw, reason: reasonOf(body.reason) ?? raw };
    case 'PENDING':
    case 'CREATED':
      return { state: 'pending', raw };
    default:
      return { state: 'ambiguous', raw };
  }
}

/** The amount MTN says it collected; an unreadable one counts as different from ours (refused as mismatch). */
function reportedAmount(body: MomoStatusBody): Money {
  try {
    return parseMoney(String(body.amount ?? ''), String(body.currency ?? ''));
  } catch {
    return { amountMinor: -1, currency: String(body.currency ?? 'XXX') };
  }
}

function reasonOf(reason: MomoStatusBody['reason']): string | null {
  if (!reason) return null;
  return typeof reason === 'string' ? reason : (reason.code ?? reason.message ?? null);
}

function errorOf(body: unknown): { code: string; message: string } {
  const b = (body ?? {}) as { code?: unknown; message?: unknown };
  return {
    code: typeof b.code === 'string' ? b.code : '',
    message: typeof b.message === 'string' ? b.message : '',
  };
}
