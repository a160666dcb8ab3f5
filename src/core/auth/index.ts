export {
  type ApiTokenView,
  createApiToken,
  listApiTokens,
  resolveApiToken,
  revokeApiToken,
} from './api-tokens.ts';
export type { SessionJson, SignedOutJson } from './auth.contract.ts';
export { AuthErrors } from './auth.errors.ts';
export {
  type AuthHookDeps,
  installAuth,
  type RequestAuth,
  routesOfModule,
  SESSION_COOKIE,
} from './auth.hook.ts';
export { type AuthRouteOptions, authRoutes } from './auth.routes.ts';
export type { AuthTables } from './auth.tables.ts';
export {
  acceptInvitation,
  declineInvitation,
  type Invitation,
  listInvitations,
} from './invitations.ts';
export { pruneLoginAttempts } from './login-throttle.ts';
export { MEMBERSHIP_STATES, type MembershipState } from './membership.rules.ts';
export { modulesRun, permissionsForModules } from './org-modules.rules.ts';
export { jobsOfModule, organizationsRunning } from './org-modules.ts';
export { hashPassword, verifyPassword } from './passwords.ts';
export {
  mayAssignRole,
  type PermissionSpec,
  PLATFORM_PERMISSIONS,
  permissionsOf,
  ROLES,
  type Role,
  validateCatalog,
} from './permissions.rules.ts';
export { organizationsOfPerson } from './person-organizations.ts';
export {
  login,
  logout,
  resolveSession,
  type SessionInfo,
  type SessionSettings,
  sessionSettingsOf,
} from './sessions.ts';
export { type StaffAddress, staffAddresses } from './staff-addresses.ts';
export {
  accountOfMember,
  addMember,
  changePassword,
  getMember,
  listMembers,
  type Member,
  updateMember,
} from './users.ts';
