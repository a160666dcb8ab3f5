import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Meta's customer-service window: free-form messages only until 24 hours after the person's last
 * message (the core applies it to every message sent through the channel).
 */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Checks `X-Hub-Signature-256: sha256=<hex>` = HMAC-SHA256(app secret, raw body), in constant time. */
export function validSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(match[1]!.toLowerCase(), 'hex'), expected);
}

/** Whether bytes match a digest Meta gave, hex (media endpoint) or base64 (webhooks). */
export function digestMatches(bytes: Uint8Array, expected: string): boolean {
  const digest = createHash('sha256').update(bytes).digest();
  const given = expected.trim();
  return given.toLowerCase() === digest.toString('hex') || given === digest.toString('base64');
}
