import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sameSecret } from '../../core/conversations/index.ts';
import { digestMatches, validSignature } from './whatsapp.rules.ts';

describe('WhatsApp rules', () => {
  it('accepts only the HMAC of the raw body under the app secret', () => {
    const body = Buffer.from('{"object":"whatsapp_business_account"}');
    const good = `sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`;
    expect(validSignature(body, good, 's3cret')).toBe(true);
    expect(validSignature(body, good, 'other')).toBe(false);
    expect(validSignature(Buffer.from(`${body} `), good, 's3cret')).toBe(false);
    expect(validSignature(body, undefined, 's3cret')).toBe(false);
    expect(validSignature(body, 'sha256=zz', 's3cret')).toBe(false);
  });

  it('compares secrets of different lengths without throwing', () => {
    expect(sameSecret('token', 'token')).toBe(true);
    expect(sameSecret('token', 'token-longer')).toBe(false);
  });

  it('checks a sha256 given in hex or in base64', () => {
    const bytes = Buffer.from('receipt');
    const digest = createHash('sha256').update(bytes).digest();
    expect(digestMatches(bytes, digest.toString('hex'))).toBe(true);
    expect(digestMatches(bytes, digest.toString('base64'))).toBe(true);
    expect(digestMatches(Buffer.from('other'), digest.toString('hex'))).toBe(false);
  });
});
