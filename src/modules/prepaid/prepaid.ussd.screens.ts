/**
 * The USSD menu's screens as text (issue 65), from the words of `prepaid.ussd.catalog.ts` in the
 * session's language and values already formatted: the flow shows them, and a test renders every one
 * in every language with the longest values a sale can reach. A screen that waits for an input ends
 * with how to go back ("0") and home ("00"); one shown again after an input it cannot read starts
 * with "Invalid choice". The USSD channel writes them in characters every handset shows.
 */
export type Say = (key: string, params?: Record<string, string>) => string;

/**
 * The language list: each language by its own name, its digit the same whatever the organization
 * speaks (the USSD channel maps the digit to the language: `LANGUAGE_DIGITS` in `ussd-screen.ts`).
 */
export const USSD_LANGUAGES = [
  ['1', 'en', 'English'],
  ['2', 'fr', 'Francais'],
  ['3', 'rw', 'Ikinyarwanda'],
  ['4', 'es', 'Espanol'],
  ['5', 'hi', 'Hindi'],
] as const;

/** A sale's lines, formatted: units, the total and its parts, and what of the amount is given back. */
export interface QuoteLines {
  units: string;
  total: string;
  energy: string;
  fee: string;
  tax: string;
  change: string | null;
}

export const ussdScreens = {
  menu: (say: Say) => say('ussd.menu'),
  languages: (offered: ReadonlyArray<string>) =>
    USSD_LANGUAGES.filter(([, code]) => offered.includes(code))
      .map(([digit, , name]) => `${digit}. ${name}`)
      .join('\n'),
  askMeter: (say: Say) => say('ussd.askMeter'),
  knownMeter: (say: Say, meter: string) => say('ussd.knownMeter', { meter }),
  noMeter: (say: Say, meter: string) => say('ussd.noMeter', { meter }),
  askAmount: (say: Say, meter: string, currency: string) => say('ussd.askAmount', { meter, currency }),
  /** The amounts one sale takes (`saleRangeFor`), formatted: asked again for any other. */
  badAmount: (say: Say, min: string, max: string) => say('ussd.badAmount', { min, max }),
  tooMuch: (say: Say, max: string) => say('ussd.tooMuch', { max }),
  quote: (say: Say, q: QuoteLines) =>
    [
      say('ussd.quote', { units: q.units, total: q.total }),
      say('ussd.lines', { energy: q.energy, fee: q.fee, tax: q.tax }),
      ...(q.change ? [say('ussd.change', { change: q.change })] : []),
      say('ussd.payOptions'),
    ].join('\n'),
  approve: (say: Say, total: string) => say('ussd.approve', { total }),
  lastToken: (say: Say, t: { meter: string; token: string; units: string; amount: string }) =>
    say('ussd.lastToken', t),
  noToken: (say: Say) => say('ussd.noToken'),
  balance: (say: Say, b: { meter: string; balance: string; days: string | null; estimated: boolean }) =>
    say(b.estimated ? 'ussd.estimatedBalance' : 'ussd.balance', {
      meter: b.meter,
      balance: b.balance,
      days: b.days === null ? '' : say('ussd.days', { days: b.days }),
    }),
  noMeterKnown: (say: Say) => say('ussd.noMeterKnown'),
};

/** A screen waiting for an input, the main menu aside, says how to go back and home. */
export const withNav = (say: Say, text: string) => `${text}\n${say('ussd.nav')}`;

/** The same screen again after an input it cannot read. */
export const invalidThen = (say: Say, text: string) => `${say('ussd.invalid')}\n${text}`;
