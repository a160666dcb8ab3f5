import { recordAudit } from '../../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../../core/context/index.ts';
import { PlatformErrors } from '../../../platform/errors/index.ts';
import { PrepaidErrors } from '../prepaid.errors.ts';
import { phoneCountryOf } from '../prepaid.settings.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { normalizePhone, type PortalRole } from './portal.rules.ts';
import { revokePortalAccess } from './refresh-tokens.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

export interface PortalUserView {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  role: PortalRole;
  createdAt: string;
}

export interface NewPortalUser {
  name: string;
  phone?: string | null;
  email?: string | null;
  role: PortalRole;
}

export interface PortalUserChanges {
  name?: string;
  role?: PortalRole;
  email?: string | null;
}

interface UserRow {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  role: PortalRole;
  created_at: Date;
}

const view = (u: UserRow): PortalUserView => ({
  id: u.id,
  name: u.name,
  phone: u.phone,
  email: u.email,
  role: u.role,
  createdAt: u.created_at.toISOString(),
});

/** Where a user's one-time codes go: their e-mail when they have one, else WhatsApp on their phone. */
const codeChannel = (phone: string | null, email: string | null) =>
  email
    ? { channel: 'email' as const, channel_to: email }
    : phone
      ? { channel: 'whatsapp' as const, channel_to: phone.slice(1) }
      : { channel: null, channel_to: null };

/** The account's live users, first added first; 404 for an account that is not there. */
export async function listPortalUsers(ctx: Ctx, accountId: string): Promise<PortalUserView[]> {
  await findAccount(ctx, accountId);
  const rows = await tables(ctx)
    .selectFrom('prepaid_portal_user')
    .select(['id', 'name', 'phone', 'email', 'role', 'created_at'])
    .where('account_id', '=', accountId)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(view);
}

/** The account, or 404; locked for a change (every user change of one account runs one at a time). */
async function findAccount(ctx: Ctx, accountId: string, options: { forUpdate?: boolean } = {}) {
  let query = tables(ctx)
    .selectFrom('prepaid_account')
    .select(['id', 'channel', 'channel_to'])
    .where('id', '=', accountId);
  if (options.forUpdate) query = query.forUpdate();
  const account = await query.executeTakeFirst();
  if (!account) throw PrepaidErrors.account_not_found({ accountId });
  return account;
}

const lockAccount = (tx: Ctx, accountId: string) => findAccount(tx, accountId, { forUpdate: true });

