import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32 } from './base32.ts';
import type { PassClaims } from './pass.types.ts';
import { PASS_PREFIX } from './pass-format.ts';
import { generateKeyPair } from './pass-keys.ts';
import { signPass } from './pass-sign.ts';
import { verifyPass } from './pass-verify.ts';

const issuer = generateKeyPair();
const publicKeys = new Map([[issuer.keyId, issuer.publicKey]]);
const issuedAt = new Date('2025-03-01T08:00:00Z');
const now = new Date('2025-03-02T12:00:00Z');
const claims: PassClaims = {
  subject: { type: 'mess', id: '0b6f1c2e-4d3a-4b5c-9d8e-7f6a5b4c3d2e' },
  passVersion: 3,
  issuedAt,
  expiresAt: new Date('2025-04-01T00:00:00Z'),
};
const encoded = signPass(claims, issuer);

const bytesOf = (pass: string) => decodeBase32(pass.slice(PASS_PREFIX.length));
const passOf = (bytes: Uint8Array) => PASS_PREFIX + encodeBase32(bytes);

describe('verifyPass', () => {
  it('accepts a pass signed by a trusted key and returns its claims', () => {
    const result = verifyPass(encoded, { publicKeys, now });
    expect(result).toEqual({
      ok: true,
      pass: { formatVersion: 1, keyId: issuer.keyId, ...claims },
    });
  });

  it('accepts keys given as a plain record, and scans read in lower case with stray whitespace', () => {
    const result = verifyPass(`  ${encoded.toLowerCase()}\n`, {
      publicKeys: { [issuer.keyId]: issuer.publicKey },
      now,
    });
    expect(result.ok).toBe(true);
  });

  it('refuses a pass with a flipped bit in the signed data or the signature as bad_signature', () => {
    const bytes = bytesOf(encoded);
    const signedFields = [11, 20, bytes.length - 70, bytes.length - 65]; // id, id, issued-at, expires-at
    for (const index of [...signedFields, bytes.length - 64, bytes.length - 1]) {
      const forged = Uint8Array.from(bytes);
      forged[index] = (forged[index] ?? 0) ^ 0x01;
      expect(verifyPass(passOf(forged), { publicKeys, now })).toEqual({ ok: false, reason: 'bad_signature' });
    }
  });

  it('never accepts a pass with any single bit flipped anywhere', () => {
    const bytes = bytesOf(encoded);
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const forged = Uint8Array.from(bytes);
      forged[bit >> 3] = (forged[bit >> 3] ?? 0) ^ (0x80 >> (bit & 7));
      expect(verifyPass(passOf(forged), { publicKeys, now }).ok).toBe(false);
    }
    // About a thousand signature checks: 1.2 s alone, past the default 5 s on two cores shared with
    // other test files (it timed out so twice in one afternoon).
  }, 30_000);

  it('refuses every truncation of the string as truncated', () => {
    for (let length = PASS_PREFIX.length; length < encoded.length; length++) {
      expect(verifyPass(encoded.slice(0, length), { publicKeys, now })).toEqual({
        ok: false,
        reason: 'truncated',
      });
    }
  });

  it('refuses strings that are not passes as malformed', () => {
    for (const input of [
      '',
      'hello',
      'HC1:NCFOXN',
      `${encoded}A`,
      `${encoded}AAAAAAAA`,
      `${encoded.slice(0, -1)}1`,
    ]) {
      expect(verifyPass(input, { publicKeys, now }), input).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses a newer format, by prefix or by version byte, as unsupported_version', () => {
    expect(verifyPass(`OD2:${encoded.slice(4)}`, { publicKeys, now })).toEqual({
      ok: false,
      reason: 'unsupported_version',
    });
    const bytes = bytesOf(encoded);
    bytes[0] = 2;
    expect(verifyPass(passOf(bytes), { publicKeys, now })).toEqual({
      ok: false,
      reason: 'unsupported_version',
    });
  });

  it('refuses a pass re-signed with a key the scanner does not know as unknown_key', () => {
    const stranger = generateKeyPair();
    expect(verifyPass(signPass(claims, stranger), { publicKeys, now })).toEqual({
      ok: false,
      reason: 'unknown_key',
    });
  });

  it('refuses a pass signed by another key under a trusted key id as bad_signature', () => {
    const stranger = generateKeyPair();
    const impostor = signPass(claims, { keyId: issuer.keyId, privateKey: stranger.privateKey });
    expect(verifyPass(impostor, { publicKeys, now })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses an expired pass from its expiry second on, and says whose it is', () => {
    const expiry = claims.expiresAt as Date;
    expect(verifyPass(encoded, { publicKeys, now: new Date(expiry.getTime() - 1000) }).ok).toBe(true);
    const result = verifyPass(encoded, { publicKeys, now: expiry });
    expect(result).toMatchObject({ ok: false, reason: 'expired', pass: { subject: claims.subject } });
  });

  it('accepts a pass without expiry at any later time', () => {
    const forever = signPass({ ...claims, expiresAt: undefined }, issuer);
    const result = verifyPass(forever, { publicKeys, now: new Date('2100-01-01T00:00:00Z') });
    expect(result).toMatchObject({ ok: true, pass: { expiresAt: undefined } });
  });

  it('refuses a pass issued in the future beyond the clock skew as not_yet_valid', () => {
    const early = new Date(issuedAt.getTime() - 301_000);
    expect(verifyPass(encoded, { publicKeys, now: early })).toMatchObject({
      ok: false,
      reason: 'not_yet_valid',
    });
    const withinSkew = new Date(issuedAt.getTime() - 299_000);
    expect(verifyPass(encoded, { publicKeys, now: withinSkew }).ok).toBe(true);
    expect(verifyPass(encoded, { publicKeys, now: withinSkew, clockSkewSeconds: 0 }).ok).toBe(false);
  });

  it('refuses a pass older than the current version of its subject as revoked', () => {
    const currentVersionOf = (subject: { id: string }) => (subject.id === claims.subject.id ? 4 : undefined);
    expect(verifyPass(encoded, { publicKeys, now, currentVersionOf })).toMatchObject({
      ok: false,
      reason: 'revoked',
    });
    expect(verifyPass(encoded, { publicKeys, now, currentVersionOf: () => 3 }).ok).toBe(true);
    expect(verifyPass(encoded, { publicKeys, now, currentVersionOf: () => undefined }).ok).toBe(true);
  });

  it('checks the signature before revocation, so a forged pass is never reported as revoked', () => {
    const bytes = bytesOf(encoded);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    const result = verifyPass(passOf(bytes), { publicKeys, now, currentVersionOf: () => 9 });
    expect(result).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
