import type { Ctx } from '../context/index.ts';
import { contactTables } from './contact-view.ts';
import { ContactsErrors } from './contacts.errors.ts';
import type { Channel } from './contacts.rules.ts';

/** The contact a normalized identity belongs to, if any. */
export async function identityOwner(
  ctx: Ctx,
  channel: Channel,
  externalId: string,
): Promise<string | undefined> {
  const row = await contactTables(ctx)
    .selectFrom('contact_identity')
    .select('contact_id')
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row?.contact_id;
}

/**
 * Locks contacts for the rest of the transaction, always in id order (two merges of the same pair
 * never deadlock), and refuses unknown or merged ones.
 */
export async function lockLiveContacts(tx: Ctx, ids: ReadonlyArray<string>): Promise<void> {
  const rows = await contactTables(tx)
    .selectFrom('contact')
    .select(['id', 'merged_into_id'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .forUpdate()
    .execute();
  for (const id of ids) {
    const row = rows.find((r) => r.id === id);
    if (!row) throw ContactsErrors.contact_not_found({ id });
    if (row.merged_into_id) throw ContactsErrors.contact_merged({ id, mergedIntoId: row.merged_into_id });
  }
}
