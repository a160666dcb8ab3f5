import { signBytes } from './ed25519.ts';
import type { PassClaims, PassSigningKey } from './pass.types.ts';
import { encodePassString, encodeSignedPart } from './pass-format.ts';
import { PassErrors } from './passes.errors.ts';

/** Issues a pass: the `OD1:…` string to put in a QR code. Throws `invalid_subject` / `invalid_claims` / `invalid_key`. */
export function signPass(claims: PassClaims, signingKey: PassSigningKey): string {
  if (signingKey.privateKey.length !== 32) throw PassErrors.invalid_key({ keyId: signingKey.keyId });
  const signedPart = encodeSignedPart(claims, signingKey.keyId);
  return encodePassString(signedPart, signBytes(signedPart, signingKey.privateKey));
}
