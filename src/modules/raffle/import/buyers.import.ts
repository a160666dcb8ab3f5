import { findOrCreateContactByIdentity } from '../../../core/contacts/index.ts';
import { FieldProblem, type ImportModel, textField } from '../../../core/imports/index.ts';
import type { RaffleTables } from '../raffle.tables.ts';

export interface ImportedBuyer {
  waId: string;
  name: string | null;
}

/**
 * `whatsapp.whatsappcontact` → a contact with its WhatsApp identity (the core's, found or made) and
 * the raffle buyer of that contact: when they write on WhatsApp after the switch, the bot finds the
 * same contact by the number and the same buyer with their orders. A person who already wrote to
 * Opsdesk keeps their buyer row (the original's name fills a missing one).
 */
export const buyersImport: ImportModel<ImportedBuyer> = {
  model: 'whatsapp.whatsappcontact',
  label: 'buyers',
  foreignKeys: ['tenant'],
  async begin() {
    return {
      parse(record) {
        const f = record.fields;
        const given = textField(f, 'wa_id', { required: true, max: 50 })!;
        const waId = given.replace(/[\s+-]/g, '');
        if (!/^\d{5,20}$/.test(waId))
          throw new FieldProblem('wa_id', `expected a WhatsApp number (digits), got ${given.slice(0, 40)}`);
        return { row: { waId, name: textField(f, 'name', { max: 255 }) || null } };
      },
      async write(tx, rows) {
        const contacts: string[] = [];
        const numbers: string[] = [];
        for (const b of rows) {
          const { contact } = await findOrCreateContactByIdentity(tx, {
            channel: 'whatsapp',
            externalId: b.waId,
            displayName: b.name,
            language: 'es',
          });
          contacts.push(contact.id);
          numbers.push(contact.identities.find((i) => i.channel === 'whatsapp')?.externalId ?? b.waId);
        }
        const inserted = await tx.db
          .withTables<RaffleTables>()
          .insertInto('raffle_buyer')
          .values(
            rows.map((b, i) => ({
              contact_id: contacts[i]!,
              wa_id: numbers[i]!,
              display_name: b.name,
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
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
    };
  },
};
