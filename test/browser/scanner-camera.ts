import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/**
 * A fake camera for Chromium (`--use-file-for-fake-video-capture`): a YUV4MPEG2 file whose frames
 * show one QR image (PNG) centred on white. Chromium loops the frames, so the camera "sees" the
 * code for as long as the test runs.
 */
export function writeY4m(
  png: Uint8Array,
  file: string,
  options: { width?: number; height?: number; frames?: number } = {},
) {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const image = PNG.sync.read(Buffer.from(png));
  const y = Buffer.alloc(width * height, 235);
  const left = Math.floor((width - image.width) / 2);
  const top = Math.floor((height - image.height) / 2);
  for (let row = 0; row < image.height; row++) {
    for (let col = 0; col < image.width; col++) {
      const x = left + col;
      const yy = top + row;
      if (x < 0 || yy < 0 || x >= width || yy >= height) continue;
      const i = (row * image.width + col) * 4;
      const luma = 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
      // Studio range (16-235), as Chromium converts the fake capture to RGB.
      y[yy * width + x] = Math.round(16 + (luma / 255) * 219);
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420\n`);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  const frames = Array.from({ length: options.frames ?? 3 }, () => frame);
  writeFileSync(file, Buffer.concat([header, ...frames]));
}
