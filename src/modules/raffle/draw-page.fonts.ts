import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Devanagari faces the public draw page serves itself (issue 41 item 13): a buyer's phone
 * without a Devanagari font showed "हिन्दी" as boxes. Noto Sans Devanagari as the npm package
 * `@fontsource/noto-sans-devanagari` ships it (the files the console bundles and the PDFs embed),
 * its Devanagari subset only; Latin text keeps the phone's own font.
 */
export const DRAW_PAGE_FONTS = {
  'noto-sans-devanagari-400.woff2': 'noto-sans-devanagari-devanagari-400-normal.woff2',
  'noto-sans-devanagari-700.woff2': 'noto-sans-devanagari-devanagari-700-normal.woff2',
} as const;

export type DrawPageFont = keyof typeof DRAW_PAGE_FONTS;

/** Where the page finds them (the route serving `DRAW_PAGE_FONTS`). */
export const DRAW_PAGE_FONT_PATH = '/public/raffles/fonts';

const cache = new Map<DrawPageFont, Promise<Buffer>>();

/** One face's bytes, read once from the package. */
export function drawPageFont(name: DrawPageFont): Promise<Buffer> {
  let bytes = cache.get(name);
  if (!bytes) {
    const pkg = createRequire(import.meta.url).resolve('@fontsource/noto-sans-devanagari/package.json');
    bytes = readFile(join(dirname(pkg), 'files', DRAW_PAGE_FONTS[name]));
    cache.set(name, bytes);
  }
  return bytes;
}

/** The Devanagari block and its extensions, as the fontsource subset covers them. */
const DEVANAGARI_RANGE =
  'U+0900-097F,U+1CD0-1CF9,U+200C-200D,U+20A8,U+20B9,U+20F0,U+25CC,U+A830-A839,U+A8E0-A8FF,U+11B00-11B09';

/** The page's `@font-face` rules: used only for Devanagari characters, loaded only when the page has some. */
export const DRAW_PAGE_FONT_FACES = ([400, 700] as const)
  .map(
    (weight) =>
      `@font-face{font-family:"Noto Sans Devanagari";font-style:normal;font-weight:${weight};font-display:swap;` +
      `src:url(${DRAW_PAGE_FONT_PATH}/noto-sans-devanagari-${weight}.woff2) format("woff2");unicode-range:${DEVANAGARI_RANGE}}`,
  )
  .join('\n');
