import { choiceField, type ImportModel, textField } from '../../../core/imports/index.ts';
import { normalizePhone } from '../portal/portal.rules.ts';
import { phoneCountryOf } from '../prepaid.settings.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';

export interface ImportedCustomer {
  name: string;
  phone: string | null;
  email: string | null;
}

/**
 * `users.user` (the original's `AbstractUser` with `role`, `phone_number` and a Rwandan address) →
 * a household account with its owner as the portal user who signs in with the phone (what
 * `createAccount` makes). Customers only: the original's admins are staff, who sign in to Opsdesk.
 * Token and alert messages go to the e-mail the customer signed in to the original with.
 */
export const usersImport: ImportModel<ImportedCustomer> = {
  model: 'users.user',
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
        const typed = textField(f, 'phone_number', { max: 15 });
        const phone = typed === null ? null : normalizePhone(typed, country);
        if (typed !== null && phone === null)
          return { refused: `expected a phone number, got ${typed}`, field: 'phone_number' };
        const email = textField(f, 'email', { max: 200 });
        if (email !== null && !/^[^@\s]+@[^@\s]+$/.test(email))
          return { refused: `expected an e-mail address, got ${email.slice(0, 60)}`, field: 'email' };
        return { row: { name: name.slice(0, 200), phone, email } };
      },
      async write(tx, rows) {
        const accounts = await tx.db
          .withTables<PrepaidTables>()
          .insertInto('prepaid_account')
          .values(
            rows.map((c) => ({
              kind: 'household' as const,
              name: c.name,
              channel: c.email ? ('email' as const) : null,
              channel_to: c.email,
              phone: c.phone,
            })),
          )
          .returning('id')
          .execute();
        const owners = rows.flatMap((c, i) =>
          c.phone || c.email
            ? [
                {
                  account_id: accounts[i]!.id,
                  name: c.name,
                  phone: c.phone,
                  email: c.email,
                  role: 'owner' as const,
                  channel: c.email ? ('email' as const) : null,
                  channel_to: c.email,
                  created_at: tx.clock.now(),
                },
              ]
            : [],
        );
        if (owners.length)
          await tx.db.withTables<PrepaidTables>().insertInto('prepaid_portal_user').values(owners).execute();
        return accounts.map((a) => a.id);
      },
    };
  },
};
