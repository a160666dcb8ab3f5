import { recordAudit } from '../../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../../core/context/index.ts';
import { enqueueNotification } from '../../../core/notifications/index.ts';
import { newId } from '../../../platform/ids/index.ts';
import { PrepaidErrors } from '../prepaid.errors.ts';
import { portalCodeTemplate } from '../prepaid.notifications.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { openPortalSession } from './open-session.ts';
import {
  CODE_MAX_ATTEMPTS,
  CODE_TTL_MS,
  CODES_PER_HOUR,
  codeHash,
  newCode,
  normalizePhone,
  sameDigest,
  sessionHash,
} from './portal.rules.ts';
import { issueMobileTokens, type MobileTokens, revokeFamily } from './refresh-tokens.ts';

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
  const phone = normalizePhone(who.phone);
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
 * Sends a one-time code to the account's own channel when the phone and meter number belong
 * together; answers the same either way (the caller learns nothing about who is a customer). At
 * most CODES_PER_HOUR codes a meter an hour, counted under the meter's row lock.
 */
export async function sendPortalCode(ctx: Ctx, rt: PrepaidRuntime, who: PortalIdentity): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const owner = await ownedMeter(tx, who);
    if (!owner?.channel || !owner.channel_to) return;
    const now = tx.clock.now();
    const recent = await tables(tx)
      .selectFrom('prepaid_portal_code')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('meter_id', '=', owner.meterId)
      .where('created_at', '>', new Date(now.getTime() - 3600_000))
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= CODES_PER_HOUR) return;
    const code = newCode();
    // The hash is keyed by the row's id: chosen here, so the row is written once, complete.
    const row = { id: newId() };
    await tables(tx)
      .insertInto('prepaid_portal_code')
      .values({
        id: row.id,
        account_id: owner.accountId,
        user_id: owner.userId,
        meter_id: owner.meterId,
        code_hash: codeHash(rt.deps.config.OPSDESK_SECRET_KEY, row.id, code),
        expires_at: new Date(now.getTime() + CODE_TTL_MS),
        created_at: now,
      })
      .execute();
    await enqueueNotification(tx, rt.deps.jobs, {
      channel: owner.channel,
      to: owner.channel_to,
      template: portalCodeTemplate,
      data: { code, meter: owner.number },
      locale: owner.language,
      idempotencyKey: `prepaid.portal-code:${row.id}`,
      secretKey: rt.deps.config.OPSDESK_SECRET_KEY,
    });
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
    const now = tx.clock.now();
    const live = await tables(tx)
      .selectFrom('prepaid_portal_code')
      .select('id')
      .where('meter_id', '=', owner.meterId)
      .where('account_id', '=', owner.accountId)
      .where('user_id', '=', owner.userId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!live) return null;
    const guess = await tables(tx)
      .updateTable('prepaid_portal_code')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', live.id)
      .where('attempts', '<', CODE_MAX_ATTEMPTS)
      .returning(['id', 'code_hash'])
      .executeTakeFirst();
    if (!guess) return null;
    const given = codeHash(rt.deps.config.OPSDESK_SECRET_KEY, guess.id, who.code.trim());
    if (!sameDigest(given, guess.code_hash)) return null;
    await tables(tx)
      .updateTable('prepaid_portal_code')
      .set({ used_at: now })
      .where('id', '=', guess.id)
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
    if (account.familyId) await revokeFamily(tx, account.familyId);
    await recordAudit(tx, {
      action: 'prepaid.portal.signed_out',
      subject: { type: 'prepaid_account', id: account.id },
      meta: { sessionId: account.sessionId },
    });
  });
}
