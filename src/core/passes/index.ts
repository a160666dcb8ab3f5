export { decodeBase32, encodeBase32 } from './base32.ts';
export { keyIdOf } from './ed25519.ts';
export {
  PASS_REFUSAL_REASONS,
  type Pass,
  type PassClaims,
  type PassKey,
  type PassKeyPair,
  type PassKeyRing,
  type PassRefusalReason,
  type PassSigningKey,
  type PassSubject,
  type PassVerification,
  type PublicKeys,
} from './pass.types.ts';
export { PASS_FORMAT_VERSION, PASS_PREFIX } from './pass-format.ts';
export {
  activeSigningKey,
  createKeyRing,
  generateKeyPair,
  keyPairFromPrivateKey,
  rotateKeyRing,
  verificationKeys,
} from './pass-keys.ts';
export { type PassQrOptions, passQrVersion, renderPassQr } from './pass-qr.ts';
export { signPass } from './pass-sign.ts';
export { type VerifyPassOptions, verifyPass } from './pass-verify.ts';
export { PassErrors } from './passes.errors.ts';
