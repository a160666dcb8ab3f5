import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { newSecret, sha256Hex } from '../../platform/ids/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Ctx } from '../context/index.ts';
import type { ApiTokenView } from './auth.contract.ts';
import { AuthErrors } from './auth.errors.ts';
import type { AuthTables } from './auth.tables.ts';
import type { Role } from './permissions.rules.ts';

export type { ApiTokenView } from './auth.contract.ts';

const TOKEN_PREFIX = 'odk_';

/**
 * Creates an API token for the caller. The secret is returned once and stored only as a hash;
 * its scopes must be permissions the creator holds.
 */
export async function createApiToken(
  ctx: Ctx,
  input: {
    userId: string;
    name: string;
    scopes: string[];
    expiresAt?: Date;
    holderPermissions: ReadonlySet<string>;
  },
): Promise<{ token: string; view: ApiTokenView }> {
  const denied = input.scopes.filter((s) => !input.holderPermissions.has(s));
  if (denied.length) throw AuthErrors.scope_not_allowed({ scopes: denied });
  const prefix = newSecret(6).replace(/[-_]/g, 'x').slice(0, 8);
  const token = `${TOKEN_PREFIX}${prefix}_${newSecret(32)}`;
  const row = await ctx.db
    .withTables<AuthTables>()
    .insertInto('api_token')
    .values({
      user_id: input.userId,
      name: input.name,
      prefix,
      token_hash: sha256Hex(token),
      scopes: [...new Set(input.scopes)].sort(),
      expires_at: input.expiresAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const view = toView(row);
  await recordAudit(ctx, {
    action: 'platform.token.created',
    subject: { type: 'api_token', id: row.id },
    after: view,
  });
  return { token, view };
}

/** Tokens of the caller's organization, newest first; secrets are never shown again. */
export async function listApiTokens(ctx: Ctx): Promise<ApiTokenView[]> {
  const rows = await ctx.db
    .withTables<AuthTables>()
    .selectFrom('api_token')
    .selectAll()
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toView);
}

/** Revokes a token at once; requests carrying it are refused from now on. */
export async function revokeApiToken(ctx: Ctx, id: string): Promise<void> {
  const row = await ctx.db
    .withTables<AuthTables>()
    .updateTable('api_token')
    .set({ revoked_at: ctx.clock.now() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw AuthErrors.token_not_found({ id });
  await recordAudit(ctx, { action: 'platform.token.revoked', subject: { type: 'api_token', id } });
}

export interface TokenInfo {
  tokenId: string;
  name: string;
  userId: string;
  orgId: string;
  scopes: string[];
  role: Role;
  extraPermissions: string[];
  /** The modules its organization chose to run; null: every enabled module. */
  orgModules: string[] | null;
}

/** The live token behind a bearer secret, with its creator's current membership. */
export async function resolveApiToken(
  deps: { db: Db; clock: Clock },
  token: string,
): Promise<TokenInfo | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const db = deps.db.withTables<AuthTables>();
  const now = deps.clock.now();
  const row = await db
    .selectFrom('api_token as t')
    .innerJoin('membership as m', (j) =>
      j.onRef('m.user_id', '=', 't.user_id').onRef('m.org_id', '=', 't.org_id'),
    )
    .innerJoin('organization as o', 'o.id', 't.org_id')
    .select([
      'o.modules as org_modules',
      't.id',
      't.name',
      't.user_id',
      't.org_id',
      't.scopes',
      't.last_used_at',
      'm.role',
      'm.extra_permissions',
    ])
    .where('t.token_hash', '=', sha256Hex(token))
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
    // The token acts through its creator's membership: disabled there, the token stops at once.
    .where('m.accepted_at', 'is not', null)
    .where('m.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return {
    tokenId: row.id,
    name: row.name,
    userId: row.user_id,
    orgId: row.org_id,
    scopes: row.scopes,
    role: row.role,
    extraPermissions: row.extra_permissions,
    orgModules: row.org_modules,
  };
}

function toView(r: {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  user_id: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}): ApiTokenView {
  return {
    id: r.id,
    name: r.name,
    prefix: `${TOKEN_PREFIX}${r.prefix}`,
    scopes: r.scopes,
    userId: r.user_id,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    expiresAt: r.expires_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  };
}
