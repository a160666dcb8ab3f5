import type { Selectable } from '../../platform/db/index.ts';
import type { Ctx } from '../context/index.ts';
import type { Contact } from './contacts.contract.ts';
import type { Channel } from './contacts.rules.ts';
import type { ContactsTables, ContactTable } from './contacts.tables.ts';

export type { Contact, ContactIdentity } from './contacts.contract.ts';

export const contactTables = (ctx: Ctx) => ctx.db.withTables<ContactsTables>();

type ContactRow = Selectable<ContactTable>;

/** Loads contacts by id with their identities, in the order given; unknown ids are left out. */
export async function loadContacts(ctx: Ctx, ids: ReadonlyArray<string>): Promise<Contact[]> {
  if (ids.length === 0) return [];
  const db = contactTables(ctx);
  const rows = await db.selectFrom('contact').selectAll().where('id', 'in', ids).execute();
  const identities = await db
    .selectFrom('contact_identity')
    .select(['contact_id', 'channel', 'external_id', 'created_at'])
    .where('contact_id', 'in', ids)
    .orderBy('created_at')
    .orderBy('channel')
    .orderBy('external_id')
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const own = identities.filter((i) => i.contact_id === id);
    return [toContact(row, own)];
  });
}

function toContact(
  r: ContactRow,
  identities: { channel: Channel; external_id: string; created_at: Date }[],
): Contact {
  return {
    id: r.id,
    displayName: r.display_name,
    preferredLanguage: r.preferred_language,
    marketingOptIn: r.marketing_opt_in,
    marketingOptInChangedAt: r.marketing_opt_in_changed_at?.toISOString() ?? null,
    transactionalOptIn: r.transactional_opt_in,
    transactionalOptInChangedAt: r.transactional_opt_in_changed_at?.toISOString() ?? null,
    mergedIntoId: r.merged_into_id,
    identities: identities.map((i) => ({
      channel: i.channel,
      externalId: i.external_id,
      createdAt: i.created_at.toISOString(),
    })),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
