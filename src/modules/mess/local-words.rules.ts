import { messSeedCatalog } from './mess.seed.catalog.ts';

/*
 * What the mess shows people in their own language although it is stored in one (issue 66 item 4:
 * in Hindi the meals still read "Breakfast", the zone "Asia/Kolkata", the times "11:00 PM"). Pure and
 * browser-safe: the console, the bot's messages and their tests use the same words.
 */

const MEALS = ['breakfast', 'lunch', 'dinner'] as const;
type Words = Record<(typeof MEALS)[number], string>;
const catalogs = messSeedCatalog as Record<string, Words>;
const fold = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/** Every language's word for each of the usual meals, folded: "BREAKFAST", "Desayuno" and "नाश्ता" are one. */
const KNOWN = new Map(
  Object.values(catalogs).flatMap((words) => MEALS.map((m) => [fold(words[m]), m] as const)),
);

/**
 * A meal's name in `language` when it is one of the usual meals in any language the mess speaks
 * (as the demo or the original wrote it); a name the mess chose itself ("Tiffin") stays as it is.
 */
export function mealNameIn(name: string, language: string): string {
  const meal = KNOWN.get(fold(name));
  const words = catalogs[language.split('-')[0]!] ?? catalogs.en!;
  return meal ? words[meal] : name;
}

/** The locale Intl formats in: Hindi as India writes it (`hi-IN`). */
const intlLocale = (language: string) => (language.split('-')[0] === 'hi' ? 'hi-IN' : language);

/**
 * A time zone as people of `language` call it ("भारतीय मानक समय", "India Standard Time"), from Intl;
 * its IANA id where Intl has no name for it in that language (only an offset).
 */
export function zoneNameIn(timeZone: string, language: string): string {
  try {
    const name = new Intl.DateTimeFormat(intlLocale(language), { timeZone, timeZoneName: 'long' })
      .formatToParts(new Date(0))
      .find((p) => p.type === 'timeZoneName')?.value;
    return name && !/^(GMT|UTC)[+−-]/.test(name) ? name : timeZone;
  } catch {
    return timeZone;
  }
}

/**
 * A wall-clock time ("23:00") as `language` says it: Hindi by the part of the day ("रात 11:00", where
 * `hi-IN`'s own hour cycle would leave a Latin "pm"), the others on the 24-hour clock the mess keeps.
 */
export function clockTimeIn(hhmm: string, language: string): string {
  const m = /^(\d{1,2}):(\d{2})/.exec(hhmm);
  if (!m) return hhmm;
  const hindi = language.split('-')[0] === 'hi';
  return new Intl.DateTimeFormat(intlLocale(language), {
    hour: hindi ? 'numeric' : '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    ...(hindi ? { dayPeriod: 'short' as const } : { hourCycle: 'h23' as const }),
  }).format(new Date(Date.UTC(2000, 0, 1, Number(m[1]), Number(m[2]))));
}
