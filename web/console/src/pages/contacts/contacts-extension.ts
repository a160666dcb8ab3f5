/** Contacts: a contact's page lists the messages sent to them on every channel (issue 65). */
import { defineConsoleExtension } from '../../extensions/console-extension.ts';
import { messagesPanelOf } from '../../extensions/messages/MessagesPanel.tsx';

export const contactsExtension = defineConsoleExtension({
  name: 'contacts',
  // The panel's words are the console kit's own (`od.messages`).
  messages: { en: {} },
  recordPanels: [
    {
      id: 'contacts.messages',
      resource: 'contacts.contacts',
      permission: 'contacts.contact.read',
      component: messagesPanelOf((id) => `/api/contacts/${id}/messages`),
    },
  ],
});
