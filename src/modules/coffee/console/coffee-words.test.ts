import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { en } from '../../../../web/console/src/i18n/en.ts';
import { es } from '../../../../web/console/src/i18n/es.ts';
import { hi } from '../../../../web/console/src/i18n/hi.ts';
import { wordMessage } from '../../../../web/console/src/i18n/labels.ts';
import { localeNumbersIn } from '../../../../web/console/src/i18n/locale-numbers.ts';
import { extensionMessages } from '../../../../web/console/src/registry/registry.ts';
import { ALARM_KINDS, BIN_LEVELS, COMMAND_REASONS } from '../browser.ts';
import { coffeeSmsCatalog } from '../coffee.sms.catalog.ts';
import { coffeeLabelsEn } from './coffee.labels.en.ts';
import { coffeeLabelsEs } from './coffee.labels.es.ts';
import { coffeeLabelsFr } from './coffee.labels.fr.ts';
import { coffeeLabelsHi } from './coffee.labels.hi.ts';
import { coffeeLabelsRw } from './coffee.labels.rw.ts';
import { commandDetail } from './command-detail.ts';

const catalogs = {
  en: mergeTranslations(englishMessages, en, ...extensionMessages('en')),
  hi: mergeTranslations(hi, ...extensionMessages('hi')),
  es: mergeTranslations(es, ...extensionMessages('es')),
};
const LOCALES = ['en', 'hi', 'es'] as const;

const leaf = (catalog: object, key: string) =>
  key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);

/** The console's translate in one language, as the console builds it (no fallback to English). */
const translateIn = (locale: (typeof LOCALES)[number]) =>
  polyglotI18nProvider(() => catalogs[locale], locale, [], {
    allowMissing: true,
    replace: localeNumbersIn(() => locale),
  }).translate;

