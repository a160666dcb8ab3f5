import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from './pass-keys.ts';
import { renderPassQr } from './pass-qr.ts';
import { signPass } from './pass-sign.ts';

const encoded = signPass(
  {
    subject: { type: 'mess', id: '0b6f1c2e-4d3a-4b5c-9d8e-7f6a5b4c3d2e' },
    passVersion: 1,
    issuedAt: new Date(),
  },
  generateKeyPair(),
);

describe('renderPassQr', () => {
  it('renders a PNG that a QR decoder reads back as the same pass string', async () => {
    const png = await renderPassQr(encoded, { format: 'png', size: 400 });
    const image = PNG.sync.read(Buffer.from(png));
    expect(image.width).toBe(400);
    // jsqr is CommonJS with a `default` property: under nodenext the function is `jsQR.default`.
    const result = jsQR.default(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(result?.data).toBe(encoded);
    expect(result?.version).toBe(7);
  });

  it('renders an SVG document', async () => {
    const svg = await renderPassQr(encoded, { format: 'svg' });
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 53 53"/);
  });
});
