import {
  createContact,
  findOrCreateContactByIdentity,
  normalizePhone,
} from '../../../core/contacts/index.ts';
import type { Ctx } from '../../../core/context/index.ts';
import { FieldProblem, type ImportFlag, type ImportModel, textField } from '../../../core/imports/index.ts';
import { getOrganization, phoneCountryOf } from '../../../core/orgs/index.ts';
import type { RaffleTables } from '../raffle.tables.ts';

export interface ImportedBuyer {
  /** The WhatsApp number as Meta names it (country code and number, digits), or null when none could be read. */
  waId: string | null;
  /** What the original holds, when it is not already that number. */
  typed: string | null;
  name: string | null;
}

/** What WhatsApp accepts as a number (contacts.rules.ts): digits, no leading zero, 6-15 long. */
const WHATSAPP_DIGITS = /^[1-9]\d{5,14}$/;

/**
 * A WhatsApp number however it was typed: as Meta sends it (`595981123456`), with `+` or `00` and
 * spaces, dashes or brackets, or in local form (`0981 123-456`) read in `country`; digits that
 * are neither a known number nor a local one are kept as Meta sent them. `local` says the country's
 * code was added.
 */
export function whatsappNumberOf(
  typed: string,
  country: string | null,
): { waId: string; local: boolean } | null {
  const compact = typed.replace(/[\s().\-/]/g, '');
  if (/^(\+|00)\d+$/.test(compact)) {
    const e164 = normalizePhone(compact.replace(/^00/, '+'));
    return e164 ? { waId: e164.slice(1), local: false } : null;
  }
  if (!/^\d+$/.test(compact)) return null;
  if (!compact.startsWith('0')) {
    const international = normalizePhone(`+${compact}`);
    if (international) return { waId: international.slice(1), local: false };
  }
  const local = country ? normalizePhone(compact, country) : undefined;
  if (local) return { waId: local.slice(1), local: true };
  // As Meta names a WhatsApp account (digits with the country code), even one the phone plan doesn't list.
  return WHATSAPP_DIGITS.test(compact) ? { waId: compact, local: false } : null;
}

/**
 * `whatsapp.whatsappcontact` → a contact with its WhatsApp identity (the core's, found or made) and
 * the raffle buyer of that contact: when they write on WhatsApp after the switch, the bot finds the
 * same contact by the number and the same buyer with their orders. Numbers staff typed in the admin
 * or sent to `/api/whatsapp/contacts/ensure/` are read however typed (local forms in the operator's
 * country); one that is no phone number at all comes over as a buyer without WhatsApp, flagged with
 * what was typed. Two contacts of the original with one number are one person: one buyer. A person
 * who already wrote to Opsdesk keeps their buyer (the original's name fills a missing one).
 */
export const buyersImport: ImportModel<ImportedBuyer> = {
  model: 'whatsapp.whatsappcontact',
  // The bot's own state and clock, and the tenant the multi-tenant upgrade stamped: no change of the buyer.
  volatile: ['tenant', 'state', 'context', 'last_interaction_at', 'updated_at'],
  label: 'buyers',
  foreignKeys: ['tenant'],
  async begin(ctx, _refs, options) {
    const country = phoneCountryOf(await getOrganization(ctx), options.answers?.country);
    return {
      parse(record) {
        const f = record.fields;
        const typed = textField(f, 'wa_id', { required: true, max: 50 })!;
        if (!typed) throw new FieldProblem('wa_id', 'is required');
        const name = textField(f, 'name', { max: 255 })?.trim() || null;
        const read = whatsappNumberOf(typed, country);
        const flags: ImportFlag[] = [];
        const notes: string[] = [];
        if (read?.local) notes.push(`local number read in ${country}`);
        if (!read)
          flags.push({
            field: 'wa_id',
            reason: `"${typed}" is not a WhatsApp number${country ? ` (read in ${country})` : ''}: the buyer comes over without WhatsApp`,
          });
        return {
          row: { waId: read?.waId ?? null, typed: read?.waId === typed ? null : typed, name },
          flags,
          notes,
        };
      },
      write: (tx, rows) => writeBuyers(tx, rows),
      async update(tx, rows) {
        const db = tx.db.withTables<RaffleTables>();
        const current = await db
          .selectFrom('raffle_buyer')
          .select(['id', 'wa_id'])
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
        for (const { id, row } of rows) {
          const had = current.find((c) => c.id === id)?.wa_id ?? null;
          if (row.waId !== had && row.waId !== null)
            throw new FieldProblem(
              'wa_id',
              `changed in the original from ${had ?? 'none'} to ${row.waId}: a new number is a new WhatsApp identity, add it to the contact in Opsdesk`,
            );
          await db.updateTable('raffle_buyer').set({ display_name: row.name }).where('id', '=', id).execute();
        }
      },
    };
  },
};

/** The contacts (found by their number, or new) and their buyers; one buyer per contact. */
async function writeBuyers(tx: Ctx, rows: ReadonlyArray<ImportedBuyer>): Promise<string[]> {
  const contacts: string[] = [];
  const numbers: Array<string | null> = [];
  for (const b of rows) {
    if (b.waId) {
      const { contact } = await findOrCreateContactByIdentity(tx, {
        channel: 'whatsapp',
        externalId: b.waId,
        displayName: b.name,
        language: 'es',
      });
      contacts.push(contact.id);
      numbers.push(contact.identities.find((i) => i.channel === 'whatsapp')?.externalId ?? b.waId);
    } else {
      const contact = await createContact(tx, { displayName: b.name ?? b.typed, preferredLanguage: 'es' });
      contacts.push(contact.id);
      numbers.push(null);
    }
  }
  const first = new Map<string, number>();
  contacts.forEach((c, i) => {
    if (!first.has(c)) first.set(c, i);
  });
  const distinct = [...first.values()];
  const inserted = await tx.db
    .withTables<RaffleTables>()
    .insertInto('raffle_buyer')
    .values(
      distinct.map((i) => ({
        contact_id: contacts[i]!,
        wa_id: numbers[i]!,
        display_name: rows[i]!.name,
        // the original speaks Spanish (LANGUAGE_CODE = 'es')
        language: 'es',
      })),
    )
    .onConflict((oc) =>
      oc.columns(['org_id', 'contact_id']).doUpdateSet((eb) => ({
        wa_id: eb.fn.coalesce('raffle_buyer.wa_id', 'excluded.wa_id'),
        display_name: eb.fn.coalesce('raffle_buyer.display_name', 'excluded.display_name'),
      })),
    )
    .returning(['id', 'contact_id'])
    .execute();
  const buyerOf = new Map(inserted.map((b) => [b.contact_id, b.id]));
  return contacts.map((c) => buyerOf.get(c)!);
}
