import { describe, expect, it } from 'vitest';
import { decodeBase32 } from './base32.ts';
import type { PassClaims } from './pass.types.ts';
import { decodePassString, PASS_PREFIX } from './pass-format.ts';
import { generateKeyPair } from './pass-keys.ts';
import { passQrVersion } from './pass-qr.ts';
import { signPass } from './pass-sign.ts';

const key = generateKeyPair();
const base: PassClaims = {
  subject: { type: 'mess', id: '0b6f1c2e-4d3a-4b5c-9d8e-7f6a5b4c3d2e' },
  passVersion: 1,
  issuedAt: new Date('2025-03-01T08:00:00Z'),
  expiresAt: new Date('2025-04-01T00:00:00Z'),
};

describe('pass format', () => {
  it('lays out version, key id, subject, versions, times and a 64-byte signature', () => {
    const bytes = decodeBase32(signPass(base, key).slice(PASS_PREFIX.length));
    expect(bytes[0]).toBe(1);
    expect(Buffer.from(bytes.subarray(1, 5)).toString('hex')).toBe(key.keyId);
    expect(Buffer.from(bytes.subarray(5, 11)).toString('latin1')).toBe('\x04mess\x01');
    expect(bytes.length).toBe(1 + 4 + 1 + 4 + 1 + 16 + 4 + 4 + 4 + 64);
  });

  it('keeps a UUID pass within 170 characters and QR version 7 at level M', async () => {
    const encoded = signPass(base, key);
    expect(encoded).toMatch(/^OD1:[A-Z2-7]+$/);
    expect(encoded.length).toBe(169);
    expect(await passQrVersion(encoded)).toBe(7);
  });

  it('keeps the largest UUID pass (8-letter type) within QR version 7 at level M', async () => {
    const encoded = signPass({ ...base, subject: { type: 'exhibit8', id: base.subject.id } }, key);
    expect(encoded.length).toBeLessThanOrEqual(178);
    expect(await passQrVersion(encoded)).toBe(7);
  });

  it('packs short text ids (8-character customer codes) smaller than UUIDs', () => {
    const encoded = signPass({ ...base, subject: { type: 'expo', id: 'ABCD2345' } }, key);
    expect(encoded.length).toBeLessThan(160);
  });

  it('round-trips UUID, text and Unicode subject ids exactly', () => {
    for (const id of [
      base.subject.id,
      'ABCD2345',
      '0B6F1C2E-4D3A-4B5C-9D8E-7F6A5B4C3D2E',
      'raffle-7/ticket-0042',
      'छात्र-12',
    ]) {
      const decoded = decodePassString(signPass({ ...base, subject: { type: 'raffle', id } }, key));
      expect(decoded.ok && decoded.decoded.claims.subject).toEqual({ type: 'raffle', id });
    }
  });

  it('drops sub-second precision from times', () => {
    const decoded = decodePassString(
      signPass({ ...base, issuedAt: new Date('2025-03-01T08:00:00.987Z') }, key),
    );
    expect(decoded.ok && decoded.decoded.claims.issuedAt).toEqual(new Date('2025-03-01T08:00:00Z'));
  });

  it('refuses subjects and claims it cannot encode faithfully', () => {
    const refuse = (claims: PassClaims, code: string) =>
      expect(() => signPass(claims, key)).toThrowError(expect.objectContaining({ code }));
    refuse({ ...base, subject: { type: 'Mess', id: 'x' } }, 'passes.invalid_subject');
    refuse({ ...base, subject: { type: 'toolongtag', id: 'x' } }, 'passes.invalid_subject');
    refuse({ ...base, subject: { type: 'mess', id: '' } }, 'passes.invalid_subject');
    refuse({ ...base, subject: { type: 'mess', id: 'x'.repeat(65) } }, 'passes.invalid_subject');
    refuse({ ...base, passVersion: -1 }, 'passes.invalid_claims');
    refuse({ ...base, passVersion: 2 ** 32 }, 'passes.invalid_claims');
    refuse({ ...base, expiresAt: base.issuedAt }, 'passes.invalid_claims');
    refuse(
      { ...base, issuedAt: new Date('2200-01-01T00:00:00Z'), expiresAt: undefined },
      'passes.invalid_claims',
    );
    expect(() => signPass(base, { keyId: 'XYZ', privateKey: key.privateKey })).toThrowError(
      expect.objectContaining({ code: 'passes.invalid_key' }),
    );
  });
});
