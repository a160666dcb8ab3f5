import type { BoothApp } from './app.ts';
import type { BoothWords } from './i18n.ts';

/**
 * What every part of the booth page draws with: the app (its state and what staff can do), the words
 * in the language staff chose, and the amount field. The page (page.ts) is the one view; its parts
 * each draw a region of the booth screen from it.
 */
export interface BoothView {
  readonly app: BoothApp;
  readonly words: BoothWords;
  readonly amountInput: HTMLInputElement;
  /** Minor units in the booth's language ("$12.50", "12,50 US$"). */
  money(minor: number, currency: string): string;
}

/** "K7QX4M2P" as printed on badges: "K7QX-4M2P". */
export const formatCode = (code: string) =>
  code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;

export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
