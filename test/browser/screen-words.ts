import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { LOCALES } from '../../web/console/src/i18n/console-locales.ts';
import { codesIn } from './codes-in.ts';
import { shot } from './console-harness.ts';

/*
 * Words, not codes (issue 41): what a reader would call a code (`codesIn`) in a screen's text. The
 * console-words test walks every menu screen with it, the day tests the record pages of their day.
 */
export { codesIn };

/** What a reader sees on the page: its text, and the literals it marks as such (`<code>`). */
interface Reading {
  text: string;
  literals: string[];
}

/**
 * The page's text once it has loaded: no progress bar still loading (a bar with a value, such as a
 * bin's level, is data) and the text the same on two reads in a row (live pages keep a stream open,
 * so the network never goes quiet). The text and its literals are read in one go, so both are of the
 * same screen even while a click's next screen is replacing it.
 */
async function settledReading(page: Page, timeout = 30_000): Promise<Reading> {
  let last: Reading = { text: '', literals: [] };
  await expect
    .poll(
      async () => {
        const read = await page.evaluate(() => ({
          busy: document.querySelectorAll('[role="progressbar"]:not([aria-valuenow])').length > 0,
          text: document.body.innerText,
          literals: [...document.querySelectorAll('code')].map((e) => (e as HTMLElement).innerText),
        }));
        const stable = !read.busy && read.text === last.text && /\S/.test(read.text);
        last = { text: read.text, literals: read.literals };
        return stable;
      },
      { timeout, interval: 250 },
    )
    .toBe(true);
  return last;
}

/** The page's text once it has loaded (`settledReading`). */
export async function settledText(page: Page, timeout = 30_000): Promise<string> {
  return (await settledReading(page, timeout)).text;
}

/**
 * The codes on the loaded page, but for the literals it marks as such (`<code>`): a name the operator
 * must type elsewhere, such as a WhatsApp template's at Meta, is shown as it is spelled, beside words.
 */
export async function codesOnScreen(page: Page): Promise<string[]> {
  const { text, literals } = await settledReading(page);
  const marked = literals.join(' ');
  return codesIn(text).filter((code) => !marked.includes(code));
}

/** Picks a language from the console header's language menu: the page redraws in place. */
export async function readIn(page: Page, language: string, timeout = 60_000): Promise<void> {
  await page
    .locator('header')
    .getByRole('button', { name: /English|हिन्दी|Español|Français|Ikinyarwanda/ })
    .click({ timeout });
  await page.getByRole('menuitem', { name: language }).click({ timeout });
}

/**
 * The languages a walk reads its `index`th screen in: English and one of the others by turns, so every
 * language reads some screens. The three other languages need no reading of their own (issue 57): each
 * language's words are its catalog merged over English's, so a code a screen shows in one language it
 * shows in English, and what a language adds on its own is read without a browser
 * (web/console/src/i18n/catalog-words.test.ts).
 */
export function languagesOfScreen(index: number): [(typeof LOCALES)[number], (typeof LOCALES)[number]] {
  const others = LOCALES.slice(1);
  return [LOCALES[0], others[index % others.length]!];
}

/**
 * Opens each record page once and reads it in English and one other language (`languagesOfScreen`),
 * saving a screenshot of each reading as `<shots>-<page>-<locale>`; ends in English. Returns what a
 * reader would call a code, as `<locale> <page>: <codes>`: a day test expects none. `codes` adds a
 * day's own check to `codesIn`.
 */
export async function codesOnRecordPages(
  page: Page,
  pages: Record<string, string>,
  options: { shots: string; timeout?: number; codes?: (text: string, locale: string) => string[] },
): Promise<string[]> {
  const codesOf = options.codes ?? codesIn;
  const found: string[] = [];
  let current: string = LOCALES[0].name;
  for (const [index, [what, path]] of Object.entries(pages).entries()) {
    await page.goto(path);
    // The language the page opened in first, when it is one of this page's: one switch less.
    const languages = languagesOfScreen(index).sort(
      (a, b) => Number(b.name === current) - Number(a.name === current),
    );
    for (const { locale, name } of languages) {
      if (name !== current) await readIn(page, name);
      current = name;
      const codes = codesOf(await settledText(page, options.timeout), locale);
      if (codes.length) found.push(`${locale} ${what}: ${codes.join(', ')}`);
      await shot(page, `${options.shots}-${what}-${locale}`);
    }
  }
  if (current !== LOCALES[0].name) await readIn(page, LOCALES[0].name);
  return found;
}