describe("coffee's server-made sentences in the console's languages (issue 28)", () => {
  it.each(LOCALES)('words the title of every alarm kind, bin level and command reason in %s', (locale) => {
    const keys = [
      ...ALARM_KINDS.map((kind) => `coffee.alarm_title.${kind}`),
      ...BIN_LEVELS.filter((level) => level !== 'normal').map((level) => `coffee.alarm_title.bin_${level}`),
      'coffee.alarm_title.bin_days',
      'coffee.alarm_title.bin_soon',
      ...COMMAND_REASONS.map((code) => `coffee.reason.${code}`),
      'coffee.reason.machine_said',
    ];
    expect(keys.filter((key) => typeof leaf(catalogs[locale], key) !== 'string')).toEqual([]);
  });

  it('reads an offline alarm and a low-material alarm in Hindi and Spanish, values and all', () => {
    const offline = {
      key: 'coffee.alarm_title.offline',
      params: { serial: 'CM-1002' },
      text: 'Device CM-1002 is offline',
    };
    const low = {
      key: 'coffee.alarm_title.low_material',
      params: {
        materials: [
          { key: 'coffee.alarm_title.bin_critical', params: { code: 'BEANS', name: 'Coffee beans' } },
          { key: 'coffee.alarm_title.bin_low', params: { code: 'MILK', name: 'Milk powder' } },
        ],
      },
    };
    const failed = {
      key: 'coffee.alarm_title.command_failed',
      params: {
        command: { key: 'coffee.options.apply_recipes' },
        status: { key: 'coffee.options.timed_out' },
      },
    };
    const soon = {
      key: 'coffee.alarm_title.predicted_empty',
      params: {
        materials: [
          {
            key: 'coffee.alarm_title.bin_days',
            params: { code: 'MILK', name: 'Milk powder', smart_count: 1 },
          },
        ],
      },
    };
    const words = (locale: (typeof LOCALES)[number]) =>
      [offline, low, failed, soon].map((m) => wordMessage(translateIn(locale), m));
    expect(words('hi')).toEqual([
      'मशीन CM-1002 ऑफ़लाइन है',
      'सामग्री कम: Coffee beans (गंभीर), Milk powder (कम)',
      'कमांड "रेसिपी लागू करें": समय पर जवाब नहीं',
      'जल्द ख़ाली होगा: Milk powder 1 दिन में',
    ]);
    expect(words('es')).toEqual([
      'La máquina CM-1002 está fuera de línea',
      'Material bajo: Coffee beans (crítico), Milk powder (bajo)',
      'Comando "Aplicar recetas": Sin respuesta a tiempo',
      'Se vaciará pronto: Milk powder en 1 día',
    ]);
  });

  it("writes a bin's fractional days left in the reader's number format", () => {
    const soon = {
      key: 'coffee.alarm_title.predicted_empty',
      params: {
        materials: [
          {
            key: 'coffee.alarm_title.bin_days',
            params: { code: 'MILK', name: 'Milk powder', smart_count: 1.5 },
          },
          {
            key: 'coffee.alarm_title.bin_days',
            params: { code: 'BEANS', name: 'Coffee beans', smart_count: 1 },
          },
        ],
      },
    };
    expect(wordMessage(translateIn('en'), soon)).toBe(
      'Empty soon: Milk powder in 1.5 days, Coffee beans in 1 day',
    );
    expect(wordMessage(translateIn('es'), soon)).toBe(
      'Se vaciará pronto: Milk powder en 1,5 días, Coffee beans en 1 día',
    );
    expect(wordMessage(translateIn('hi'), soon)).toBe(
      'जल्द ख़ाली होगा: Milk powder 1.5 दिनों में, Coffee beans 1 दिन में',
    );
  });

  it("shows the server's English where the console has no words for a key", () => {
    expect(
      wordMessage(translateIn('hi'), { key: 'coffee.alarm_title.nothing', text: 'Device X is odd' }),
    ).toBe('Device X is odd');
  });

  it("words Opsdesk's reasons and quotes a machine's own answer as the machine's", () => {
    const t = translateIn('es');
    expect(
      commandDetail(t, {
        type: 'apply_recipes',
        detail: 'model CM-100 cannot run apply_recipes',
        reason: { code: 'unsupported', model: 'CM-100' },
      }),
    ).toBe('El modelo CM-100 no puede ejecutar "Aplicar recetas".');
    expect(
      commandDetail(t, {
        type: 'restart',
        detail: 'no result within the timeout',
        reason: { code: 'timed_out' },
      }),
    ).toBe('La máquina no respondió a tiempo.');
    expect(commandDetail(t, { type: 'restart', detail: 'simulated failure', reason: null })).toBe(
      'La máquina respondió: “simulated failure”',
    );
    expect(commandDetail(t, { type: 'restart', detail: null, reason: null })).toBe('');
  });
});

/** Every string of a catalog, however deep (plural forms split apart). */
const stringsOf = (node: unknown): string[] =>
  typeof node === 'string'
    ? node.split('||||')
    : node && typeof node === 'object'
      ? Object.values(node).flatMap(stringsOf)
      : [];

describe('one name for a recipe package version (issue 66 item 6)', () => {
  const words = {
    en: [coffeeLabelsEn, coffeeSmsCatalog.en],
    es: [coffeeLabelsEs, coffeeSmsCatalog.es],
    fr: [coffeeLabelsFr, coffeeSmsCatalog.fr],
    hi: [coffeeLabelsHi, coffeeSmsCatalog.hi],
    rw: [coffeeLabelsRw, coffeeSmsCatalog.rw],
  };
  it.each(Object.keys(words) as (keyof typeof words)[])(
    'names a version "v5" as the version picker does, in the console and in texts, in %s',
    (locale) => {
      const naming = stringsOf(words[locale]).filter((s) => /[%{]\{?version\}/.test(s));
      expect(naming.length).toBeGreaterThan(10);
      // The number comes right after a "v" of its own: never "Version 5", "la versión 5", "संस्करण 5".
      const unnamed = naming.filter((s) =>
        /(%\{version\}|\{\{version\}\})/.test(
          s.replace(/(^|[^\p{L}])v(%\{version\}|\{\{version\}\})/gu, '$1'),
        ),
      );
      expect(unnamed).toEqual([]);
    },
  );

  it('labels a rollout\'s version in the console "v5", as the picker and the texts do', () => {
    const t = translateIn('es');
    expect(t('coffee.rollout.running', { version: 5, tag: 'centro' })).toBe(
      'Desplegando la v5 en las máquinas con la etiqueta "centro".',
    );
  });
});
