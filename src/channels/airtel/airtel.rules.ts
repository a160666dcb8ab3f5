import { createHmac, timingSafeEqual } from 'node:crypto';

/** The body of an Airtel payment callback, as far as it is read. */
export type AirtelCallback = { transaction?: Record<string, unknown>; hash?: unknown };

/**
 * Airtel's authenticated callback: `hash` = base64 HMAC-SHA256 (key: the callback secret) of the
 * `transaction` object as sent. Compared in constant time. The formula follows our stand-in; check
 * it against a real UAT callback before relying on it (test/standins/README.md).
 */
export function validAirtelHash(body: AirtelCallback, secret: string): boolean {
  if (!body.transaction || typeof body.hash !== 'string') return false;
  const expected = createHmac('sha256', secret).update(JSON.stringify(body.transaction)).digest();
  const given = Buffer.from(body.hash, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
