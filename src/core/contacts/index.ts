export { addIdentity } from './add-identity.ts';
export { contactNames, type IdentityRef, identityKey } from './contact-names.ts';
export type { Contact, ContactIdentity } from './contact-view.ts';
export { ContactsErrors } from './contacts.errors.ts';
export { contactsResource } from './contacts.resource.ts';
export { contactsRoutes } from './contacts.routes.ts';
export {
  CHANNELS,
  type Channel,
  LANGUAGES,
  type Language,
  normalizeExternalId,
  normalizePhone,
  toSupportedLanguage,
} from './contacts.rules.ts';
export type { ContactsTables } from './contacts.tables.ts';
export type { ContactsMerged } from './contacts-events.ts';
export { type CreateContactInput, createContact } from './create-contact.ts';
export { type FindOrCreateInput, findOrCreateContactByIdentity } from './find-or-create-contact.ts';
export { getContact, getContacts } from './get-contact.ts';
export { type ContactQuery, listContacts } from './list-contacts.ts';
export { mergeContacts } from './merge-contacts.ts';
export { orgPhoneCountry, type PhoneReader, phoneReaderOf, readStaffPhone } from './org-phone.ts';
export { phoneExampleOf, readTypedPhone } from './phone.rules.ts';
export { type ContactPatch, preferredLanguageUpdateSql, updateContact } from './update-contact.ts';
