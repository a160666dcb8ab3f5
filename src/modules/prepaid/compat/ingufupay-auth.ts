import {
  createApiToken,
  login,
  logout,
  permissionsOf,
  type Role,
  resolveApiToken,
  revokeApiToken,
  sessionSettingsOf,
} from '../../../core/auth/index.ts';
import { type Ctx, inTransaction } from '../../../core/context/index.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';

/**
 * The original's JWT login (SimpleJWT: `token/`, `token/refresh/`, `token/blacklist/`, access 30 min,
 * refresh 7 days) on our API tokens (issue 66, item 7): the access token is an API token of the
 * signer's permissions that expires in 30 minutes, sent as `Authorization: Bearer …` as the original's
 * was; the refresh token is an API token with no scope that expires in 7 days, good only to ask for
 * a new access token here (it opens nothing a refresh would not). Both show on the console's Tokens
 * page, where an owner revokes them; a blacklisted refresh token is revoked.
 */
export const ACCESS_MINUTES = 30;
export const REFRESH_DAYS = 7;
export const ACCESS_NAME = 'IngufuPay API access';
export const REFRESH_NAME = 'IngufuPay API refresh';

export interface TokenPair {
  access: string;
  refresh: string;
}

/** What the token routes need of the app: its database, clock, events, sign-in settings and permissions. */
const sessionDepsOf = (rt: PrepaidRuntime) => ({
  db: rt.deps.database.db,
  clock: rt.deps.clock,
  events: rt.deps.events,
  settings: sessionSettingsOf(rt.deps.config),
});

/**
 * Signs in with e-mail and password as the console does (the same throttle and organization choice),
 * and answers a token pair instead of a session: the sign-in's session ends at once.
 */
export async function signInForTokens(
  rt: PrepaidRuntime,
  input: { email: string; password: string; org?: string; ip: string },
  actIn: (orgId: string, userId: string, label: string) => Promise<Ctx>,
): Promise<TokenPair> {
  const deps = sessionDepsOf(rt);
  const { session } = await login(deps, {
    email: input.email,
    password: input.password,
    orgSlug: input.org,
    ip: input.ip,
  });
  await logout(deps, session.sessionId);
  const ctx = await actIn(session.orgId, session.userId, session.email);
  return inTransaction(ctx, async (tx) => {
    const access = await accessToken(tx, rt, session);
    const refresh = await createApiToken(tx, {
      userId: session.userId,
      name: REFRESH_NAME,
      scopes: [],
      expiresAt: new Date(tx.clock.now().getTime() + REFRESH_DAYS * 86_400_000),
      holderPermissions: new Set(),
    });
    return { access, refresh: refresh.token };
  });
}

/** An access token of what the member may do now (their role and extra permissions), for 30 minutes. */
async function accessToken(
  tx: Ctx,
  rt: PrepaidRuntime,
  who: { userId: string; role: Role; extraPermissions: string[] },
): Promise<string> {
  const held = permissionsOf(who.role, who.extraPermissions, rt.deps.declared.permissions());
  const { token } = await createApiToken(tx, {
    userId: who.userId,
    name: ACCESS_NAME,
    scopes: [...held],
    expiresAt: new Date(tx.clock.now().getTime() + ACCESS_MINUTES * 60_000),
    holderPermissions: held,
  });
  return token;
}

/** The live refresh token behind `secret` (not revoked, not expired, its member still active), or undefined. */
export async function refreshTokenOf(rt: PrepaidRuntime, secret: string) {
  const info = await resolveApiToken({ db: rt.deps.database.db, clock: rt.deps.clock }, secret);
  return info && info.name === REFRESH_NAME && info.scopes.length === 0 ? info : undefined;
}

export type RefreshToken = NonNullable<Awaited<ReturnType<typeof refreshTokenOf>>>;

/** A new access token for a live refresh token, with the member's permissions as they are now. */
export async function refreshAccess(ctx: Ctx, rt: PrepaidRuntime, refresh: RefreshToken): Promise<string> {
  return inTransaction(ctx, (tx) => accessToken(tx, rt, refresh));
}

/** Blacklisting a refresh token revokes it: no access token comes from it again. */
export async function blacklistRefresh(ctx: Ctx, refresh: RefreshToken): Promise<void> {
  await revokeApiToken(ctx, refresh.tokenId);
}
