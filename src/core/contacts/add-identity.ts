import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { identityOwner, lockLiveContacts } from './contact-records.ts';
import { type Contact, contactTables } from './contact-view.ts';
import { ContactsErrors } from './contacts.errors.ts';
import { type Channel, normalizeExternalId } from './contacts.rules.ts';
import { getContact } from './get-contact.ts';
import { orgPhoneCountry } from './org-phone.ts';

/**
 * Gives a contact another way to reach it; a phone without `+` is read in `defaultCountry`, else the
 * organization's country. Adding one it already has changes nothing; one that
 * belongs to another contact is refused with `identity_taken` naming that contact: merge them instead.
 */
export async function addIdentity(
  ctx: Ctx,
  input: { contactId: string; channel: Channel; externalId: string; defaultCountry?: string },
): Promise<Contact> {
  const defaultCountry =
    input.channel === 'phone' && !input.defaultCountry ? await orgPhoneCountry(ctx) : input.defaultCountry;
  const externalId = normalizeExternalId(input.channel, input.externalId, {
    field: 'body.externalId',
    defaultCountry: defaultCountry ?? undefined,
  });
  return inTransaction(ctx, async (tx) => {
    await lockLiveContacts(tx, [input.contactId]);
    const claimed = await contactTables(tx)
      .insertInto('contact_identity')
      .values({
        contact_id: input.contactId,
        channel: input.channel,
        external_id: externalId,
        created_at: tx.clock.now(),
      })
      .onConflict((oc) => oc.columns(['org_id', 'channel', 'external_id']).doNothing())
      .returning('contact_id')
      .executeTakeFirst();
    if (!claimed) {
      const owner = await identityOwner(tx, input.channel, externalId);
      if (owner === input.contactId) return getContact(tx, input.contactId);
      throw ContactsErrors.identity_taken({
        channel: input.channel,
        externalId,
        contactId: owner,
      });
    }
    await recordAudit(tx, {
      action: 'contacts.identity.added',
      subject: { type: 'contact', id: input.contactId },
      after: { channel: input.channel, externalId },
    });
    return getContact(tx, input.contactId);
  });
}
