import { generateEd25519Keys, keyIdOf, publicKeyOf } from './ed25519.ts';
import type { PassKey, PassKeyPair, PassKeyRing, PassSigningKey } from './pass.types.ts';
import { PassErrors } from './passes.errors.ts';

/** A new Ed25519 key pair for signing passes, with its derived key id. */
export function generateKeyPair(): PassKeyPair {
  const { publicKey, privateKey } = generateEd25519Keys();
  return { keyId: keyIdOf(publicKey), publicKey, privateKey };
}

/** Rebuilds a key pair from a stored 32-byte secret key (the key id is derived, not trusted). */
export function keyPairFromPrivateKey(privateKey: Uint8Array): PassKeyPair {
  if (privateKey.length !== 32) throw PassErrors.invalid_key({ length: privateKey.length });
  const publicKey = publicKeyOf(privateKey);
  return { keyId: keyIdOf(publicKey), publicKey, privateKey };
}

/** A ring holding one key, active from `now`. */
export function createKeyRing(pair: PassKeyPair, now: Date): PassKeyRing {
  return { active: pair.keyId, keys: [{ ...pair, createdAt: now }] };
}

/**
 * Rotation: `pair` becomes the active key; the previous active key is retired at `now` and loses
 * its private key, but its public key stays so passes it signed keep verifying until re-issued.
 */
export function rotateKeyRing(ring: PassKeyRing, pair: PassKeyPair, now: Date): PassKeyRing {
  if (ring.keys.some((key) => key.keyId === pair.keyId)) {
    throw PassErrors.key_id_collision({ keyId: pair.keyId });
  }
  const keys = ring.keys.map((key): PassKey => {
    if (key.keyId !== ring.active) return key;
    const { privateKey: _dropped, ...publicPart } = key;
    return { ...publicPart, retiredAt: now };
  });
  return { active: pair.keyId, keys: [...keys, { ...pair, createdAt: now }] };
}

/** The key new passes are signed with; throws `no_signing_key` if the ring has none usable. */
export function activeSigningKey(ring: PassKeyRing): PassSigningKey {
  const key = ring.keys.find((candidate) => candidate.keyId === ring.active);
  if (!key?.privateKey) throw PassErrors.no_signing_key({ active: ring.active });
  return { keyId: key.keyId, privateKey: key.privateKey };
}

/** Every public key of the ring by id, for `verifyPass` and for syncing to offline scanners. */
export function verificationKeys(ring: PassKeyRing): Map<string, Uint8Array> {
  return new Map(ring.keys.map((key) => [key.keyId, key.publicKey]));
}
