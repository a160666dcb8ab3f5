import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Monday 23 November 2026, 13:00 in Kolkata: lunch is being served. */
export const LUNCH_MONDAY = '2026-11-23T13:00:00+05:30';
export const TZ_ENV = {
  OPSDESK_TIMEZONE: 'Asia/Kolkata',
  OPSDESK_CURRENCY: 'INR',
  OPSDESK_LANGUAGES: 'en,hi',
};

/** Reads the pass string out of a QR PNG, as a phone camera would. */
export function decodeQr(png: Uint8Array): string {
  const image = PNG.sync.read(Buffer.from(png));
  // jsqr is CommonJS with a `default` property: under nodenext the function is `jsQR.default`.
  const code = jsQR.default(new Uint8ClampedArray(image.data), image.width, image.height);
  if (!code) throw new Error('no QR code in the image');
  return code.data;
}

export const scan = (at: string, pass: { code?: string; rollNumber?: string }, extra: object = {}) => ({
  nonce: crypto.randomUUID(),
  ...pass,
  scannedAt: new Date(at).toISOString(),
  offline: false,
  ...extra,
});
