import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Reads the text out of a QR code image, as a phone camera or the scanner would. */
export function decodeQr(png: Uint8Array): string {
  const image = PNG.sync.read(Buffer.from(png));
  // jsqr is CommonJS with a `default` property: under nodenext the function is `jsQR.default`.
  const code = jsQR.default(new Uint8ClampedArray(image.data), image.width, image.height);
  if (!code) throw new Error('no QR code in the image');
  return code.data;
}

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** A real PNG (a screenshot of a payment, a scan); `tag` after IEND makes its bytes differ from any other. */
export const receiptPng = (tag: string) => Buffer.concat([PNG_1X1, Buffer.from(tag)]);
