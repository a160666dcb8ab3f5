/*
 * What an incoming text (or Africa's Talking's opt-out notice) asks of the account it came to: a
 * phone stops (or starts again) texts from one sender, the one it answered.
 */

const STOP_WORDS = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'QUIT',
  'END',
  'ARRET',
  'ARRÊT',
  'HAGARIKA',
  'PARAR',
  'BAJA',
  'बंद',
]);
const START_WORDS = new Set(['START', 'UNSTOP', 'SUBSCRIBE', 'TANGIRA', 'DEMARRER', 'INICIO', 'शुरू']);

/** What an inbound text asks of the sender: to stop, to start again, or nothing we act on. */
export function keywordOf(text: string): 'stop' | 'start' | null {
  const word = text
    .trim()
    .toUpperCase()
    .replace(/[.!]+$/, '');
  if (STOP_WORDS.has(word)) return 'stop';
  if (START_WORDS.has(word)) return 'start';
  return null;
}

/** The longest sender kept: an 11-character sender id, a short code or a long number. */
const SENDER_LENGTH = 20;

/** A phone's STOP or START to one sender of the account. */
export interface OptOutRequest {
  phone: string;
  /** The sender id or short code answered; '' when the provider did not say (the account's default). */
  sender: string;
  keyword: 'stop' | 'start';
  /** The words as sent (`Stop`, `HAGARIKA`), kept with the opt-out. */
  word: string;
}

/**
 * Reads an incoming message (Africa's Talking: `from`, `to`, `text`) or an opt-out notice of its bulk
 * sender ids (`senderId`, `phoneNumber`): a STOP or START to the sender it names, or undefined when it
 * asks neither or names no phone.
 */
export function readOptOutRequest(form: Record<string, unknown>): OptOutRequest | undefined {
  const phone = String(form.from ?? form.phoneNumber ?? '').replace(/\s/g, '');
  if (!/^\+\d{6,15}$/.test(phone)) return undefined;
  const notice = typeof form.text !== 'string' && form.senderId !== undefined;
  const word = notice ? 'STOP' : typeof form.text === 'string' ? form.text.trim() : '';
  const keyword = keywordOf(word);
  if (!keyword) return undefined;
  const sender = String((notice ? form.senderId : form.to) ?? '')
    .replace(/\s/g, '')
    .slice(0, SENDER_LENGTH);
  return { phone, sender, keyword, word: word.slice(0, 40) };
}
