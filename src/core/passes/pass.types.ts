/**
 * Who or what a pass admits: a short type tag (`mess`, `expo`, `raffle`: 1-8 of a-z 0-9 _ -) and
 * an id. A lower-case canonical UUID packs into 16 bytes; any other id is kept as UTF-8 (≤ 64 bytes).
 */
export type PassSubject = Readonly<{ type: string; id: string }>;

/** What the issuer asserts. Times are whole seconds (sub-second parts are dropped when signing). */
export type PassClaims = Readonly<{
  subject: PassSubject;
  /** Bumped each time the pass is re-issued; scanners refuse lower versions as revoked. */
  passVersion: number;
  issuedAt: Date;
  expiresAt?: Date;
}>;

/** A pass whose signature checked out, as the scanner sees it. */
export type Pass = Readonly<{
  formatVersion: number;
  keyId: string;
  subject: PassSubject;
  passVersion: number;
  issuedAt: Date;
  expiresAt: Date | undefined;
}>;

/** Why a scanned string is not an admissible pass; each reason is shown differently to staff. */
export const PASS_REFUSAL_REASONS = [
  'malformed',
  'truncated',
  'unsupported_version',
  'unknown_key',
  'bad_signature',
  'expired',
  'revoked',
  'not_yet_valid',
] as const;

export type PassRefusalReason = (typeof PASS_REFUSAL_REASONS)[number];

/**
 * Outcome of `verifyPass`. Refusals after the signature was checked (expired, revoked,
 * not_yet_valid) carry the authentic pass so the scanner can say whose it is.
 */
export type PassVerification =
  | { ok: true; pass: Pass }
  | { ok: false; reason: 'expired' | 'revoked' | 'not_yet_valid'; pass: Pass }
  | {
      ok: false;
      reason: 'malformed' | 'truncated' | 'unsupported_version' | 'unknown_key' | 'bad_signature';
    };

/** A key able to sign: its id and the 32-byte Ed25519 secret key. */
export type PassSigningKey = Readonly<{ keyId: string; privateKey: Uint8Array }>;

/** A freshly generated key pair; `keyId` is the first 4 bytes of SHA-256(publicKey), in hex. */
export type PassKeyPair = Readonly<{ keyId: string; publicKey: Uint8Array; privateKey: Uint8Array }>;

/** One key in a ring; retired keys keep their public key (to verify old passes) but not their private key. */
export type PassKey = Readonly<{
  keyId: string;
  publicKey: Uint8Array;
  privateKey?: Uint8Array;
  createdAt: Date;
  retiredAt?: Date;
}>;

/** All keys of an issuer; `active` signs new passes, every key in `keys` still verifies. */
export type PassKeyRing = Readonly<{ active: string; keys: readonly PassKey[] }>;

/** Public keys scanners trust, by key id (hex). */
export type PublicKeys = ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>;
