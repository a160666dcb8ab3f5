import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Who a callback URL belongs to: one organization (its own account with the provider, or its USSD
 * service), or, with `orgId: null`, the deployment's own provider account that organizations without
 * one send through. `account` names the provider account (`africastalking:kigali-power`) where the
 * provider calls back per account.
 */
export interface CallbackKeyScope {
  purpose: string;
  orgId: string | null;
  account?: string;
}

/** The length of a callback key: 32 base64url characters (192 bits of the HMAC). */
export const CALLBACK_KEY_LENGTH = 32;

/**
 * The key in a callback URL of a gateway that signs nothing: an HMAC of OPSDESK_SECRET_KEY over the
 * purpose, the organization, the provider account and the generation its owner rotated to, so a key
 * opens exactly one organization's (or account's) URLs, needs no storage, and changes when the
 * owner rotates it or the deployment's secret key is rotated.
 */
export function deriveCallbackKey(secretKey: string, scope: CallbackKeyScope, generation: number): string {
  return createHmac('sha256', secretKey)
    .update(
      ['opsdesk.callback', scope.purpose, scope.orgId ?? 'deployment', scope.account ?? '', generation].join(
        '\0',
      ),
    )
    .digest('base64url')
    .slice(0, CALLBACK_KEY_LENGTH);
}

/** Whether `given` is `want`, compared in constant time. */
export function sameCallbackKey(given: unknown, want: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(want);
  return a.length === b.length && timingSafeEqual(a, b);
}
