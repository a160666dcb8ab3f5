/** The portal API of one organization, with the session's bearer value in its own header. */
export interface Quote {
  unitsTenths: number;
  energyMinor: number;
  taxMinor: number;
  feeMinor: number;
  totalMinor: number;
  /** What the sale charges: the sum of the lines (the server's saleFor, as at the counter). */
  chargeMinor: number;
  /** Typed by amount: the part of it not charged. */
  changeMinor: number;
  currency: string;
  tiers: Array<{ tier: number; unitsTenths: number; priceMinorPerKwh: number; energyMinor: number }>;
}
export interface Meter {
  id: string;
  number: string;
  location: string;
  building: string;
  department: string;
  status: 'active' | 'inactive' | 'suspended';
  currency: string | null;
  monthUnitsTenths: number;
  /** Units left: the meter's own word, or our estimate (issue 54, item 7). */
  balanceTenths: number;
  dailyTenths: number | null;
  daysLeft: number | null;
  basis: 'reported' | 'keyed_in' | 'sold';
  estimated: boolean;
  /** Whether low-balance alerts act on it (an estimate from enough recent readings its sales explain). */
  trusted: boolean;
  doubt: 'few_readings' | 'stale_readings' | 'unrecorded_units' | null;
  lastToken: { token: string; unitsTenths: number; createdAt: string } | null;
}
export interface Purchase {
  id: string;
  meterNumber: string;
  method: string;
  amount: { amountMinor: number; currency: string };
  status: 'pending' | 'paid' | 'failed';
  unitsTenths: number | null;
  failureReason: string | null;
  token: string | null;
  createdAt: string;
}
/** A purchase the original system sold before the switch (imported): its amount to the cent. */
export interface OriginalPurchase {
  id: string;
  meterNumber: string | null;
  method: string;
  status: 'pending' | 'success' | 'failed';
  amount: { amountCents: number; currency: string };
  token: string | null;
  unitsMilli: number | null;
  createdAt: string;
}
export type Role = 'owner' | 'buyer' | 'viewer';
export interface Me {
  account: { name: string; kind: string; phone: string | null };
  /** Who signed in, and what their role lets them do (the server enforces it). */
  user: { id: string; name: string; phone: string | null; role: Role };
  meters: Meter[];
}
export interface PortalUser {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  role: Role;
  createdAt: string;
}

export interface Usage {
  dailyTenths: number | null;
  balanceTenths: number;
  daysLeft: number | null;
  days: Array<{ date: string; tenths: number }>;
}
export interface AlertSettings {
  enabled: boolean;
  lowDays: number;
  lowKwh: number;
  unusualPercent: number;
}
export interface Alert {
  id: string;
  kind: 'low_balance' | 'unusual_consumption';
  meterNumber: string;
  balanceTenths: number | null;
  /** The low balance is our estimate (the meter does not say it). */
  estimated: boolean;
  daysLeft: number | null;
  lastDayTenths: number | null;
  usualTenths: number | null;
  raisedAt: string;
  clearedAt: string | null;
}
export interface MeterRequest {
  id: string;
  meterNumber: string;
  reason: 'unknown_meter' | 'other_account';
  status: 'waiting' | 'approved' | 'rejected';
  decisionNote: string | null;
  createdAt: string;
}
export interface SignUp {
  name: string;
  phone: string;
  meterNumber: string;
  codeBy: 'email' | 'whatsapp';
  email?: string;
  language: string;
}

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
    vendor: () => call<{ name: string; timeZone?: string }>('GET', '/vendor'),
    /** The code's message is written in the portal's language (issue 54, item 8). */
    signIn: (phone: string, meterNumber: string) =>
      call<{ sent: true; undeliverable?: string[] }>('POST', '/sign-in', {
        phone,
        meterNumber,
        language: language(),
      }),
    verify: (phone: string, meterNumber: string, code: string) =>
      call<{ session: string; accountName: string }>('POST', '/verify', { phone, meterNumber, code }),
    signOut: () => call('POST', '/sign-out'),
    me: () => call<Me>('GET', '/me'),
    quote: (meterId: string, ask: { amountMinor: number } | { unitsTenths: number }) =>
      call<Quote>(
        'GET',
        `/meters/${meterId}/quote?${'amountMinor' in ask ? `amountMinor=${ask.amountMinor}` : `unitsTenths=${ask.unitsTenths}`}`,
      ),
    buy: (
      body: {
        meterId: string;
        method: 'momo' | 'airtel';
        amount: { amountMinor: number; currency: string };
        msisdn: string;
      },
      key: string,
    ) => call<Purchase>('POST', '/purchases', body, key),
    purchase: (id: string) => call<Purchase>('GET', `/purchases/${id}`),
    history: () => call<{ items: Purchase[]; original?: OriginalPurchase[] }>('GET', '/purchases'),
    usage: (meterId: string) => call<Usage>('GET', `/meters/${meterId}/usage`),
    alerts: () => call<{ items: Alert[] }>('GET', '/alerts'),
    alertSettings: () => call<AlertSettings>('GET', '/alert-settings'),
    saveAlertSettings: (s: Partial<AlertSettings>) => call<AlertSettings>('PUT', '/alert-settings', s),
    meterRequests: () => call<{ items: MeterRequest[] }>('GET', '/meter-requests'),
    requestMeter: (meterNumber: string) => call<MeterRequest>('POST', '/meter-requests', { meterNumber }),
    users: () => call<{ items: PortalUser[] }>('GET', '/users'),
    addUser: (body: { name: string; phone?: string; email?: string; role: Role }, key: string) =>
      call<PortalUser>('POST', '/users', body, key),
    changeUser: (id: string, body: { role?: Role; name?: string }) =>
      call<PortalUser>('PATCH', `/users/${id}`, body),
    removeUser: (id: string) => call('DELETE', `/users/${id}`),
    signUp: (body: SignUp) => call('POST', '/sign-up', body),
    finishSignUp: (phone: string, code: string) =>
      call<{ session: string; accountName: string; request: MeterRequest }>('POST', '/sign-up/verify', {
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
