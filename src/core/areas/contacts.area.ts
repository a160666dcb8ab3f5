import { ContactsErrors, contactsResource, contactsRoutes } from '../contacts/index.ts';
import { defineArea } from '../modules/index.ts';

/** People and their channel identities. */
export const contactsArea = defineArea({
  name: 'contacts',
  errors: [ContactsErrors],
  permissions: [
    { key: 'contacts.contact.read', description: 'See contacts and their channel identities' },
    { key: 'contacts.contact.create', description: 'Create contacts', roles: ['ops'] },
    { key: 'contacts.contact.update', description: 'Change contacts and add identities', roles: ['ops'] },
    { key: 'contacts.contact.merge', description: 'Merge two contacts into one' },
  ],
  resources: () => [contactsResource],
  routes: () => contactsRoutes,
});
