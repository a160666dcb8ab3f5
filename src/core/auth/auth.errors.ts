import { defineErrors } from '../../platform/errors/index.ts';

export const AuthErrors = defineErrors('auth', {
  invalid_credentials: { status: 401, title: 'Wrong e-mail or password' },
  login_locked: { status: 429, title: 'Too many failed sign-ins; try again later' },
  account_disabled: { status: 403, title: 'Your membership in this organization is disabled' },
  no_membership: { status: 403, title: 'This account belongs to no organization' },
  wrong_password: { status: 400, title: 'The current password is wrong' },
  weak_password: { status: 400, title: 'The password is too weak' },
  user_exists: { status: 409, title: 'This e-mail is already a member of, or invited to, this organization' },
  role_not_allowed: { status: 403, title: 'You cannot give this role' },
  own_access_change: { status: 403, title: 'Nobody changes their own role or permissions' },
  permission_owner_only: { status: 403, title: 'Only an owner grants this permission' },
  permission_not_held: { status: 403, title: 'You cannot grant a permission you do not hold' },
  scope_not_allowed: { status: 403, title: 'A token cannot have permissions you do not hold' },
  last_owner: { status: 409, title: 'An organization keeps at least one active owner' },
  user_not_found: { status: 404, title: 'No such staff member' },
  token_not_found: { status: 404, title: 'No such API token' },
  invitation_not_found: { status: 404, title: 'No such pending invitation' },
  org_not_found: { status: 404, title: 'No such organization' },
});
