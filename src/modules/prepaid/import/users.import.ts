import type { Ctx } from '../../../core/context/index.ts';
import { choiceField, type ImportFlag, type ImportModel, textField } from '../../../core/imports/index.ts';
import { phoneCountryOf } from '../prepaid.settings.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { readOriginalPhone } from './customer-phone.rules.ts';

export interface ImportedCustomer {
  name: string;
  phone: string | null;
  email: string | null;
}

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** What the portal's user table takes as an e-mail (`length 3..200`, `x@y`). */
const PORTAL_EMAIL = /^[^@\s]+@[^@\s]+$/;

const channelOf = (c: ImportedCustomer) => (c.email ? ('email' as const) : null);

/**
 * `users.user` (the original's `AbstractUser` with `role`, `phone_number` and a Rwandan address) →
 * a household account with its owner as the portal user who signs in with the phone (what
 * `createAccount` makes). Customers only: the original's admins are staff, who sign in to Opsdesk.
 * A phone is read as people give it in the organization's country (`0788…`, `788…`, `250788…`);
 * one that is no number there is flagged and left off the account, as is an e-mail the portal cannot
 * hold; blanks stay blank. Token and alert messages go to the e-mail the customer gave the original.
 * A customer who changed a name, phone or e-mail in the original since the last run takes the change.
 */
export const usersImport: ImportModel<ImportedCustomer> = {
  model: 'users.user',
  // Django stamps last_login at every sign-in: no change of the customer alone.
  volatile: ['last_login'],
  label: 'customers',
  async begin(ctx) {
    const country = await phoneCountryOf(ctx);
    return {
      parse(record) {
        const f = record.fields;
        const role = choiceField(f, 'role', ['admin', 'customer']) ?? 'customer';
        if (role === 'admin') return { skipped: 'an administrator: staff sign in to Opsdesk' };
        const username = textField(f, 'username', { required: true, max: 150 })!;
        const name =
          [textField(f, 'first_name', { max: 150 }), textField(f, 'last_name', { max: 150 })]
            .filter(Boolean)
            .join(' ') || username;
        const flags: ImportFlag[] = [];
        const typed = textField(f, 'phone_number', { max: 40 });
        const phone = typed === null ? null : readOriginalPhone(typed, country);
        if (phone?.flag) flags.push({ field: 'phone_number', reason: phone.flag });
        let email = textField(f, 'email', { max: 254 });
        if (email !== null && (!PORTAL_EMAIL.test(email) || email.length > 200)) {
          flags.push({
            field: 'email',
            reason: `${email.slice(0, 60)}: not an address messages can go to; left off`,
          });
          email = null;
        }
        return { row: { name: name.slice(0, 200), phone: phone?.phone ?? null, email }, flags };
      },
      async write(tx, rows) {
        const accounts = await tables(tx)
          .insertInto('prepaid_account')
          .values(
            rows.map((c) => ({
              kind: 'household' as const,
              name: c.name,
              channel: channelOf(c),
              channel_to: c.email,
              phone: c.phone,
            })),
          )
          .returning('id')
          .execute();
        await addOwners(
          tx,
          rows.map((row, i) => ({ id: accounts[i]!.id, row })),
        );
        return accounts.map((a) => a.id);
      },
      async update(tx, rows) {
        for (const { id, row } of rows) {
          await tables(tx)
            .updateTable('prepaid_account')
            .set({ name: row.name, phone: row.phone, channel: channelOf(row), channel_to: row.email })
            .where('id', '=', id)
            .execute();
          // The owner the import made (the account's first): the original is the customer's word until switch day.
          const owner = await tables(tx)
            .selectFrom('prepaid_portal_user')
            .select('id')
            .where('account_id', '=', id)
            .where('role', '=', 'owner')
            .where('removed_at', 'is', null)
            .orderBy('created_at')
            .limit(1)
            .executeTakeFirst();
          if (!owner) await addOwners(tx, [{ id, row }]);
          else if (row.phone || row.email)
            await tables(tx)
              .updateTable('prepaid_portal_user')
              .set({
                name: row.name,
                phone: row.phone,
                email: row.email,
                channel: channelOf(row),
                channel_to: row.email,
              })
              .where('id', '=', owner.id)
              .execute();
        }
      },
    };
  },
};

/** The account's owner, who signs in to the portal with the phone (or is reached by e-mail). */
async function addOwners(tx: Ctx, accounts: ReadonlyArray<{ id: string; row: ImportedCustomer }>) {
  const owners = accounts
    .filter(({ row }) => row.phone || row.email)
    .map(({ id, row }) => ({
      account_id: id,
      name: row.name,
      phone: row.phone,
      email: row.email,
      role: 'owner' as const,
      channel: channelOf(row),
      channel_to: row.email,
      created_at: tx.clock.now(),
    }));
  if (owners.length) await tables(tx).insertInto('prepaid_portal_user').values(owners).execute();
}
