export { passIssuerRoutes } from './pass-issuer.routes.ts';
export {
  createPassKeyCache,
  ensurePassKey,
  issuePass,
  listPublicPassKeys,
  type PassKeyCache,
  type PublicPassKey,
  passVersions,
  revokePasses,
  rotatePassKey,
  verifyPassOnline,
  verifyPassSignature,
  withCurrentVersion,
} from './pass-issuer.ts';
export { resealPassKeys } from './reseal-pass-keys.ts';
