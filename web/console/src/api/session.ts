import { api, onCsrfRefresh, setCsrfToken } from './http.ts';

export type Role = 'owner' | 'admin' | 'ops' | 'viewer' | 'scanner';

/** `GET /api/auth/session` and the login response. */
export interface Session {
  user: { id: string; name: string; email: string; locale: string };
  organization: {
    id: string;
    slug: string;
    name: string;
    timeZone: string;
    currency: string;
    languages: string[];
    /** The modules it runs: the menu, dashboard and palette show only theirs. */
    modules: string[];
  };
  /** Every organization this person works in, with the modules each runs. */
  organizations: { id: string; slug: string; name: string; role: Role; modules: string[] }[];
  role: Role;
  permissions: string[];
  csrfToken: string | null;
}

let current: Session | null = null;

function remember(session: Session | null): Session | null {
  current = session;
  setCsrfToken(session?.csrfToken ?? null);
  return session;
}

let inFlight: Promise<Session | null> | null = null;

/**
 * The signed-in session, fetched once after a reload (the CSRF token comes with it). Callers that
 * ask at the same moment (auth check, permissions, identity at boot) share one request.
 */
export function loadSession(force = false): Promise<Session | null> {
  if (current && !force) return Promise.resolve(current);
  if (!inFlight) {
    // Nobody signed in: `{ signedIn: false }`, not a failed request on every first visit (issue 66).
    inFlight = api<Session | { signedIn: false }>('/api/auth/session')
      .then(
        (answer) => remember('signedIn' in answer ? null : answer),
        (err) => {
          if ((err as { status?: number }).status === 401) return remember(null);
          throw err;
        },
      )
      .finally(() => {
        inFlight = null;
      });
  }
  return inFlight;
}

export function cachedSession(): Session | null {
  return current;
}

/** Signs in; `org` (a slug, e.g. from the console's `?org=` link) picks the organization. */
export async function signIn(email: string, password: string, org?: string): Promise<Session> {
  const body = org ? { email, password, org } : { email, password };
  return remember(await api<Session>('/api/auth/login', { method: 'POST', body }))!;
}

export async function signOut(): Promise<void> {
  try {
    if (current) await api('/api/auth/logout', { method: 'POST' });
  } finally {
    remember(null);
  }
}

export async function switchOrganization(orgId: string): Promise<Session> {
  return remember(await api<Session>('/api/auth/switch-org', { method: 'POST', body: { orgId } }))!;
}

onCsrfRefresh(async () => (await loadSession(true))?.csrfToken ?? null);

/** Whether the session may do `permission`. */
export function can(session: Session | null | undefined, permission: string): boolean {
  return !!session?.permissions.includes(permission);
}

/** Roles that only read: they never see a write action, whatever a screen offers. */
export function isReadOnlyRole(session: Session | null | undefined): boolean {
  return !session || session.role === 'viewer' || session.role === 'scanner';
}
