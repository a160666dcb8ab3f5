import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Props whose text a person reads (or hears): a literal there bypasses the translation layer. */
const WORDED_PROPS = [
  'title',
  'label',
  'placeholder',
  'aria-label',
  'helperText',
  'emptyText',
  'alt',
  'primary',
  'secondary',
  'primaryText',
];
/** A translation key (`od.menu.users`, `raffle.fields.price`): react-admin translates these itself. */
const KEY = /^[a-z][a-zA-Z0-9_]*(\.[a-zA-Z0-9_-]+)+$/;
/**
 * JSX text between tags (`>Reload</`): prose with a letter, and none of the characters code has
 * between a generic's `>` and the next `<` (`;{}()=&|?` and backticks).
 */
const JSX_TEXT = /(?<![=-])>([^;{}()=&|?<>`]*[A-Za-z][^;{}()=&|?<>`]*)<\/?[A-Za-z]/g;

/** The few words that read the same in every language, and why. */
const ALLOWED_TEXT = new Set([
  'Opsdesk', // the product's name
  'Ctrl K', // the keys on the keyboard
  'HTML', // the e-mail part's format name (sandbox mail viewer)
]);
/** Files left out entirely, and why. */
const ALLOWED_FILES = new Set([
  // The last-resort crash screen: deliberately free of the i18n layer, which may be what failed.
  'web/console/src/ErrorBoundary.tsx',
]);

/** User-facing literals in one TSX source: JSX text and worded props that are not keys. */
function literalTexts(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const m of code.matchAll(JSX_TEXT)) {
    const text = (m[1] ?? '').trim();
    if (text && !/^[,.]/.test(text)) found.push(text);
  }
  const props = new RegExp(`\\b(?:${WORDED_PROPS.join('|')})="([^"]*)"`, 'g');
  for (const m of code.matchAll(props)) {
    const text = m[1] ?? '';
    if (/[A-Za-z]/.test(text) && !KEY.test(text)) found.push(text);
  }
  return found.filter((text) => !ALLOWED_TEXT.has(text));
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : tsxFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

/** The console's screens: its own and every module's `console/` folder. */
const screens = [
  ...tsxFiles(join(ROOT, 'web', 'console', 'src')),
  ...readdirSync(join(ROOT, 'src', 'modules')).flatMap((module) => {
    try {
      return tsxFiles(join(ROOT, 'src', 'modules', module, 'console'));
    } catch {
      return [];
    }
  }),
].map((path) => relative(ROOT, path));

describe('console text goes through i18n', () => {
  // A literal in a screen shows English on a Hindi or Spanish screen (issue 28): word it with
  // `translate('…')` and a key in every language, or allow-list it above with the reason.
  it('has no JSX text or worded prop written as a literal', () => {
    expect(screens.filter((file) => file.startsWith('src/modules/')).length).toBeGreaterThan(10);
    const offenders = screens
      .filter((file) => !ALLOWED_FILES.has(file))
      .flatMap((file) =>
        literalTexts(readFileSync(join(ROOT, file), 'utf8')).map((text) => `${file}: "${text}"`),
      );
    expect(offenders).toEqual([]);
  });

  it('finds a literal text, a literal label and a literal title, and lets keys and code through', () => {
    const probe = `
      const f = (x: Record<string, unknown>) => x;
      export const A = () => <Box title="Raffle sales" aria-label="od.menu.users">
        <Typography variant="body2">No sales yet</Typography>
        <TextField label="Price" helperText={translate('od.x')} />
        {items.length > 0 && <b>{count}</b>}
      </Box>;`;
    expect(literalTexts(probe).sort()).toEqual(['No sales yet', 'Price', 'Raffle sales']);
  });
});
