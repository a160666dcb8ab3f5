import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { formatMoney as consoleMoney } from '../../../../web/console/src/format/format.ts';
import { en } from '../../../../web/console/src/i18n/en.ts';
import { es } from '../../../../web/console/src/i18n/es.ts';
import { fr } from '../../../../web/console/src/i18n/fr.ts';
import { hi } from '../../../../web/console/src/i18n/hi.ts';
import { wordMessage } from '../../../../web/console/src/i18n/labels.ts';
import { localeNumbersIn } from '../../../../web/console/src/i18n/locale-numbers.ts';
import { extensionMessages } from '../../../../web/console/src/registry/registry.ts';
import { formatMoney, money } from '../../../core/money/index.ts';

const catalogs = {
  en: mergeTranslations(englishMessages, en, ...extensionMessages('en')),
  es: mergeTranslations(es, ...extensionMessages('es')),
  fr: mergeTranslations(fr, ...extensionMessages('fr')),
  hi: mergeTranslations(hi, ...extensionMessages('hi')),
};
type Locale = keyof typeof catalogs;

/** The console's translate in one language, as the console builds it (amounts through its money format). */
const translateIn = (locale: Locale) =>
  polyglotI18nProvider(() => catalogs[locale], locale, [], {
    allowMissing: true,
    replace: localeNumbersIn(() => locale, consoleMoney),
  }).translate;

/** An order's title as the orders resource sends it (`orderTitleMessageSql`). */
const title = (amountMinor: number, currency: string) => ({
  key: 'raffle.order_title',
  params: { tickets: '#5 #12', amount: { amountMinor, currency } },
  text: `#5 #12 · ${currency} ${amountMinor}`,
});

describe("an order's title in the console (issue 66)", () => {
  it('writes its amount as the bot and the texts do in the same language: "40.000 PYG" in Spanish, never "PYG 40,000"', () => {
    const spanish = wordMessage(translateIn('es'), title(40000, 'PYG'));
    expect(spanish.replace(/\s/g, ' ')).toBe('#5 #12 · 40.000 PYG');
    expect(spanish).toBe(`#5 #12 · ${formatMoney(money(40000, 'PYG'), 'es')}`);
  });

  it('reads the same as core money for every amount and console language the raffle sells in', () => {
    for (const locale of Object.keys(catalogs) as Locale[])
      for (const [minor, currency] of [
        [4000, 'PYG'],
        [3000, 'USD'],
        [5000000, 'COP'],
      ] as const)
        expect(wordMessage(translateIn(locale), title(minor, currency))).toBe(
          `#5 #12 · ${formatMoney(money(minor, currency), locale)}`,
        );
  });
});
