import { recordAudit } from '../../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../../core/context/index.ts';
import { PrepaidErrors } from '../prepaid.errors.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { phoneCountryOf } from '../prepaid.settings.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { checkOneTimeCode, issueOneTimeCode } from './one-time-codes.ts';
import { openPortalSession } from './open-session.ts';
import { normalizePhone, sameDigest, sessionHash } from './portal.rules.ts';
import { issueMobileTokens, type MobileTokens, revokePortalAccess } from './refresh-tokens.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

export interface PortalIdentity {
  phone: string;
  meterNumber: string;
}

/**
 * The meter with this number on an account one of whose live portal users has this phone, with
 * that user; the meter is locked (codes for it are counted under the lock).
 */
async function ownedMeter(tx: Ctx, who: PortalIdentity) {
  const phone = normalizePhone(who.phone, await phoneCountryOf(tx));
  if (!phone) throw PrepaidErrors.phone_invalid({});
  return tables(tx)
    .selectFrom('prepaid_meter as m')
    .innerJoin('prepaid_account as a', 'a.id', 'm.account_id')
    .innerJoin('prepaid_portal_user as u', 'u.account_id', 'a.id')
    .select([
      'm.id as meterId',
      'm.number',
      'a.id as accountId',
      'u.id as userId',
      'u.channel',
      'u.channel_to',
      'a.language',
    ])
    .where('m.number', '=', who.meterNumber.trim())
    .where('u.phone', '=', phone)
    .where('u.removed_at', 'is', null)
    .forUpdate('m')
    .executeTakeFirst();
}

/**
 * Sends a one-time code to the account's own channel, in the language the portal is read in, when
 * the phone and meter number belong together; answers the same either way (the caller learns nothing about who is a customer). At
 * most CODES_PER_HOUR codes a meter an hour, counted under the meter's row lock.
 */
export async function sendPortalCode(
  ctx: Ctx,
  rt: PrepaidRuntime,
  who: PortalIdentity & { language?: string | null },
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const owner = await ownedMeter(tx, who);
    if (!owner?.channel || !owner.channel_to) return;
    const issued = await issueOneTimeCode(tx, rt, {
      table: 'prepaid_portal_code',
      counted: { meter_id: owner.meterId },
      row: { account_id: owner.accountId, user_id: owner.userId, meter_id: owner.meterId },
      // In the language the portal is read in, the account's own otherwise (issue 54, item 8).
      to: {
        channel: owner.channel,
        address: owner.channel_to,
        meter: owner.number,
        locale: who.language ?? owner.language,
      },
      idempotencyPrefix: 'prepaid.portal-code',
    });
    if (!issued) return;
    await recordAudit(tx, {
      action: 'prepaid.portal.code_sent',
      subject: { type: 'prepaid_account', id: owner.accountId },
      meta: { meterId: owner.meterId, userId: owner.userId, channel: owner.channel },
    });
  });
}

/**
 * Checks a code against the meter's latest live one: each guess is counted in the same statement
 * that reads it (CODE_MAX_ATTEMPTS guesses, then the code is dead), a right code is spent once, and
 * a new portal session is opened. Returns the session's bearer value; only its hash is stored.
 */
export async function verifyPortalCode<M extends boolean = false>(
  ctx: Ctx,
  rt: PrepaidRuntime,
  who: PortalIdentity & { code: string },
  mobile?: M,
): Promise<
  M extends true
    ? MobileTokens & { accountId: string }
    : { token: string; expiresAt: Date; accountId: string }
> {
  const result = await inTransaction(ctx, async (tx) => {
    const owner = await ownedMeter(tx, who);
    if (!owner) return null;
    const right = await checkOneTimeCode(tx, rt, {
      table: 'prepaid_portal_code',
      whose: { meter_id: owner.meterId, account_id: owner.accountId, user_id: owner.userId },
      code: who.code,
    });
    if (!right) return null;
    await tables(tx)
      .updateTable('prepaid_portal_code')
      .set({ used_at: tx.clock.now() })
      .where('id', '=', right)
      .execute();
    if (mobile)
      return {
        ...(await issueMobileTokens(tx, owner, { meterId: owner.meterId })),
        accountId: owner.accountId,
      };
    return openPortalSession(tx, owner, { meterId: owner.meterId });
  });
  // The counted guess commits even when it was wrong; the refusal comes after.
  if (!result) throw PrepaidErrors.portal_code_invalid({});
  return result as never;
}

/**
 * The account and user a portal session's bearer value signs in, while it is neither expired nor
 * revoked and the user is not removed; the role is read here, per request, so a changed role
 * takes effect at once.
 */
export async function portalSessionAccount(ctx: Ctx, token: string | undefined) {
  if (!token || token.length > 200) throw PrepaidErrors.portal_session_invalid({});
  const hash = sessionHash(token);
  const row = await tables(ctx)
    .selectFrom('prepaid_portal_session as s')
    .innerJoin('prepaid_account as a', 'a.id', 's.account_id')
    .innerJoin('prepaid_portal_user as u', 'u.id', 's.user_id')
    .select([
      'u.id as userId',
      'u.name as userName',
      'u.phone as userPhone',
      'u.role',
      's.id as sessionId',
      's.family_id as familyId',
      's.token_hash',
      'a.id',
      'a.name',
      'a.kind',
      'a.language',
      'a.phone',
    ])
    .where('s.token_hash', '=', hash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', ctx.clock.now())
    .where('u.removed_at', 'is', null)
    .executeTakeFirst();
  if (!row || !sameDigest(hash, row.token_hash)) throw PrepaidErrors.portal_session_invalid({});
  return row;
}
export type PortalAccount = Awaited<ReturnType<typeof portalSessionAccount>>;

/** Signs a portal session out: revoked at once, audited. */
export async function revokePortalSession(ctx: Ctx, account: PortalAccount): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await tables(tx)
      .updateTable('prepaid_portal_session')
      .set({ revoked_at: tx.clock.now() })
      .where('id', '=', account.sessionId)
      .where('revoked_at', 'is', null)
      .execute();
    // A mobile app signing out ends its refresh tokens too.
    if (account.familyId) await revokePortalAccess(tx, { familyId: account.familyId });
    await recordAudit(tx, {
      action: 'prepaid.portal.signed_out',
      subject: { type: 'prepaid_account', id: account.id },
      meta: { sessionId: account.sessionId },
    });
  });
}
