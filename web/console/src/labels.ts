import type { TranslateFunction } from 'react-admin';

/** `raffle.order.total_paid` → "Total paid": readable until a module ships its catalog. */
export function humanize(key: string): string {
  const last = key.split('.').filter(Boolean).pop() ?? key;
  const words = last
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/** Translates a server-given i18n key, falling back to a readable form of the key. */
export function labelOf(translate: TranslateFunction, key: string): string {
  return translate(key, { _: humanize(key) });
}
