import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConsoleExtension, Messages } from '../../web/console/src/extensions/index.ts';
import { languageNames } from '../../web/console/src/i18n/language-names.ts';
import type { AnyArea } from '../core/modules/index.ts';
import { columnOptions } from '../core/resources/index.ts';
import { AVAILABLE_MODULES } from './modules.ts';

/** Every dotted key of a nested catalog (`raffle.menu.orders`). */
const keysOf = (messages: Messages, prefix = ''): string[] =>
  Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );

/**
 * The words a module's console shows: what its resources declare (menu, columns, actions, and the
 * values of its enum columns) and what its extension adds (pages, cards).
 */
function keysShown(module: AnyArea, extension: ConsoleExtension): string[] {
  // Declarations only: the runtime is used by actions when they run, never while declaring them.
  const resources = module.resources?.({} as never) ?? [];
  return [
    ...resources.flatMap((r) => [
      r.label,
      ...r.columns.flatMap((c) => [
        c.label,
        ...(c.type === 'enum'
          ? columnOptions(c).map((o) => c.optionLabel?.(o) ?? `${c.label.split('.')[0]}.options.${o}`)
          : []),
      ]),
      ...(r.actions ?? []).map((a) => a.label),
      ...(r.downloads ?? []).map((d) => d.label),
      ...(r.form?.fields ?? []).map((f) => f.label),
    ]),
    ...(extension.pages ?? []).map((p) => p.label),
    ...(extension.cards ?? []).map((c) => c.title),
  ];
}

const withConsole = AVAILABLE_MODULES.filter((m) => m.resources).map((module) => ({
  name: module.name,
  module,
}));

describe('module words in the console', () => {
  it.each(withConsole)('$name has a console/ folder for the screens its resources declare', ({ name }) => {
    expect(existsSync(new URL(`../modules/${name}/console/index.ts`, import.meta.url))).toBe(true);
  });

  it.each(withConsole)(
    '$name words every label it shows, in English and in each of its languages',
    async ({ name, module }) => {
      const extension = (await import(`../modules/${name}/console/index.ts`)).default as ConsoleExtension;
      const english = new Set(keysOf(extension.messages.en));
      // A column of languages reads by the console's own names of them, in every language.
      const shared = new Set(keysOf(languageNames('en')));
      expect(keysShown(module, extension).filter((key) => !english.has(key) && !shared.has(key))).toEqual([]);
      for (const [locale, messages] of Object.entries(extension.messages)) {
        const translated = new Set(keysOf(messages as Messages));
        expect(
          [...english].filter((key) => !translated.has(key)),
          `missing in ${locale}`,
        ).toEqual([]);
      }
      expect(Object.keys(extension.messages).length).toBeGreaterThan(1);
    },
    // The first import transforms the module's whole console folder: seconds on a loaded machine.
    60_000,
  );
});
