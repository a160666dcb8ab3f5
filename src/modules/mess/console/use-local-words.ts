import { useLocaleState } from 'react-admin';
import { clockTimeIn, mealNameIn, zoneNameIn } from '../browser.ts';

/**
 * The console's words for what the mess stores in one form (issue 66 item 4): a meal's name, the
 * time zone and a wall-clock time, in the language the console is read in.
 */
export function useLocalWords() {
  const [locale] = useLocaleState();
  return {
    meal: (name: string) => mealNameIn(name, locale),
    zone: (timeZone: string) => zoneNameIn(timeZone, locale),
    time: (hhmm: string) => clockTimeIn(hhmm, locale),
  };
}
