import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { identityOwner } from './contact-records.ts';
import { type Contact, contactTables } from './contact-view.ts';
import { ContactsErrors } from './contacts.errors.ts';
import { type Channel, type Language, normalizeExternalId } from './contacts.rules.ts';
import { getContact } from './get-contact.ts';
import { orgPhoneCountry } from './org-phone.ts';

export interface CreateContactInput {
  displayName?: string | null;
  preferredLanguage?: Language | null;
  marketingOptIn?: boolean;
  transactionalOptIn?: boolean;
  identities?: { channel: Channel; externalId: string }[];
  /** Where a phone typed without `+` is read; default: the organization's country (`orgPhoneCountry`). */
  defaultCountry?: string;
}

/**
 * Creates a contact by hand (the console, an import). Each identity is claimed with
 * `on conflict do nothing`; one that already belongs to someone refuses the whole create.
 */
export async function createContact(ctx: Ctx, input: CreateContactInput): Promise<Contact> {
  const phoned = input.identities?.some((i) => i.channel === 'phone') && !input.defaultCountry;
  const country = phoned ? await orgPhoneCountry(ctx) : input.defaultCountry;
  const identities = normalizeIdentities(input, country ?? undefined);
  return inTransaction(ctx, async (tx) => {
    const db = contactTables(tx);
    const now = tx.clock.now();
    const { id } = await db
      .insertInto('contact')
      .values({
        display_name: input.displayName?.trim() || null,
        preferred_language: input.preferredLanguage ?? null,
        marketing_opt_in: input.marketingOptIn ?? false,
        marketing_opt_in_changed_at: input.marketingOptIn === undefined ? null : now,
        transactional_opt_in: input.transactionalOptIn ?? true,
        transactional_opt_in_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const identity of identities) {
      const claimed = await db
        .insertInto('contact_identity')
        .values({
          contact_id: id,
          channel: identity.channel,
          external_id: identity.externalId,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['org_id', 'channel', 'external_id']).doNothing())
        .returning('contact_id')
        .executeTakeFirst();
      if (!claimed) {
        const owner = await identityOwner(tx, identity.channel, identity.externalId);
        throw ContactsErrors.identity_taken({ ...identity, contactId: owner });
      }
    }
    const contact = await getContact(tx, id);
    await recordAudit(tx, {
      action: 'contacts.contact.created',
      subject: { type: 'contact', id },
      after: contact,
    });
    return contact;
  });
}

function normalizeIdentities(
  input: CreateContactInput,
  defaultCountry: string | undefined,
): { channel: Channel; externalId: string }[] {
  const seen = new Map<string, { channel: Channel; externalId: string }>();
  for (const [i, identity] of (input.identities ?? []).entries()) {
    const externalId = normalizeExternalId(identity.channel, identity.externalId, {
      field: `identities.${i}.externalId`,
      defaultCountry,
    });
    seen.set(`${identity.channel}:${externalId}`, { channel: identity.channel, externalId });
  }
  return [...seen.values()];
}
