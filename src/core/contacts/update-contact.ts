import { type RawBuilder, sql } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { lockLiveContacts } from './contact-records.ts';
import { type Contact, contactTables } from './contact-view.ts';
import type { Language } from './contacts.rules.ts';
import { getContact } from './get-contact.ts';

export interface ContactPatch {
  displayName?: string | null;
  preferredLanguage?: Language | null;
  marketingOptIn?: boolean;
  transactionalOptIn?: boolean;
}

/**
 * Changes a contact's name, language or consent. A consent flag's `…ChangedAt` moves only when its
 * value changes, so it tells when the person last said yes or no. Merged contacts are refused.
 */
export async function updateContact(ctx: Ctx, id: string, patch: ContactPatch): Promise<Contact> {
  return inTransaction(ctx, async (tx) => {
    await lockLiveContacts(tx, [id]);
    const before = await getContact(tx, id);
    const now = tx.clock.now();
    const marketingChanged =
      patch.marketingOptIn !== undefined && patch.marketingOptIn !== before.marketingOptIn;
    const transactionalChanged =
      patch.transactionalOptIn !== undefined && patch.transactionalOptIn !== before.transactionalOptIn;
    await contactTables(tx)
      .updateTable('contact')
      .set({
        updated_at: now,
        ...(patch.displayName !== undefined ? { display_name: patch.displayName?.trim() || null } : {}),
        ...(patch.preferredLanguage !== undefined ? { preferred_language: patch.preferredLanguage } : {}),
        ...(marketingChanged
          ? { marketing_opt_in: patch.marketingOptIn, marketing_opt_in_changed_at: now }
          : {}),
        ...(transactionalChanged
          ? { transactional_opt_in: patch.transactionalOptIn, transactional_opt_in_changed_at: now }
          : {}),
      })
      .where('id', '=', id)
      .execute();
    const after = await getContact(tx, id);
    await recordAudit(tx, {
      action: 'contacts.contact.updated',
      subject: { type: 'contact', id },
      before,
      after,
    });
    return after;
  });
}

/**
 * The update of contacts' preferred language from `rows` (a query or a CTE's name answering org_id,
 * contact_id, language and now), for one statement that writes a batch of chat steps at once. A
 * contact merged meanwhile is left alone (the merge committed first wins). Answers the ids it wrote.
 */
export function preferredLanguageUpdateSql(rows: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`update contact ct set preferred_language = r.language, updated_at = r.now
    from ${rows} r where ct.org_id = r.org_id and ct.id = r.contact_id and ct.merged_into_id is null
    returning ct.id`;
}
