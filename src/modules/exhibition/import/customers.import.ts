import { normalizeExternalId } from '../../../core/contacts/index.ts';
import type { Ctx } from '../../../core/context/index.ts';
import { dateTimeField, FieldProblem, type ImportModel, textField } from '../../../core/imports/index.ts';
import { isUniqueViolation } from '../../../platform/errors/index.ts';
import { sendWelcome } from '../customer-welcome.ts';
import { importedCode } from '../customers.ts';
import type { ExhibitionRuntime } from '../exhibition.runtime.ts';
import type { ExhibitionTables } from '../exhibition.tables.ts';

/** The Opsdesk exhibition the run brings the original's records into (set by the customers' `begin`). */
export interface ImportTarget {
  exhibition?: { id: string; name: string; currency: string; timeZone: string };
}

export interface ImportedCustomer {
  code: string;
  name: string;
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

function contact(channel: 'email' | 'phone', value: string, field: string, expected: string): string {
  try {
    return normalizeExternalId(channel, value, { field });
  } catch {
    throw new FieldProblem(field, `is not ${expected}`);
  }
}

/**
 * `customers.customer` → `exhibition_customer`: the original's `customer_id` kept as the code (upper
 * case, as the desk finds it), e-mail and phone normalized as the desk registers them, and the
 * registration time. Registered "via import"; no e-mail goes out unless `--notify`.
 */
export const customersImport = (
  rt: Pick<ExhibitionRuntime, 'jobs' | 'secretKey'>,
  target: ImportTarget,
): ImportModel<ImportedCustomer> => ({
  model: 'customers.customer',
  label: 'customers',
  async begin(ctx) {
    target.exhibition = await importTargetExhibition(ctx);
    return {
      parse(record) {
        if (!target.exhibition)
          return {
            refused: 'no open exhibition in Opsdesk to bring customers into: create the exhibition first',
          };
        const f = record.fields;
        const typed = textField(f, 'customer_id', { required: true, max: 40 })!;
        const code = importedCode(typed);
        if (!code) throw new FieldProblem('customer_id', 'is not a customer code (4–20 letters and digits)');
        return {
          row: {
            code,
            name: textField(f, 'name', { required: true, max: 200 })!,
            email: contact('email', textField(f, 'email', { required: true })!, 'email', 'an e-mail address'),
            phone: contact(
              'phone',
              textField(f, 'phone', { required: true })!,
              'phone',
              'a phone number with its country code (+…)',
            ),
            createdAt: dateTimeField(f, 'created_at'),
          },
        };
      },
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
      refusalOf: (err) =>
        isUniqueViolation(err, 'exhibition_customer_org_id_code_key')
          ? 'customer_id: another customer in Opsdesk already has this code'
          : undefined,
      // Asked for (`--notify`): each imported customer gets the welcome e-mail with a new QR pass.
      messagesFor: () => 1,
      async notify(tx, written) {
        const exhibition = target.exhibition!;
        for (const { row, id } of written)
          await sendWelcome(tx, rt, {
            customer: { id, code: row.code, name: row.name, email: row.email, language: 'en' },
            exhibitionName: exhibition.name,
            reissue: false,
          });
      },
    };
  },
});
