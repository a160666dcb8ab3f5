import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';

function keyFrom(secret: string, purpose: string): Buffer {
  return createHash('sha256').update(`opsdesk:${purpose}:`).update(secret).digest();
}

/**
 * Seals a secret for storage (signing keys, channel credentials) with AES-256-GCM under a key
 * derived from OPSDESK_SECRET_KEY and a purpose label; tampering or a wrong key fails to open.
 */
export function sealSecret(plaintext: Buffer | string, secret: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret, purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [
    VERSION,
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    body.toString('base64url'),
  ].join('.');
}

/** Opens what `sealSecret` sealed with the same secret and purpose. */
export function openSecret(sealed: string, secret: string, purpose: string): Buffer {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret, purpose), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
}
