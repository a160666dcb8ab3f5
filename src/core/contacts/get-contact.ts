import type { Ctx } from '../context/index.ts';
import { type Contact, loadContacts } from './contact-view.ts';
import { ContactsErrors } from './contacts.errors.ts';

/** One contact of the caller's organization with its identities; a merged one shows `mergedIntoId`. */
export async function getContact(ctx: Ctx, id: string): Promise<Contact> {
  const [contact] = await loadContacts(ctx, [id]);
  if (!contact) throw ContactsErrors.contact_not_found({ id });
  return contact;
}

/** The contacts of these ids in one read; an id of no contact (merged away, erased) is left out. */
export async function getContacts(ctx: Ctx, ids: ReadonlyArray<string>): Promise<Contact[]> {
  return ids.length === 0 ? [] : loadContacts(ctx, ids);
}
