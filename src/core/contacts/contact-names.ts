import type { Ctx } from '../context/index.ts';
import { contactTables } from './contact-view.ts';
import type { Channel } from './contacts.rules.ts';

/** An identity as another area holds it: a channel and the address on it (a Telegram id, `+2507…`). */
export interface IdentityRef {
  channel: Channel;
  externalId: string;
}

/** `channel:externalId`, the key `contactNames` answers an identity under. */
export const identityKey = (ref: IdentityRef): string => `${ref.channel}:${ref.externalId}`;

/**
 * The names of contacts, by contact id and by an identity one of them holds, for areas that show
 * whom something went to (the messages list names the person, not their Telegram id; issue 54 item 5).
 * Contacts without a name are left out; a merged contact answers with the name it was merged into
 * when it had none of its own.
 */
export async function contactNames(
  ctx: Ctx,
  input: { ids: ReadonlyArray<string>; identities: ReadonlyArray<IdentityRef> },
): Promise<{ byId: Map<string, string>; byIdentity: Map<string, string> }> {
  const db = contactTables(ctx);
  const byId = new Map<string, string>();
  const byIdentity = new Map<string, string>();
  const name = (own: string | null, into: string | null) => own?.trim() || into?.trim() || undefined;
  const ids = [...new Set(input.ids)];
  if (ids.length > 0) {
    const rows = await db
      .selectFrom('contact')
      .leftJoin('contact as survivor', 'survivor.id', 'contact.merged_into_id')
      .select(['contact.id', 'contact.display_name', 'survivor.display_name as survivor_name'])
      .where('contact.id', 'in', ids)
      .execute();
    for (const r of rows) {
      const n = name(r.display_name, r.survivor_name);
      if (n) byId.set(r.id, n);
    }
  }
  const externalIds = [...new Set(input.identities.map((i) => i.externalId))];
  if (externalIds.length > 0) {
    const rows = await db
      .selectFrom('contact_identity as i')
      .innerJoin('contact', 'contact.id', 'i.contact_id')
      .leftJoin('contact as survivor', 'survivor.id', 'contact.merged_into_id')
      .select([
        'i.channel',
        'i.external_id',
        'contact.display_name',
        'survivor.display_name as survivor_name',
      ])
      .where('i.external_id', 'in', externalIds)
      .orderBy('i.created_at')
      .execute();
    for (const r of rows) {
      const n = name(r.display_name, r.survivor_name);
      const key = identityKey({ channel: r.channel, externalId: r.external_id });
      if (n && !byIdentity.has(key)) byIdentity.set(key, n);
    }
  }
  return { byId, byIdentity };
}
