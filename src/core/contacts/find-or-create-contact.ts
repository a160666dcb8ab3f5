import { newId } from '../../platform/ids/index.ts';
import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { identityOwner } from './contact-records.ts';
import { type Contact, contactTables, toContact } from './contact-view.ts';
import { type Channel, normalizeExternalId, toSupportedLanguage } from './contacts.rules.ts';
import { getContact } from './get-contact.ts';

export interface FindOrCreateInput {
  channel: Channel;
  /** As the channel reports it; normalized before lookup. */
  externalId: string;
  /** Used only when the contact is new. */
  displayName?: string | null;
  /** A language tag (`hi`, `es-419`); used only when the contact is new. */
  language?: string | null;
  /** Reads a phone written without `+` in this country (ISO 3166 alpha-2). */
  defaultCountry?: string;
}

/**
 * The contact behind a channel identity, created on first contact. Safe under concurrency: the
 * identity is claimed with `insert ... on conflict do nothing` before the contact row is written (the
 * foreign key is deferred), so two webhooks for the same new person create one contact; the loser
 * waits for the winner's commit and then reads its contact.
 */
export async function findOrCreateContactByIdentity(
  ctx: Ctx,
  input: FindOrCreateInput,
): Promise<{ contact: Contact; created: boolean }> {
  const channel = input.channel;
  const externalId = normalizeExternalId(channel, input.externalId, { defaultCountry: input.defaultCountry });
  const known = await identityOwner(ctx, channel, externalId);
  if (known) return { contact: await getContact(ctx, known), created: false };

  return inTransaction(ctx, async (tx) => {
    const db = contactTables(tx);
    const id = newId();
    const now = tx.clock.now();
    const claimed = await db
      .insertInto('contact_identity')
      .values({ contact_id: id, channel, external_id: externalId, created_at: now })
      .onConflict((oc) => oc.columns(['org_id', 'channel', 'external_id']).doNothing())
      .returning('contact_id')
      .executeTakeFirst();
    if (!claimed) {
      const owner = await identityOwner(tx, channel, externalId);
      return { contact: await getContact(tx, owner!), created: false };
    }
    const row = await db
      .insertInto('contact')
      .values({
        id,
        display_name: input.displayName?.trim().slice(0, 200) || null,
        preferred_language: toSupportedLanguage(input.language),
        transactional_opt_in_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // What was written is the contact: no read back (a chat's first step makes one, issue 43).
    const contact = toContact(row, [{ channel, external_id: externalId, created_at: now }]);
    await recordAudit(tx, {
      action: 'contacts.contact.created',
      subject: { type: 'contact', id },
      after: contact,
      meta: { via: channel },
    });
    return { contact, created: true };
  });
}
