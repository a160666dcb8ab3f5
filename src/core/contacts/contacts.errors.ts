import { defineErrors } from '../../platform/errors/index.ts';

export const ContactsErrors = defineErrors('contacts', {
  contact_not_found: { status: 404, title: 'No such contact' },
  contact_merged: { status: 409, title: 'This contact was merged into another one' },
  identity_taken: { status: 409, title: 'This identity belongs to another contact' },
  invalid_identity: { status: 400, title: 'The identity is not valid for its channel' },
  merge_same_contact: { status: 400, title: 'A contact cannot be merged into itself' },
});
