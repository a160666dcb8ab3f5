import { recordAudit } from '../../../core/audit/index.ts';
import type { Ctx } from '../../../core/context/index.ts';
import {
  dateTimeField,
  FieldProblem,
  type ImportFlag,
  type ImportModel,
  textField,
  uniqueRefusals,
} from '../../../core/imports/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { sendWelcome } from '../customer-welcome.ts';
import type { ExhibitionRuntime } from '../exhibition.runtime.ts';
import type { ExhibitionTables } from '../exhibition.tables.ts';
import { importedCode } from '../find-customers.ts';
import { isEmailable, readOriginalEmail, readOriginalPhone } from './original-contacts.rules.ts';
import { PHONE_COUNTRY_QUESTION, phoneCountryFor } from './phone-country.ts';

/** The Opsdesk exhibition the run brings the original's records into (set by the customers' `begin`). */
export interface ImportTarget {
  exhibition?: { id: string; name: string; currency: string; timeZone: string };
}

export interface ImportedCustomer {
  code: string;
  name: string;
  /** Normalized, or kept as typed (flagged), or '' when the original had none. */
  email: string;
  phone: string;
  createdAt: Date | null;
}

/** The organization's latest open exhibition: where the original's customers and bills come. */
export async function importTargetExhibition(ctx: Ctx): Promise<ImportTarget['exhibition']> {
  const row = await ctx.db
    .withTables<ExhibitionTables>()
    .selectFrom('exhibition_exhibition')
    .select(['id', 'name', 'currency', 'time_zone as timeZone'])
    .where('closed_at', 'is', null)
    .orderBy('starts_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { ...row, currency: row.currency.trim() } : undefined;
}

export const NO_EMAIL_NOTE = 'no e-mail address: nothing can be e-mailed to them (show the QR at the desk)';
export const NO_PHONE_NOTE = 'no phone number';

/** The original's name: up to 255 characters; a blank one (typed in the shell) becomes the code, flagged. */
function nameOf(fields: Readonly<Record<string, unknown>>, code: string, flags: ImportFlag[]): string {
  const name = textField(fields, 'name', { max: 255 });
  if (name) return name;
  flags.push({ field: 'name', reason: `blank in the original: named ${code} until someone types the name` });
  return code;
}

/**
 * `customers.customer` → `exhibition_customer`: the original's `customer_id` kept as the code (found
 * at the desk and the booths however typed), the name, e-mail and phone as its admins typed them
 * (normalized when they read as an address or a number, local numbers in the exhibition's country;
 * else kept as typed and flagged; blanks stay blank), and the registration time. Registered "via
 * import"; no e-mail goes out unless `--notify`, and then only to a readable address.
 */
export const customersImport = (
  rt: Pick<ExhibitionRuntime, 'jobs' | 'secretKey'>,
  target: ImportTarget,
): ImportModel<ImportedCustomer> => ({
  model: 'customers.customer',
  // Touched by the original on every save and by its welcome thread: no change of the customer alone.
  volatile: ['updated_at', 'email_sent'],
  label: 'customers',
  async begin(ctx, _refs, options) {
    target.exhibition = await importTargetExhibition(ctx);
    const country = phoneCountryFor(
      options.answers?.[PHONE_COUNTRY_QUESTION.key],
      target.exhibition?.currency,
    );
    return {
      parse(record) {
        if (!target.exhibition)
          return {
            refused: 'no open exhibition in Opsdesk to bring customers into: create the exhibition first',
          };
        const f = record.fields;
        const typed = textField(f, 'customer_id', { required: true, max: 40 })!;
        const code = importedCode(typed);
        if (!code || code.length > 8)
          throw new FieldProblem('customer_id', `"${typed}" is not a customer code (4–8 letters and digits)`);
        const flags: ImportFlag[] = [];
        const email = readOriginalEmail(textField(f, 'email'));
        const phone = readOriginalPhone(textField(f, 'phone'), country);
        for (const read of [email, phone]) if (read.flag) flags.push(read.flag);
        const notes = [
          ...(isEmailable(email.value) || email.flag ? [] : [NO_EMAIL_NOTE]),
          ...(phone.value === '' ? [NO_PHONE_NOTE] : []),
        ];
        return {
          row: {
            code,
            name: nameOf(f, code, flags),
            email: email.value,
            phone: phone.value,
            createdAt: dateTimeField(f, 'created_at'),
          },
          flags,
          notes,
        };
      },
      uniqueKeys: (row) => [`customer_id:${row.code}`],
      async write(tx, rows) {
        const exhibition = target.exhibition!;
        const inserted = await tx.db
          .withTables<ExhibitionTables>()
          .insertInto('exhibition_customer')
          .values(
            rows.map((c) => ({
              exhibition_id: exhibition.id,
              code: c.code,
              name: c.name,
              email: c.email,
              phone: c.phone,
              registered_via: 'import' as const,
              ...(c.createdAt ? { created_at: c.createdAt } : {}),
            })),
          )
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
      update: (tx, rows) => updateCustomers(tx, rows),
      refusalOf: uniqueRefusals({
        exhibition_customer_org_id_code_key: 'customer_id: another customer in Opsdesk already has this code',
      }),
      // Asked for (`--notify`): each imported customer with an address gets the welcome e-mail with a new QR pass.
      messagesFor: (row) => (isEmailable(row.email) ? 1 : 0),
      async notify(tx, written) {
        const exhibition = target.exhibition!;
        for (const { row, id } of written)
          if (isEmailable(row.email))
            await sendWelcome(tx, rt, {
              customer: { id, code: row.code, name: row.name, email: row.email, language: 'en' },
              exhibitionName: exhibition.name,
              reissue: false,
            });
      },
    };
  },
});

/**
 * A customer edited in the original since the last import (a phone corrected, an e-mail fixed): its
 * name, e-mail and phone as they are there now, each change audited with what it was. A record
 * brought again with nothing of ours changed (the original's `email_sent` or `updated_at` moved, or a
 * source that types its fields otherwise) writes nothing.
 */
async function updateCustomers(
  tx: Ctx,
  rows: ReadonlyArray<{ id: string; row: ImportedCustomer }>,
): Promise<void> {
  for (const { id, row } of rows) {
    const { rows: found } = await sql<{ name: string; email: string; phone: string }>`
      select name, email, phone from exhibition_customer
      where org_id = ${tx.orgId} and id = ${id}::uuid for update`.execute(tx.db);
    const before = found[0];
    const after = { name: row.name, email: row.email, phone: row.phone };
    if (
      !before ||
      (before.name === after.name && before.email === after.email && before.phone === after.phone)
    )
      continue;
    await tx.db
      .withTables<ExhibitionTables>()
      .updateTable('exhibition_customer')
      .set(after)
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      action: 'exhibition.customer.changed_in_original',
      subject: { type: 'exhibition_customer', id },
      before,
      after,
    });
  }
}
