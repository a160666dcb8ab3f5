import { decodeBase32Prefix, encodeBase32 } from './base32.ts';
import { ByteReader, PassMalformed, PassTruncated } from './byte-reader.ts';
import { KEY_ID_BYTES } from './ed25519.ts';
import type { PassClaims, PassRefusalReason } from './pass.types.ts';
import { encodeSubject, readSubject } from './pass-subject.ts';
import { PassErrors } from './passes.errors.ts';

/*
 * Wire format v1 (all integers big-endian), then Base32 behind the prefix `OD1:`:
 *   u8 format version = 1 ‖ 4-byte key id ‖ subject (see pass-subject.ts) ‖ u32 pass version ‖
 *   u32 issued-at (unix s) ‖ u32 expires-at (unix s, 0 = none) ‖ 64-byte Ed25519 signature
 *   over every byte before it.
 * A UUID subject with a 4-letter type is 103 bytes → 169 characters → QR version 7 at level M.
 */
export const PASS_FORMAT_VERSION = 1;
export const PASS_PREFIX = `OD${PASS_FORMAT_VERSION}:`;
export const SIGNATURE_BYTES = 64;
const MAX_U32 = 0xffff_ffff;

/** The signed part of a pass (everything before the signature). */
export function encodeSignedPart(claims: PassClaims, keyId: string): Uint8Array {
  const issuedAt = toUnixSeconds(claims.issuedAt, 'issuedAt');
  const expiresAt = claims.expiresAt ? toUnixSeconds(claims.expiresAt, 'expiresAt') : 0;
  if (!Number.isInteger(claims.passVersion) || claims.passVersion < 0 || claims.passVersion > MAX_U32) {
    throw PassErrors.invalid_claims({ passVersion: claims.passVersion });
  }
  if (claims.expiresAt && expiresAt <= issuedAt) throw PassErrors.invalid_claims({ expiresAt, issuedAt });
  const subject = encodeSubject(claims.subject);
  const bytes = new Uint8Array(1 + KEY_ID_BYTES + subject.length + 12);
  const view = new DataView(bytes.buffer);
  bytes[0] = PASS_FORMAT_VERSION;
  bytes.set(keyIdBytes(keyId), 1);
  bytes.set(subject, 1 + KEY_ID_BYTES);
  const tail = 1 + KEY_ID_BYTES + subject.length;
  view.setUint32(tail, claims.passVersion);
  view.setUint32(tail + 4, issuedAt);
  view.setUint32(tail + 8, expiresAt);
  return bytes;
}

/** Signed part + signature → the string printed in the QR code. */
export function encodePassString(signedPart: Uint8Array, signature: Uint8Array): string {
  const bytes = new Uint8Array(signedPart.length + signature.length);
  bytes.set(signedPart);
  bytes.set(signature, signedPart.length);
  return PASS_PREFIX + encodeBase32(bytes);
}

/** A structurally sound pass, not yet authenticated. */
export type DecodedPass = {
  keyId: string;
  claims: PassClaims;
  signedPart: Uint8Array;
  signature: Uint8Array;
};

/** Refusals decided from the bytes alone, before any key is looked up. */
export type FormatRefusal = Extract<PassRefusalReason, 'malformed' | 'truncated' | 'unsupported_version'>;

/** Parses a scanned string (trimmed, any case) without checking the signature. */
export function decodePassString(
  input: string,
): { ok: true; decoded: DecodedPass } | { ok: false; reason: FormatRefusal } {
  const text = input.trim().toUpperCase();
  const prefix = /^OD(\d{1,3}):/.exec(text);
  if (!prefix) return { ok: false, reason: 'malformed' };
  if (Number(prefix[1]) !== PASS_FORMAT_VERSION) return { ok: false, reason: 'unsupported_version' };
  let decoded: ReturnType<typeof decodeBase32Prefix>;
  try {
    decoded = decodeBase32Prefix(text.slice(prefix[0].length));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  try {
    const pass = readPass(decoded.bytes);
    if (!decoded.canonical) return { ok: false, reason: 'malformed' };
    return { ok: true, decoded: pass };
  } catch (error) {
    if (error instanceof PassTruncated) return { ok: false, reason: 'truncated' };
    if (error instanceof UnsupportedVersion) return { ok: false, reason: 'unsupported_version' };
    if (error instanceof PassMalformed) return { ok: false, reason: 'malformed' };
    throw error;
  }
}

class UnsupportedVersion extends Error {}

function readPass(bytes: Uint8Array): DecodedPass {
  const reader = new ByteReader(bytes);
  if (reader.u8() !== PASS_FORMAT_VERSION) throw new UnsupportedVersion();
  const keyId = Array.from(reader.take(KEY_ID_BYTES), (b) => b.toString(16).padStart(2, '0')).join('');
  const subject = readSubject(reader);
  const passVersion = reader.u32();
  const issuedAt = reader.u32();
  const expiresAt = reader.u32();
  const signedLength = reader.position;
  const signature = reader.take(SIGNATURE_BYTES);
  if (reader.remaining > 0) throw new PassMalformed('trailing bytes');
  return {
    keyId,
    signedPart: bytes.subarray(0, signedLength),
    signature,
    claims: {
      subject,
      passVersion,
      issuedAt: new Date(issuedAt * 1000),
      ...(expiresAt === 0 ? {} : { expiresAt: new Date(expiresAt * 1000) }),
    },
  };
}

function keyIdBytes(keyId: string): Uint8Array {
  if (!/^[0-9a-f]{8}$/.test(keyId)) throw PassErrors.invalid_key({ keyId });
  return Uint8Array.from({ length: KEY_ID_BYTES }, (_, i) =>
    Number.parseInt(keyId.slice(i * 2, i * 2 + 2), 16),
  );
}

function toUnixSeconds(date: Date, field: string): number {
  const seconds = Math.floor(date.getTime() / 1000);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_U32) {
    throw PassErrors.invalid_claims({ [field]: date });
  }
  return seconds;
}
