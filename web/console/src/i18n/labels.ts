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

/** A sentence the server sends as an i18n key and its values (`ResourceMessage`, a `message` column). */
export interface Message {
  key: string;
  /** An amount `{ amountMinor, currency }` reads as money in the reader's format (`localeNumbersIn`). */
  params?: Record<string, string | number | Message | Message[] | MessageAmount> | null;
  text?: string;
  /** The record the sentence names (`ResourceMessage.record`): a list links the words to its page. */
  record?: { resource: string; id: string };
}

export interface MessageAmount {
  amountMinor: number;
  currency: string;
}

export const isMessage = (value: unknown): value is Message =>
  !!value && typeof value === 'object' && typeof (value as Message).key === 'string';

/**
 * A message in the reader's language: values that are messages are worded first, a list of them is
 * joined with commas; a key the console lacks shows the server's English `text`.
 */
export function wordMessage(translate: TranslateFunction, message: Message): string {
  const params = Object.fromEntries(
    Object.entries(message.params ?? {}).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? value.map((m) => wordMessage(translate, m)).join(', ')
        : isMessage(value)
          ? wordMessage(translate, value)
          : value,
    ]),
  );
  return translate(message.key, { ...params, _: message.text ?? humanize(message.key) });
}

/** A record's title as text: a `message` worded in the reader's language, anything else as stored. */
export const titleText = (translate: TranslateFunction, title: unknown): string =>
  isMessage(title) ? wordMessage(translate, title) : String(title);
