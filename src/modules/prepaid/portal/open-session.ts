import { recordAudit } from '../../../core/audit/index.ts';
import type { Ctx } from '../../../core/context/index.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { newSessionToken, SESSION_TTL_MS } from './portal.rules.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** Who a portal session signs in: a user of an account. */
export interface PortalWho {
  accountId: string;
  userId: string;
}

/** Opens a portal session for a user of an account (its bearer value is returned once; only its hash is stored), audited. */
export async function openPortalSession(
  tx: Ctx,
  who: PortalWho,
  meta: Record<string, unknown>,
  mobile?: { familyId: string; ttlMs: number; audit: boolean },
): Promise<{ token: string; expiresAt: Date; accountId: string }> {
  const { accountId, userId } = who;
  const now = tx.clock.now();
  const { token, hash } = newSessionToken();
  const expiresAt = new Date(now.getTime() + (mobile?.ttlMs ?? SESSION_TTL_MS));
  const session = await tables(tx)
    .insertInto('prepaid_portal_session')
    .values({
      account_id: accountId,
      user_id: userId,
      token_hash: hash,
      expires_at: expiresAt,
      created_at: now,
      family_id: mobile?.familyId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A refresh is routine (every few minutes): only the sign-in itself is audited.
  if (mobile && !mobile.audit) return { token, expiresAt, accountId };
  await recordAudit(tx, {
    action: 'prepaid.portal.signed_in',
    subject: { type: 'prepaid_account', id: accountId },
    meta: { sessionId: session.id, userId, ...meta },
  });
  return { token, expiresAt, accountId };
}
