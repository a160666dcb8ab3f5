import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

// noble ships async-only by default; giving it a sync SHA-512 enables the sync sign/verify
// used below. Same code in Node and the browser (no node:crypto).
ed.hashes.sha512 = sha512;

/** Length of a key id in bytes (8 hex characters). */
export const KEY_ID_BYTES = 4;

/** Ed25519 signature over `message`. */
export function signBytes(message: Uint8Array, privateKey: Uint8Array): Uint8Array {
  return ed.sign(message, privateKey);
}

/** Strict RFC 8032 verification; any malformed input counts as a bad signature. */
export function verifyBytes(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** A fresh random Ed25519 key pair (32-byte keys). */
export function generateEd25519Keys(): { publicKey: Uint8Array; privateKey: Uint8Array } {
  const { secretKey, publicKey } = ed.keygen();
  return { publicKey, privateKey: secretKey };
}

/** The public key of a 32-byte secret key. */
export function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  return ed.getPublicKey(privateKey);
}

/** Key id of a public key: hex of the first 4 bytes of its SHA-256 (as DCC's `kid`, shortened). */
export function keyIdOf(publicKey: Uint8Array): string {
  return bytesToHex(sha256(publicKey).subarray(0, KEY_ID_BYTES));
}
