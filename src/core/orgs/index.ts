export {
  CALLBACK_KEY_LENGTH,
  type CallbackKeyScope,
  deriveCallbackKey,
  sameCallbackKey,
} from './callback-keys.rules.ts';
export { currentCallbackKey, isCurrentCallbackKey, rotateCallbackKey } from './callback-keys.ts';
export type { ClaimedSetting } from './channel-claims.rules.ts';
export {
  applyClaimChanges,
  type DisputeReport,
  describeDispute,
  findClaimHolder,
  holdsClaim,
  reconcileChannelClaims,
} from './channel-claims.ts';
export { ensureDefaultOrganization } from './default-organization.ts';
export type { GuardedSetting } from './guarded-settings.rules.ts';
export {
  isSealedSetting,
  type OrgSecrets,
  openSetting,
  type PresentedSecret,
  presentSettings,
} from './org-secrets.rules.ts';
export { resealOrgSecrets, sealPlaintextOrgSecrets } from './org-secrets.ts';
export {
  createOrganization,
  findOrganizationBySlug,
  getOrganization,
  listOrganizations,
  type Organization,
  type OrganizationInput,
  type OrganizationPatch,
  redactOrganization,
  type SettingsAccess,
  updateOrganization,
} from './organizations.ts';
export { OrgErrors } from './orgs.errors.ts';
export { type OrgRouteOptions, orgRoutes } from './orgs.routes.ts';
export type { CallbackKeyTable, OrganizationTable, OrgsTables } from './orgs.tables.ts';
export { phoneCountryOf } from './phone-country.rules.ts';
