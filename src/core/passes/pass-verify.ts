import { verifyBytes } from './ed25519.ts';
import type { Pass, PassSubject, PassVerification, PublicKeys } from './pass.types.ts';
import { decodePassString, PASS_FORMAT_VERSION } from './pass-format.ts';

/** Options of `verifyPass`: trusted keys, the clock, and optionally the current pass versions. */
export type VerifyPassOptions = {
  publicKeys: PublicKeys;
  now: Date;
  /** Current version of the subject's pass; lower versions are `revoked`. `undefined` = not known here. */
  currentVersionOf?: (subject: PassSubject) => number | undefined;
  /** Tolerated clock difference between issuer and scanner for `not_yet_valid` (default 300 s). */
  clockSkewSeconds?: number;
  /**
   * Checks the Ed25519 signature (default: the browser-safe pure-JS one). A server passes Node's
   * native verifier, about ten times faster, for the same RFC 8032 check.
   */
  verifySignature?: (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;
};

function lookup(keys: PublicKeys, keyId: string): Uint8Array | undefined {
  if (keys instanceof Map) return keys.get(keyId);
  return Object.hasOwn(keys, keyId) ? (keys as Record<string, Uint8Array>)[keyId] : undefined;
}

/**
 * Checks a scanned pass offline, with public keys only. Order matters: structure, key, signature,
 * then time and revocation, so nothing unauthenticated can produce `expired` or `revoked`.
 * Browser-safe: imports nothing from `node:*`.
 */
export function verifyPass(input: string, options: VerifyPassOptions): PassVerification {
  const parsed = decodePassString(input);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const { keyId, claims, signedPart, signature } = parsed.decoded;
  const publicKey = lookup(options.publicKeys, keyId);
  if (!publicKey) return { ok: false, reason: 'unknown_key' };
  if (!(options.verifySignature ?? verifyBytes)(signature, signedPart, publicKey))
    return { ok: false, reason: 'bad_signature' };

  const pass: Pass = {
    formatVersion: PASS_FORMAT_VERSION,
    keyId,
    subject: claims.subject,
    passVersion: claims.passVersion,
    issuedAt: claims.issuedAt,
    expiresAt: claims.expiresAt,
  };
  const now = options.now.getTime();
  const skewMs = (options.clockSkewSeconds ?? 300) * 1000;
  if (pass.issuedAt.getTime() > now + skewMs) return { ok: false, reason: 'not_yet_valid', pass };
  if (pass.expiresAt && now >= pass.expiresAt.getTime()) return { ok: false, reason: 'expired', pass };
  const current = options.currentVersionOf?.(pass.subject);
  if (current !== undefined && pass.passVersion < current) return { ok: false, reason: 'revoked', pass };
  return { ok: true, pass };
}
