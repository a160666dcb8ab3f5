import { PNG } from 'pngjs';

/**
 * A bank-transfer screenshot as a buyer would send it: a white slip with a coloured header and
 * grey "text" lines. `seed` shifts the lines, so two receipts differ in bytes (duplicate
 * detection compares bytes) but look alike to a person.
 */
export function receiptImage(seed: number): Buffer {
  const width = 360;
  const height = 480;
  const png = new PNG({ width, height });
  const paint = (x0: number, y0: number, w: number, h: number, [r, g, b]: [number, number, number]) => {
    for (let y = y0; y < Math.min(y0 + h, height); y++)
      for (let x = x0; x < Math.min(x0 + w, width); x++) {
        const i = (y * width + x) * 4;
        png.data[i] = r;
        png.data[i + 1] = g;
        png.data[i + 2] = b;
        png.data[i + 3] = 255;
      }
  };
  paint(0, 0, width, height, [250, 250, 247]);
  paint(0, 0, width, 72, [0, 121, 107]);
  paint(24, 24, 140, 24, [255, 255, 255]);
  for (let line = 0; line < 9; line++)
    paint(24, 110 + line * 36, 180 + ((seed * 37 + line * 53) % 130), 14, [176, 176, 176]);
  paint(24, 440, 312, 2, [0, 121, 107]);
  return PNG.sync.write(png);
}
