import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './index.ts';

const KEY = 'k'.repeat(40);

describe('sealed secrets', () => {
  it('round-trips and never stores the plaintext', () => {
    const sealed = sealSecret('ed25519 private key', KEY, 'passes');
    expect(sealed).not.toContain('private');
    expect(openSecret(sealed, KEY, 'passes').toString()).toBe('ed25519 private key');
  });

  it('refuses a wrong key, a wrong purpose and a tampered box', () => {
    const sealed = sealSecret('x', KEY, 'passes');
    expect(() => openSecret(sealed, 'z'.repeat(40), 'passes')).toThrow();
    expect(() => openSecret(sealed, KEY, 'whatsapp')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('y').toString('base64url');
    expect(() => openSecret(parts.join('.'), KEY, 'passes')).toThrow();
  });
});
