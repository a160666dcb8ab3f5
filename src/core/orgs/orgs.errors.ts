import { defineErrors } from '../../platform/errors/index.ts';

/** Refusals about an organization's own settings. */
export const OrgErrors = defineErrors('orgs', {
  org_not_found: { status: 404, title: 'No such organization' },
  identity_claimed: {
    status: 409,
    title: 'Another organization of this deployment holds this chat identity',
  },
  identity_disputed: {
    status: 409,
    title: 'Several organizations name this chat identity; nobody holds it until the others remove it',
  },
});
