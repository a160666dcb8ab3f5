import { describe, expect, it } from 'vitest';
import { keyIdOf } from './ed25519.ts';
import {
  activeSigningKey,
  createKeyRing,
  generateKeyPair,
  keyPairFromPrivateKey,
  rotateKeyRing,
  verificationKeys,
} from './pass-keys.ts';
import { signPass } from './pass-sign.ts';
import { verifyPass } from './pass-verify.ts';

const claims = {
  subject: { type: 'expo', id: 'ABCD2345' },
  passVersion: 1,
  issuedAt: new Date('2025-01-01T00:00:00Z'),
};
const now = new Date('2025-02-01T00:00:00Z');

describe('pass keys', () => {
  it('derives an 8-hex-character key id from the public key', () => {
    const pair = generateKeyPair();
    expect(pair.keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(pair.keyId).toBe(keyIdOf(pair.publicKey));
    expect(pair.publicKey).toHaveLength(32);
    expect(pair.privateKey).toHaveLength(32);
  });

  it('rebuilds the same pair from a stored private key', () => {
    const pair = generateKeyPair();
    expect(keyPairFromPrivateKey(pair.privateKey)).toEqual(pair);
    expect(() => keyPairFromPrivateKey(new Uint8Array(31))).toThrowError(
      expect.objectContaining({ code: 'passes.invalid_key' }),
    );
  });

  it('rotates: new passes use the new key, old passes still verify, the old private key is dropped', () => {
    const first = generateKeyPair();
    const second = generateKeyPair();
    const ring = createKeyRing(first, new Date('2025-01-01T00:00:00Z'));
    const oldPass = signPass(claims, activeSigningKey(ring));

    const rotated = rotateKeyRing(ring, second, now);
    expect(activeSigningKey(rotated).keyId).toBe(second.keyId);
    const retired = rotated.keys.find((key) => key.keyId === first.keyId);
    expect(retired).toMatchObject({ retiredAt: now });
    expect(retired?.privateKey).toBeUndefined();

    const publicKeys = verificationKeys(rotated);
    expect(verifyPass(oldPass, { publicKeys, now }).ok).toBe(true);
    const newPass = signPass(claims, activeSigningKey(rotated));
    expect(verifyPass(newPass, { publicKeys, now })).toMatchObject({
      ok: true,
      pass: { keyId: second.keyId },
    });
  });

  it('refuses to add a key whose id is already in the ring', () => {
    const pair = generateKeyPair();
    expect(() => rotateKeyRing(createKeyRing(pair, now), pair, now)).toThrowError(
      expect.objectContaining({ code: 'passes.key_id_collision' }),
    );
  });

  it('refuses to sign from a ring whose active key has no private key', () => {
    const pair = generateKeyPair();
    const ring = {
      active: pair.keyId,
      keys: [{ keyId: pair.keyId, publicKey: pair.publicKey, createdAt: now }],
    };
    expect(() => activeSigningKey(ring)).toThrowError(
      expect.objectContaining({ code: 'passes.no_signing_key' }),
    );
  });
});
