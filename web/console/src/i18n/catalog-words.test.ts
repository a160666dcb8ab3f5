import { describe, expect, it } from 'vitest';
import { flattenKeys } from '../../../../src/core/i18n/missing-keys.ts';
import { codesIn } from '../../../../test/browser/codes-in.ts';
import { catalogs } from '../registry/catalogs.ts';
import { LOCALES } from './console-locales.ts';

/*
 * What the console says in each language comes from one merged catalog per language (its own words over
 * English's; the server's answers carry keys and codes, never words in the reader's language). So a screen
 * that shows no raw key in English shows none in any language, and what a language can add on its own is
 * here, in its words: a code written into a translation, or a placeholder the screen never fills (shown as
 * `%{order_id}`). Reading them here is what lets the console-words walk read every screen in English and
 * one other language instead of all five (issue 57).
 */
type Messages = { [key: string]: string | Messages };

const PLACEHOLDER = /%\{(\w+)\}/g;

function wordsOf(messages: Messages): Map<string, string> {
  return new Map(
    flattenKeys(messages).map((key) => [
      key,
      key.split('.').reduce<string | Messages>((m, part) => (m as Messages)[part] ?? '', messages) as string,
    ]),
  );
}

const placeholdersIn = (text: string) => new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]));

/** "key: codes | words" for each word that reads as a code once its placeholders are set aside. */
function codesInWords(messages: Messages): string[] {
  return [...wordsOf(messages)].flatMap(([key, words]) => {
    const codes = codesIn(words.replace(PLACEHOLDER, ' '));
    return codes.length ? [`${key}: ${codes.join(', ')} | ${words}`] : [];
  });
}

/** "key: placeholders" a language's words use that English's words for the key do not fill. */
function strayPlaceholders(messages: Messages, english: Messages): string[] {
  const englishWords = wordsOf(english);
  return [...wordsOf(messages)].flatMap(([key, words]) => {
    const filled = placeholdersIn(englishWords.get(key) ?? '');
    const stray = [...placeholdersIn(words)].filter((p) => !filled.has(p));
    return stray.length ? [`${key}: %{${stray.join('}, %{')}}`] : [];
  });
}

const english = catalogs('en') as Messages;
const languages = LOCALES.map((l) => l.locale);
const others = languages.filter((l) => l !== 'en');

describe('the words of every console language', () => {
  it.each(others)('read every key English has in %s (a key the language lacks reads English)', (locale) => {
    const have = new Set(flattenKeys(catalogs(locale) as Messages));
    expect(flattenKeys(english).length).toBeGreaterThan(1000);
    expect(flattenKeys(english).filter((key) => !have.has(key))).toEqual([]);
  });

  it.each(languages)('have no UUID, i18n key or snake_case code in %s', (locale) => {
    expect(codesInWords(catalogs(locale) as Messages)).toEqual([]);
  });

  it.each(others)('use in %s only the placeholders English fills', (locale) => {
    expect(strayPlaceholders(catalogs(locale) as Messages, english)).toEqual([]);
  });

  it('finds a code and a stray placeholder in a language (the checks can fail)', () => {
    const en = { od: { a: 'Served %{count}', b: 'Order' } };
    const xx = { od: { a: 'Servi %{total}', b: 'Commande already_served', c: 'voir raffle.fields.buyer' } };
    expect(codesInWords(xx)).toEqual([
      'od.b: already_served | Commande already_served',
      'od.c: raffle.fields.buyer | voir raffle.fields.buyer',
    ]);
    expect(strayPlaceholders(xx, en)).toEqual(['od.a: %{total}']);
    expect(codesInWords(en)).toEqual([]);
  });
});
