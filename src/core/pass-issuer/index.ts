export { passIssuerRoutes } from './pass-issuer.routes.ts';
export {
  createPassKeyCache,
  currentPassVersion,
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
export { passLinkParam, passLinkSegment, passLinkToken, passLinkVersion } from './pass-link.ts';
export { resealPassKeys } from './reseal-pass-keys.ts';
