import { type Selectable, sql } from '../../platform/db/index.ts';
import type { Ctx } from '../context/index.ts';
import type { Contact } from './contacts.contract.ts';
import type { Channel } from './contacts.rules.ts';
import type { ContactsTables, ContactTable } from './contacts.tables.ts';

export type { Contact, ContactIdentity } from './contacts.contract.ts';

export const contactTables = (ctx: Ctx) => ctx.db.withTables<ContactsTables>();

type ContactRow = Selectable<ContactTable>;

/** An identity as `loadContacts` aggregates it (JSON: the time as PostgreSQL writes it). */
export type IdentityRow = { channel: Channel; external_id: string; created_at: string | Date };

/**
 * Loads contacts by id with their identities, in the order given; unknown ids are left out. One
 * statement: a chat's first step reads its new contact this way (issue 43).
 */
export async function loadContacts(ctx: Ctx, ids: ReadonlyArray<string>): Promise<Contact[]> {
  if (ids.length === 0) return [];
  const rows = await contactTables(ctx)
    .selectFrom('contact')
    .selectAll()
    .select(
      sql<IdentityRow[]>`(select coalesce(json_agg(json_build_object('channel', i.channel,
        'external_id', i.external_id, 'created_at', i.created_at)
        order by i.created_at, i.channel, i.external_id), '[]') from contact_identity i
        where i.org_id = contact.org_id and i.contact_id = contact.id)`.as('identities'),
    )
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { identities, ...contact } = row;
    return [toContact(contact, identities)];
  });
}

/** A contact row and its identities as the API shows them. */
export function toContact(r: ContactRow, identities: IdentityRow[]): Contact {
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
      createdAt: new Date(i.created_at).toISOString(),
    })),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
