import { toDecimalString } from '../../core/money/index.ts';
import {
  createProviderSession,
  ProviderUnavailableError,
  type RefundInput,
  type RefundProviderStatus,
  type RequestToPayResult,
} from '../../core/payments/index.ts';

/** MTN Disbursements credentials (a product of its own: subscription key, API user and key). */
export interface MomoDisbursementSettings {
  subscriptionKey: string;
  apiUser: string;
  apiKey: string;
}

// 500s MTN uses for refunds that will never succeed as sent.
const PERMANENT_500 = new Set([
  'INVALID_CALLBACK_URL_HOST',
  'INVALID_CURRENCY',
  'NOT_ALLOWED',
  'PAYEE_NOT_FOUND',
]);

interface MomoRefundsArgs {
  base: string;
  targetEnvironment: string;
  callbackUrl?: string | undefined;
  disbursement: MomoDisbursementSettings;
  timeoutMs?: number | undefined;
  now?: () => number;
}

interface ProviderAnswer {
  status: number;
  body: unknown;
}

/**
 * MTN MoMo Disbursements refund (`POST /disbursement/v1_0/refund`, `GET /disbursement/v1_0/refund/{id}`):
 * keyed by our X-Reference-Id (a reuse answers 409: it was already sent), naming the collection it gives
 * back (`referenceIdToRefund`); the status GET decides (a 404 means MTN never received that attempt).
 */
export function createMomoRefunds(args: MomoRefundsArgs) {
  const disbursementCall = createDisbursementCall(args);
  return {
    async refund(input: RefundInput): Promise<RequestToPayResult> {
      const res = await disbursementCall('/disbursement/v1_0/refund', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Reference-Id': input.reference,
          ...(args.callbackUrl ? { 'X-Callback-Url': args.callbackUrl } : {}),
        },
        body: JSON.stringify({
          amount: toDecimalString(input.amount),
          currency: input.amount.currency,
          externalId: input.reference,
          payerMessage: input.message.slice(0, 160),
          payeeNote: input.message.slice(0, 160),
          referenceIdToRefund: input.payment.reference,
        }),
      });
      return refundResultOf(res);
    },

    async getRefundStatus(input: RefundInput): Promise<RefundProviderStatus> {
      const res = await disbursementCall(`/disbursement/v1_0/refund/${encodeURIComponent(input.reference)}`, {
        method: 'GET',
        headers: {},
      });
      return refundStatusOf(res);
    },
  };
}

/** A call to the Disbursements product with its own token, subscription key and target environment. */
function createDisbursementCall(args: MomoRefundsArgs) {
  const { base, disbursement } = args;
  const session = createProviderSession({
    provider: 'momo',
    tokenRequest: {
      url: `${base}/disbursement/token/`,
      init: {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`${disbursement.apiUser}:${disbursement.apiKey}`).toString('base64')}`,
          'Ocp-Apim-Subscription-Key': disbursement.subscriptionKey,
        },
      },
    },
    defaultTtlSeconds: 3600,
    timeoutMs: args.timeoutMs,
    ...(args.now ? { now: args.now } : {}),
  });
  return (path: string, init: { method: string; headers: Record<string, string>; body?: string }) =>
    session.call(`${base}${path}`, init, (token) => ({
      ...init.headers,
      Authorization: `Bearer ${token}`,
      'Ocp-Apim-Subscription-Key': disbursement.subscriptionKey,
      'X-Target-Environment': args.targetEnvironment,
    }));
}

/** MTN's answer to a refund sent: accepted (202), already sent (409), refused for good, or unavailable. */
function refundResultOf(res: ProviderAnswer): RequestToPayResult {
  if (res.status === 202) return { outcome: 'accepted' };
  if (res.status === 409) return { outcome: 'duplicate' };
  const body = (res.body ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof body.code === 'string' ? body.code : '';
  const message = typeof body.message === 'string' ? body.message : '';
  if (res.status === 400 || (res.status === 500 && PERMANENT_500.has(code)))
    return { outcome: 'rejected', code: code || `HTTP_${res.status}`, message };
  throw new ProviderUnavailableError('momo', `refund answered ${res.status} ${code}`, res.status);
}

/** Where MTN says a refund stands; a 404 means it never received that attempt. */
function refundStatusOf(res: ProviderAnswer): RefundProviderStatus {
  if (res.status === 404) return { state: 'not_found', raw: 'RESOURCE_NOT_FOUND' };
  if (res.status !== 200)
    throw new ProviderUnavailableError('momo', `refund status answered ${res.status}`, res.status);
  const body = (res.body ?? {}) as { status?: string; financialTransactionId?: string; reason?: unknown };
  const raw = String(body.status ?? 'UNKNOWN');
  if (raw === 'SUCCESSFUL')
    return { state: 'succeeded', raw, transactionId: body.financialTransactionId ?? null };
  if (raw === 'FAILED' || raw === 'REJECTED' || raw === 'TIMEOUT')
    return { state: 'failed', raw, reason: reasonOf(body.reason) ?? raw };
  if (raw === 'PENDING' || raw === 'CREATED') return { state: 'pending', raw };
  return { state: 'ambiguous', raw };
}

function reasonOf(reason: unknown): string | null {
  if (!reason) return null;
  if (typeof reason === 'string') return reason;
  const r = reason as { code?: string; message?: string };
  return r.code ?? r.message ?? null;
}
