/** The portal API of one organization, with the session's bearer value in its own header. */
import type {
  AlertListJson,
  AlertSettingsBody,
  AlertSettingsJson,
  MeterRequestJson,
  MeterRequestListJson,
  MeterUsageJson,
  NewPortalUserBody,
  PortalMeJson,
  PortalPurchaseBody,
  PortalPurchaseListJson,
  PortalSignInJson,
  PortalUserChangeBody,
  PortalUserJson,
  PortalUserListJson,
  PortalVerifyJson,
  PurchaseJson,
  QuoteJson,
  SignUpBody,
  SignUpJson,
  VendorJson,
} from '../browser.ts';

/** A refusal from the server (problem+json), or `network` when there was no answer. */
export class PortalError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function portalApi(org: string, session: () => string | null, language: () => string) {
  const base = `/api/prepaid/portal/${encodeURIComponent(org)}`;
  async function send(method: string, path: string, body?: unknown, key?: string): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language() };
    const s = session();
    if (s) headers['x-portal-session'] = s;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers['idempotency-key'] = key;
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new PortalError(0, '');
    }
    if (!res.ok && !(res.headers.get('content-type') ?? '').includes('json'))
      throw new PortalError(res.status, '');
    return res;
  }
  async function call<T>(method: string, path: string, body?: unknown, key?: string): Promise<T> {
    const res = await send(method, path, body, key);
    if (res.status === 204) return undefined as T;
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new PortalError(res.status, String(json.detail ?? json.title ?? ''));
    return json as T;
  }
  return {
    /** The organization selling here (public): its name heads the portal. */
    vendor: () => call<VendorJson>('GET', '/vendor'),
    /** The code's message is written in the portal's language (issue 54, item 8). */
    signIn: (phone: string, meterNumber: string) =>
      call<PortalSignInJson>('POST', '/sign-in', {
        phone,
        meterNumber,
        language: language(),
      }),
    verify: (phone: string, meterNumber: string, code: string) =>
      call<PortalVerifyJson>('POST', '/verify', { phone, meterNumber, code }),
    signOut: () => call('POST', '/sign-out'),
    me: () => call<PortalMeJson>('GET', '/me'),
    quote: (meterId: string, ask: { amountMinor: number } | { unitsTenths: number }) =>
      call<QuoteJson>(
        'GET',
        `/meters/${meterId}/quote?${'amountMinor' in ask ? `amountMinor=${ask.amountMinor}` : `unitsTenths=${ask.unitsTenths}`}`,
      ),
    buy: (body: PortalPurchaseBody, key: string) => call<PurchaseJson>('POST', '/purchases', body, key),
    purchase: (id: string) => call<PurchaseJson>('GET', `/purchases/${id}`),
    history: () => call<PortalPurchaseListJson>('GET', '/purchases'),
    usage: (meterId: string) => call<MeterUsageJson>('GET', `/meters/${meterId}/usage`),
    alerts: () => call<AlertListJson>('GET', '/alerts'),
    alertSettings: () => call<AlertSettingsJson>('GET', '/alert-settings'),
    saveAlertSettings: (s: AlertSettingsBody) => call<AlertSettingsJson>('PUT', '/alert-settings', s),
    meterRequests: () => call<MeterRequestListJson>('GET', '/meter-requests'),
    requestMeter: (meterNumber: string) => call<MeterRequestJson>('POST', '/meter-requests', { meterNumber }),
    users: () => call<PortalUserListJson>('GET', '/users'),
    addUser: (body: NewPortalUserBody, key: string) => call<PortalUserJson>('POST', '/users', body, key),
    changeUser: (id: string, body: PortalUserChangeBody) =>
      call<PortalUserJson>('PATCH', `/users/${id}`, body),
    removeUser: (id: string) => call('DELETE', `/users/${id}`),
    signUp: (body: SignUpBody) => call('POST', '/sign-up', body),
    finishSignUp: (phone: string, code: string) =>
      call<SignUpJson>('POST', '/sign-up/verify', {
        phone,
        code,
      }),
    /** A monthly statement's PDF. */
    statement: async (month: string) => {
      const res = await send('GET', `/statement?month=${month}`);
      if (!res.ok) throw new PortalError(res.status, '');
      return res.blob();
    },
  };
}
export type PortalApi = ReturnType<typeof portalApi>;
