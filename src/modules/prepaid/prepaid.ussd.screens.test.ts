import { describe, expect, it } from 'vitest';
import { USSD_SCREEN_MAX, ussdAnswer } from '../../channels/ussd/ussd.rules.ts';
import { channelEndScreen } from '../../channels/ussd/ussd-screen.ts';
import { createI18n, LOCALES } from '../../core/i18n/index.ts';
import { fitsGsm7 } from '../../core/notifications/index.ts';
import { kwhIn, moneyIn, numberIn } from './prepaid.format.ts';
import { groupedToken } from './prepaid.notifications.ts';
import { prepaidUssdCatalog } from './prepaid.ussd.catalog.ts';
import { invalidThen, type Say, ussdScreens, withNav } from './prepaid.ussd.screens.ts';

// Issue 65: every USSD screen, in each of the five languages, with the longest values a sale can
// reach (an amount of nine digits, the most units an extended token carries, a 40-character meter
// number, a 15-digit token), as the gateway receives it: within one screen of 182 characters, with
// no character a GSM handset shows badly (no no-break space, no typographic apostrophe), and in the
// GSM alphabet wherever the language is written in it (Hindi is written in Devanagari).

const i18n = createI18n({ catalogs: { 'prepaid-ussd': prepaidUssdCatalog } });
const METER = 'KGL-RESIDENTIAL-NYARUGENGE-0000000000001';
const TOKEN = groupedToken('123456789012345');
const UNITS_TENTHS = 9_999_990;

/** Every answer a session can get, in `language`, for `currency`: `CON`/`END` and the screen. */
function everyScreen(language: string, currency: string): Record<string, string> {
  const say: Say = (key, params) => i18n.t(language, `prepaid-ussd:${key}`, params);
  const money = moneyIn(999_999_999, currency, language);
  // A sale's lines: the total of nine digits is energy, fee and tax; the change is under 0.1 kWh's price.
  const [energy, fee, tax, change] = [847_457_626, 99_999, 152_442_374, 9_999].map((m) =>
    moneyIn(m, currency, language),
  );
  const units = kwhIn(UNITS_TENTHS, language);
  const waiting: Record<string, string> = {
    askMeter: ussdScreens.askMeter(say),
    knownMeter: ussdScreens.knownMeter(say, METER),
    askAmount: ussdScreens.askAmount(say, METER, currency),
    languages: ussdScreens.languages(LOCALES),
    quote: ussdScreens.quote(say, {
      units,
      total: money,
      energy: energy!,
      fee: fee!,
      tax: tax!,
      change: change!,
    }),
  };
  const hints: Record<string, string> = {
    noMeter: `${ussdScreens.noMeter(say, METER)}\n${waiting.askMeter}`,
    badAmount: `${ussdScreens.badAmount(say, money, money)}\n${waiting.askAmount}`,
    tooMuch: `${ussdScreens.tooMuch(say, money)}\n${waiting.askAmount}`,
  };
  const closing: Record<string, string> = {
    approve: ussdScreens.approve(say, money),
    lastToken: ussdScreens.lastToken(say, { meter: METER, token: TOKEN, units, amount: money }),
    noToken: ussdScreens.noToken(say),
    balance: ussdScreens.balance(say, {
      meter: METER,
      balance: units,
      days: numberIn(9999, language),
      estimated: false,
    }),
    estimated: ussdScreens.balance(say, {
      meter: METER,
      balance: units,
      days: numberIn(9999, language),
      estimated: true,
    }),
    noMeterKnown: ussdScreens.noMeterKnown(say),
    busy: channelEndScreen(language, 'busy'),
    unavailable: channelEndScreen(language, 'unavailable'),
    limited: channelEndScreen(language, 'limited'),
    too_long: channelEndScreen(language, 'too_long'),
  };
  const menu = ussdScreens.menu(say);
  const answers: Record<string, string> = {
    menu: ussdAnswer(menu, false),
    'menu, invalid': ussdAnswer(invalidThen(say, menu), false),
  };
  // A hint (an amount it cannot read) stands where "Invalid choice" would.
  for (const [name, text] of Object.entries(hints)) answers[name] = ussdAnswer(withNav(say, text), false);
  for (const [name, text] of Object.entries(waiting)) {
    answers[name] = ussdAnswer(withNav(say, text), false);
    answers[`${name}, invalid`] = ussdAnswer(withNav(say, invalidThen(say, text)), false);
  }
  for (const [name, text] of Object.entries(closing))
    answers[name] = text.startsWith('END ') ? text : ussdAnswer(text, true);
  return answers;
}

describe('every USSD screen on a handset', () => {
  for (const language of LOCALES)
    for (const currency of ['RWF', 'USD'])
      it(`${language}, ${currency}: one screen each, in characters every handset shows`, () => {
        const answers = everyScreen(language, currency);
        expect(Object.keys(answers).length).toBeGreaterThanOrEqual(25);
        if (process.env.SHOW_SCREENS)
          for (const [name, a] of Object.entries(answers))
            console.log(language, currency, name, a.length - 4);
        for (const [name, answer] of Object.entries(answers)) {
          const shown = answer.replace(/^(CON|END) /, '');
          expect(shown.length, `${name}: ${shown}`).toBeLessThanOrEqual(USSD_SCREEN_MAX);
          expect(shown, name).not.toMatch(/[\u00A0\u202F\u2009\u2019\u2018]/);
          if (language !== 'hi') expect(fitsGsm7(shown), `${name}: ${shown}`).toBe(true);
        }
      });

  it('writes numbers with plain spaces and French with the accents GSM-7 has, without the letters it lacks', () => {
    const answers = everyScreen('fr', 'RWF');
    expect(answers.approve).toBe(
      'END Approuvez 999 999 999 RWF sur votre téléphone. Votre code arrive par SMS.',
    );
    expect(ussdAnswer('Français ’à é’', false)).toBe("CON Francais 'à é'");
  });
});
