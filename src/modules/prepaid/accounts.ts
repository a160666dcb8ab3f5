import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { ensurePhoneOwner } from './portal/portal-users.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

/** Prepaid accounts: who owns meters, where their token messages go, and the phone the portal signs in with. */

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

export interface NewAccount {
  kind: 'household' | 'institution';
  name: string;
  channel?: { name: 'email' | 'whatsapp' | 'telegram'; to: string } | null;
  language?: string;
  /** The owner's phone, normalized (`+250788000111`): the portal signs in with it and a meter number. */
  phone?: string | null;
}

export async function createAccount(ctx: Ctx, input: NewAccount) {
  return inTransaction(ctx, async (tx) => {
    const row = await tables(tx)
      .insertInto('prepaid_account')
      .values({
        kind: input.kind,
        name: input.name,
        channel: input.channel?.name ?? null,
        channel_to: input.channel?.to ?? null,
        language: input.language ?? 'en',
        phone: input.phone ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'prepaid.account.created',
      subject: { type: 'prepaid_account', id: row.id },
      after: { kind: row.kind, name: row.name, channel: row.channel, phone: row.phone },
    });
    // The account's phone is its first portal owner.
    const ownerUserId = await ensurePhoneOwner(tx, row);
    return { ...row, ownerUserId };
  });
}

export interface AccountChanges {
  name?: string;
  phone?: string | null;
  /** Where token messages go; each half may change alone (the other is kept), null clears it. */
  channel?: 'email' | 'whatsapp' | 'telegram' | null;
  channelTo?: string | null;
  language?: string;
}

/** Edits an account (staff form), audited with what changed before and after. */
export async function updateAccount(ctx: Ctx, id: string, changes: AccountChanges) {
  return inTransaction(ctx, async (tx) => {
    const before = await tables(tx)
      .selectFrom('prepaid_account')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw PrepaidErrors.account_not_found({ accountId: id });
    // A partial edit changes only what it names: the other half of the channel is kept.
    const channel = changes.channel !== undefined ? changes.channel : before.channel;
    const channelTo = changes.channelTo !== undefined ? changes.channelTo || null : before.channel_to;
    if ((channel === null) !== (channelTo === null)) {
      const missing = channel === null ? 'channel' : 'channelTo';
      throw PlatformErrors.validation_failed(
        {},
        {
          message: `${missing}: a channel needs both its name and its address`,
          fields: [
            {
              field: `body.${missing}`,
              message: 'a channel needs both its name and its address',
              code: 'invalid_value',
              expected: missing === 'channel' ? 'email, whatsapp or telegram' : 'the address on that channel',
            },
          ],
        },
      );
    }
    const row = await tables(tx)
      .updateTable('prepaid_account')
      .set({
        name: changes.name,
        phone: changes.phone,
        language: changes.language,
        channel: channel as typeof before.channel,
        channel_to: channelTo,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (row.phone && row.phone !== before.phone) await ensurePhoneOwner(tx, row);
    const view = (a: typeof row) => ({
      name: a.name,
      phone: a.phone,
      channel: a.channel,
      channelTo: a.channel_to,
      language: a.language,
    });
    await recordAudit(tx, {
      action: 'prepaid.account.updated',
      subject: { type: 'prepaid_account', id },
      before: view(before),
      after: view(row),
    });
    return row;
  });
}
