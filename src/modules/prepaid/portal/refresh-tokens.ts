import { randomBytes, randomUUID } from 'node:crypto';
import { recordAudit } from '../../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../../core/context/index.ts';
import { PrepaidErrors } from '../prepaid.errors.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { openPortalSession, type PortalWho } from './open-session.ts';
import { sameDigest, sessionHash } from './portal.rules.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** A mobile app's access session is short; its refresh token lasts a month of not opening the app. */
export const ACCESS_TTL_MS = 15 * 60_000;
export const REFRESH_TTL_MS = 30 * 24 * 3600_000;

export interface MobileTokens {
  session: string;
  expiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** A new access session and refresh token in a family (a new family at sign-in). */
export async function issueMobileTokens(
  tx: Ctx,
  who: PortalWho,
  meta: Record<string, unknown>,
  familyId: string = randomUUID(),
): Promise<MobileTokens> {
  const now = tx.clock.now();
  const refreshToken = `ppr_${randomBytes(32).toString('base64url')}`;
  const refreshExpiresAt = new Date(now.getTime() + REFRESH_TTL_MS);
  await tables(tx)
    .insertInto('prepaid_portal_refresh')
    .values({
      account_id: who.accountId,
      user_id: who.userId,
      family_id: familyId,
      token_hash: sessionHash(refreshToken),
      expires_at: refreshExpiresAt,
      created_at: now,
    })
    .execute();
  const access = await openPortalSession(
    tx,
    who,
    { ...meta, client: 'mobile', familyId },
    {
      familyId,
      ttlMs: ACCESS_TTL_MS,
      audit: meta.refreshed !== true,
    },
  );
  return { session: access.token, expiresAt: access.expiresAt, refreshToken, refreshExpiresAt };
}

/**
 * Revokes at once every refresh token and access session still open of a family (one mobile
 * sign-in and its rotations) or of a user (all their sign-ins, when the user is removed).
 */
export async function revokePortalAccess(
  tx: Ctx,
  of: { familyId: string } | { userId: string },
): Promise<void> {
  const now = tx.clock.now();
  const [column, id] =
    'familyId' in of ? (['family_id', of.familyId] as const) : (['user_id', of.userId] as const);
  await tables(tx)
    .updateTable('prepaid_portal_refresh')
    .set({ revoked_at: now })
    .where(column, '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  await tables(tx)
    .updateTable('prepaid_portal_session')
    .set({ revoked_at: now })
    .where(column, '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Trades a refresh token for a new pair, under its row lock: each is spent once. A spent one
 * presented again means two holders (a stolen copy): the whole family is revoked, audited, and the
 * caller must sign in again with a code.
 */
export async function refreshMobileTokens(ctx: Ctx, refreshToken: string): Promise<MobileTokens> {
  if (refreshToken.length > 200) throw PrepaidErrors.portal_session_invalid({});
  const hash = sessionHash(refreshToken);
  const result = await inTransaction(ctx, async (tx) => {
    const row = await tables(tx)
      .selectFrom('prepaid_portal_refresh')
      .selectAll()
      .where('token_hash', '=', hash)
      .forUpdate()
      .executeTakeFirst();
    if (!row || !sameDigest(hash, row.token_hash) || row.revoked_at || !row.user_id) return null;
    const now = tx.clock.now();
    if (row.used_at) {
      await revokePortalAccess(tx, { familyId: row.family_id });
      await recordAudit(tx, {
        action: 'prepaid.portal.refresh_reused',
        subject: { type: 'prepaid_account', id: row.account_id },
        meta: { familyId: row.family_id, spentAt: row.used_at.toISOString() },
      });
      return null;
    }
    if (row.expires_at <= now) return null;
    await tables(tx)
      .updateTable('prepaid_portal_refresh')
      .set({ used_at: now })
      .where('id', '=', row.id)
      .execute();
    return issueMobileTokens(
      tx,
      { accountId: row.account_id, userId: row.user_id },
      { refreshed: true },
      row.family_id,
    );
  });
  // The family's revocation commits; the refusal comes after.
  if (!result) throw PrepaidErrors.portal_session_invalid({});
  return result;
}
