import type { ModuleDefinition } from '../modules/index.ts';
import { contactsResource } from './contacts.resource.ts';
import { contactsRoutes } from './contacts.routes.ts';

/** The contacts area as `src/app/core-areas.ts` plugs it in. */
export const contactsArea: ModuleDefinition = {
  name: 'contacts',
  permissions: [
    { key: 'contacts.contact.read', description: 'See contacts and their channel identities' },
    { key: 'contacts.contact.create', description: 'Create contacts', roles: ['ops'] },
    { key: 'contacts.contact.update', description: 'Change contacts and add identities', roles: ['ops'] },
    { key: 'contacts.contact.merge', description: 'Merge two contacts into one' },
  ],
  resources: () => [contactsResource],
  routes: () => contactsRoutes,
};
