export { passIssuerRoutes } from './pass-issuer.routes.ts';
export {
  ensurePassKey,
  issuePass,
  listPublicPassKeys,
  type PublicPassKey,
  passVersions,
  revokePasses,
  rotatePassKey,
  verifyPassOnline,
} from './pass-issuer.ts';
export { resealPassKeys } from './reseal-pass-keys.ts';