async function phoneTaken(tx: Ctx, accountId: string, phone: string, exceptId?: string) {
  let q = tables(tx)
    .selectFrom('prepaid_portal_user')
    .select('id')
    .where('account_id', '=', accountId)
    .where('phone', '=', phone)
    .where('removed_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Adds a user to an account (owner in the portal, or staff in the console), audited. */
export async function addPortalUser(
  ctx: Ctx,
  accountId: string,
  input: NewPortalUser,
): Promise<PortalUserView> {
  const phone = input.phone ? normalizePhone(input.phone, await phoneCountryOf(ctx)) : null;
  const email = input.email?.trim() || null;
  return inTransaction(ctx, async (tx) => {
    // the account first: a foreign or unknown account is a 404 whatever the body says
    await lockAccount(tx, accountId);
    if (input.phone && !phone) throw PrepaidErrors.phone_invalid({});
    if (!phone && !email)
      throw PlatformErrors.validation_failed(
        {},
        {
          message: 'phone: a user needs a phone or an e-mail',
          fields: [
            {
              field: 'body.phone',
              message: 'a user needs a phone or an e-mail',
              code: 'invalid_value',
              expected: 'a phone number, or an e-mail in body.email',
            },
          ],
        },
      );
    if (phone && (await phoneTaken(tx, accountId, phone))) throw PrepaidErrors.portal_user_phone_taken({});
    const row = await tables(tx)
      .insertInto('prepaid_portal_user')
      .values({
        account_id: accountId,
        name: input.name.trim(),
        phone,
        email,
        role: input.role,
        ...codeChannel(phone, email),
        created_at: tx.clock.now(),
      })
      .returning(['id', 'name', 'phone', 'email', 'role', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'prepaid.portal_user.added',
      subject: { type: 'prepaid_account', id: accountId },
      after: { userId: row.id, name: row.name, phone: row.phone, email: row.email, role: row.role },
    });
    return view(row);
  });
}

/** The user, locked, and how many owners the account has besides them. */
async function userAndOtherOwners(tx: Ctx, accountId: string, userId: string) {
  await lockAccount(tx, accountId);
  const user = await tables(tx)
    .selectFrom('prepaid_portal_user')
    .selectAll()
    .where('id', '=', userId)
    .where('account_id', '=', accountId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (!user) throw PrepaidErrors.portal_user_not_found({ userId });
  const others = await tables(tx)
    .selectFrom('prepaid_portal_user')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('role', '=', 'owner')
    .where('removed_at', 'is', null)
    .where('id', '!=', userId)
    .executeTakeFirstOrThrow();
  return { user, otherOwners: Number(others.n) };
}

/** Changes a user's name, e-mail or role; the last owner cannot be demoted. Audited before/after. */
export async function changePortalUser(
  ctx: Ctx,
  accountId: string,
  userId: string,
  changes: PortalUserChanges,
): Promise<PortalUserView> {
  return inTransaction(ctx, async (tx) => {
    const { user, otherOwners } = await userAndOtherOwners(tx, accountId, userId);
    if (user.role === 'owner' && changes.role && changes.role !== 'owner' && otherOwners === 0)
      throw PrepaidErrors.last_owner({ userId });
    const email = changes.email === undefined ? user.email : changes.email?.trim() || null;
    if (!email && !user.phone) throw PrepaidErrors.phone_invalid({});
    const row = await tables(tx)
      .updateTable('prepaid_portal_user')
      .set({
        name: changes.name?.trim() || user.name,
        role: changes.role ?? user.role,
        email,
        ...codeChannel(user.phone, email),
      })
      .where('id', '=', userId)
      .returning(['id', 'name', 'phone', 'email', 'role', 'created_at'])
      .executeTakeFirstOrThrow();
    // A role taken away takes effect at once: the user's open sessions carry the new role (read per request).
    await recordAudit(tx, {
      action: 'prepaid.portal_user.changed',
      subject: { type: 'prepaid_account', id: accountId },
      before: { userId, name: user.name, email: user.email, role: user.role },
      after: { userId, name: row.name, email: row.email, role: row.role },
    });
    return view(row);
  });
}

/** Removes a user: their sessions and refresh tokens end at once; the last owner stays. Audited. */
export async function removePortalUser(ctx: Ctx, accountId: string, userId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const { user, otherOwners } = await userAndOtherOwners(tx, accountId, userId);
    if (user.role === 'owner' && otherOwners === 0) throw PrepaidErrors.last_owner({ userId });
    await tables(tx)
      .updateTable('prepaid_portal_user')
      .set({ removed_at: tx.clock.now() })
      .where('id', '=', userId)
      .execute();
    await revokePortalAccess(tx, { userId });
    await recordAudit(tx, {
      action: 'prepaid.portal_user.removed',
      subject: { type: 'prepaid_account', id: accountId },
      before: { userId, name: user.name, phone: user.phone, email: user.email, role: user.role },
    });
  });
}

/**
 * The account's phone signs in as an owner: when an account is created or its phone set (staff, or
 * a customer's sign-up) and no live user has that phone yet, it becomes an owner, reached where the
 * account's messages go. Returns that user's id.
 */
export async function ensurePhoneOwner(
  tx: Ctx,
  account: {
    id: string;
    name: string;
    phone: string | null;
    channel: string | null;
    channel_to: string | null;
  },
): Promise<string | null> {
  if (!account.phone) return null;
  const existing = await tables(tx)
    .selectFrom('prepaid_portal_user')
    .select('id')
    .where('account_id', '=', account.id)
    .where('phone', '=', account.phone)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (existing) return existing.id;
  const channel = account.channel && account.channel_to ? account.channel : null;
  const row = await tables(tx)
    .insertInto('prepaid_portal_user')
    .values({
      account_id: account.id,
      name: account.name,
      phone: account.phone,
      role: 'owner',
      channel: channel as 'email' | 'whatsapp' | 'telegram' | null,
      channel_to: channel ? account.channel_to : null,
      created_at: tx.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, {
    action: 'prepaid.portal_user.added',
    subject: { type: 'prepaid_account', id: account.id },
    after: { userId: row.id, name: account.name, phone: account.phone, role: 'owner' },
    meta: { from: 'account_phone' },
  });
  return row.id;
}
