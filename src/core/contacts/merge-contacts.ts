import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { lockLiveContacts } from './contact-records.ts';
import { type Contact, contactTables } from './contact-view.ts';
import { ContactsErrors } from './contacts.errors.ts';
import { getContact } from './get-contact.ts';

/**
 * Folds `mergeId` into `keepId`: identities move to the survivor, the merged contact keeps its row
 * with `merged_into_id` set (so old links still resolve), contacts merged into it earlier now point at
 * the survivor, and every `onContactsMerged` handler re-points its module's rows, all in one
 * transaction. The survivor's name and language win; its empty ones are filled from the merged contact.
 * Consent flags stay the survivor's: consent given on one channel is not assumed for another.
 */
export async function mergeContacts(ctx: Ctx, input: { keepId: string; mergeId: string }): Promise<Contact> {
  const { keepId, mergeId } = input;
  if (keepId === mergeId) throw ContactsErrors.merge_same_contact({ id: keepId });
  return inTransaction(ctx, async (tx) => {
    await lockLiveContacts(tx, [keepId, mergeId]);
    const keep = await getContact(tx, keepId);
    const merged = await getContact(tx, mergeId);
    const db = contactTables(tx);
    const now = tx.clock.now();
    await db
      .updateTable('contact_identity')
      .set({ contact_id: keepId })
      .where('contact_id', '=', mergeId)
      .execute();
    await db
      .updateTable('contact')
      .set({ merged_into_id: keepId, updated_at: now })
      .where((eb) => eb.or([eb('id', '=', mergeId), eb('merged_into_id', '=', mergeId)]))
      .execute();
    await db
      .updateTable('contact')
      .set({
        updated_at: now,
        display_name: keep.displayName ?? merged.displayName,
        preferred_language: keep.preferredLanguage ?? merged.preferredLanguage,
      })
      .where('id', '=', keepId)
      .execute();
    await tx.events.emit('contacts.merged', tx, { keepId, mergeId });
    const after = await getContact(tx, keepId);
    await recordAudit(tx, {
      action: 'contacts.contact.merged',
      subject: { type: 'contact', id: keepId },
      before: { kept: keep, merged },
      after,
      meta: { keepId, mergeId },
    });
    return after;
  });
}
