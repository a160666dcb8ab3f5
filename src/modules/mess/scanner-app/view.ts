import type { ScannerState } from './app.ts';
import type { Words } from './i18n.ts';

// What the scanner page's parts share: the regions they draw in, staff's actions, and clock times.

/** The page regions that change; the video element stays put so the camera keeps running. */
export interface Regions {
  status: HTMLElement;
  banner: HTMLElement;
  main: HTMLElement;
  result: HTMLElement;
  recent: HTMLElement;
  mealNow: HTMLElement;
  scanPanel: HTMLElement;
  loginPanel: HTMLElement;
}

/** What staff can do from the header (its menu and banners). */
export interface ViewActions {
  toggleLanguage(): void;
  toggleSound(): void;
  signOut(): void;
  signInAgain(): void;
  sound(): boolean;
}

export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?';

/**
 * A clock time on the organization's clock (as the console shows it, whatever the phone's zone),
 * with the day when it is not today there (an old student list must look old).
 */
export function time(iso: string, state: ScannerState, words: Words): string {
  const at = new Date(iso);
  const { locale } = words;
  const timeZone = state.session?.organization.timeZone;
  const clock = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone });
  const day = (d: Date) => d.toLocaleDateString('en-CA', { timeZone });
  if (day(at) === day(new Date())) return clock;
  return `${at.toLocaleDateString(locale, { day: 'numeric', month: 'short', timeZone })} ${clock}`;
}
