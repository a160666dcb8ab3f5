import { createHmac } from 'node:crypto';
import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { listConversations } from '../../core/conversations/index.ts';
import { newSecret, sha256Hex } from '../../platform/ids/index.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { updateMessSettings } from './setup.ts';

/** How long an invite link stays usable. */
export const INVITE_HOURS = 24;
/** `/start w_<token>`: Telegram passes the deep link's `start` parameter (A–Z, a–z, 0–9, _ and -, up to 64). */
export const INVITE_PREFIX = 'w_';

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

export interface WardenInvite {
  id: string;
  /** `https://t.me/<bot>?start=w_…`; null when the bot's username is unknown (Telegram not configured). */
  link: string | null;
  /** What the warden sends the bot when there is no link: `/start w_…`. */
  startCommand: string;
  expiresAt: Date;
}

/**
 * A one-time link for a new warden (shown once; only its hash is stored), audited as
 * `mess.warden.invited`. With an idempotency key the token is derived from it, so a retried request
 * answers the same link and stores one invite.
 */
export async function createWardenInvite(
  ctx: Ctx,
  rt: Pick<MessRuntime, 'deps' | 'secretKey'>,
  input: { note?: string; idempotencyKey?: string | null },
): Promise<WardenInvite> {
  const token = input.idempotencyKey
    ? createHmac('sha256', rt.secretKey)
        .update(`mess.warden-invite:${ctx.orgId}:${input.idempotencyKey}`)
        .digest('base64url')
        .slice(0, 32)
    : newSecret(24);
  const tokenHash = sha256Hex(token);
  const expiresAt = new Date(ctx.clock.now().getTime() + INVITE_HOURS * 3_600_000);
  const row = await inTransaction(ctx, async (tx) => {
    const inserted = await db(tx)
      .insertInto('mess_warden_invite')
      .values({
        token_hash: tokenHash,
        note: input.note?.trim() ?? '',
        created_by: tx.actor.label,
        expires_at: expiresAt,
      })
      .onConflict((oc) => oc.columns(['org_id', 'token_hash']).doNothing())
      .returning(['id', 'expires_at'])
      .executeTakeFirst();
    if (!inserted)
      return db(tx)
        .selectFrom('mess_warden_invite')
        .select(['id', 'expires_at'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'mess.warden.invited',
      subject: { type: 'mess_warden_invite', id: inserted.id },
      after: { note: input.note?.trim() ?? '', expiresAt: expiresAt.toISOString() },
    });
    return inserted;
  });
  const bot = await rt.deps.conversations
    .channel('telegram')
    ?.handle?.(ctx)
    .catch(() => null);
  const start = `${INVITE_PREFIX}${token}`;
  return {
    id: row.id,
    link: bot ? `https://t.me/${bot}?start=${start}` : null,
    startCommand: `/start ${start}`,
    expiresAt: row.expires_at,
  };
}

export type InviteOutcome = 'joined' | 'already' | 'used' | 'expired' | 'unknown';

/**
 * The warden opened the link: under the invite's row lock it is marked used by this Telegram
 * account, which becomes a mess admin; audited as `mess.warden.joined`. Used, expired or unknown
 * links change nothing.
 */
export async function acceptWardenInvite(
  ctx: Ctx,
  input: { token: string; telegramId: string; name: string | null },
): Promise<InviteOutcome> {
  if (!/^\d{1,20}$/.test(input.telegramId)) return 'unknown';
  return inTransaction(ctx, async (tx) => {
    const invite = await db(tx)
      .selectFrom('mess_warden_invite')
      .selectAll()
      .where('token_hash', '=', sha256Hex(input.token))
      .forUpdate()
      .executeTakeFirst();
    if (!invite) return 'unknown';
    if (invite.used_at) return invite.used_by_telegram_id === input.telegramId ? 'already' : 'used';
    if (invite.expires_at <= tx.clock.now()) return 'expired';
    await db(tx)
      .updateTable('mess_warden_invite')
      .set({ used_at: tx.clock.now(), used_by_telegram_id: input.telegramId, used_by_name: input.name })
      .where('id', '=', invite.id)
      .execute();
    const { adminTelegramIds } = await messSettingsOf(tx);
    if (!adminTelegramIds.includes(input.telegramId))
      await updateMessSettings(tx, { adminTelegramIds: [...adminTelegramIds, input.telegramId] });
    await recordAudit(tx, {
      action: 'mess.warden.joined',
      subject: { type: 'mess_warden_invite', id: invite.id },
      after: { telegramId: input.telegramId, name: input.name },
    });
    return 'joined';
  });
}

/** The wardens (with the name Telegram gave, once they wrote to the bot) and recent invites. */
export async function listWardens(ctx: Ctx, rt: Pick<MessRuntime, 'deps'>) {
  const { adminTelegramIds } = await messSettingsOf(ctx);
  const conversations = adminTelegramIds.length
    ? await listConversations(ctx, {
        channel: 'telegram',
        externalIds: adminTelegramIds,
        limit: adminTelegramIds.length,
      })
    : [];
  const invites = await db(ctx)
    .selectFrom('mess_warden_invite')
    .select([
      'id',
      'note',
      'created_by',
      'created_at',
      'expires_at',
      'used_at',
      'used_by_telegram_id',
      'used_by_name',
    ])
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  const named = new Map(
    invites.filter((i) => i.used_by_telegram_id).map((i) => [i.used_by_telegram_id!, i.used_by_name]),
  );
  const bot = await rt.deps.conversations
    .channel('telegram')
    ?.handle?.(ctx)
    .catch(() => null);
  return {
    botUsername: bot ?? null,
    wardens: adminTelegramIds.map((id) => ({
      telegramId: id,
      name: conversations.find((c) => c.externalId === id)?.displayName ?? named.get(id) ?? null,
    })),
    invites: invites.map((i) => ({
      id: i.id,
      note: i.note,
      createdBy: i.created_by,
      createdAt: i.created_at.toISOString(),
      expiresAt: i.expires_at.toISOString(),
      usedAt: i.used_at?.toISOString() ?? null,
      usedBy: i.used_by_telegram_id ? `${i.used_by_name ?? ''} (${i.used_by_telegram_id})`.trim() : null,
    })),
  };
}
