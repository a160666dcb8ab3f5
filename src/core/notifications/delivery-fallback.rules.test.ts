import { describe, expect, it } from 'vitest';
import { fallbackAddress } from './delivery-fallback.rules.ts';

describe('the address of a fallback', () => {
  it('texts the phone of a WhatsApp number', () => {
    expect(fallbackAddress('whatsapp', 'sms', '250788000111')).toBe('+250788000111');
  });

  it('writes on WhatsApp to the number a text went to', () => {
    expect(fallbackAddress('sms', 'whatsapp', '+250788000111')).toBe('250788000111');
  });

  it('finds no phone behind a Telegram chat or an e-mail address', () => {
    expect(fallbackAddress('telegram', 'sms', '250788000111')).toBeNull();
    expect(fallbackAddress('email', 'sms', 'ana@example.com')).toBeNull();
    expect(fallbackAddress('whatsapp', 'email', '250788000111')).toBeNull();
  });

  it('finds none for an address that is no phone number', () => {
    expect(fallbackAddress('whatsapp', 'sms', 'sim-42')).toBeNull();
  });
});
