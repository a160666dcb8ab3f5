import type { Output, StoredInput } from '../../core/conversations/index.ts';
import { fittedToGsm7 } from '../../core/notifications/index.ts';

/**
 * Africa's Talking's USSD protocol (https://developers.africastalking.com/docs/ussd/overview): each
 * screen is a form POST of `sessionId`, `serviceCode`, `phoneNumber`, `networkCode` and `text`, the
 * person's inputs of this session joined by `*` (empty on the first screen); the answer is
 * text/plain, `CON <screen>` to wait for an input, `END <screen>` to close the session.
 */
export interface UssdRequest {
  sessionId: string;
  serviceCode: string;
  phoneNumber: string;
  text: string;
}

/** A flow state that closes the session: its screen goes as `END`. */
export const USSD_END_STATE = 'end';

/** The longest screen handsets show (182 characters on GSM USSD; a longer one is cut by the gateway). */
export const USSD_SCREEN_MAX = 182;

/**
 * The longest `text` a session is answered for: every input of the session joined by `*`, each typed
 * on a keypad (a USSD input is at most 182 characters), so a few hundred at most. A longer one is
 * answered `END` and runs nothing.
 */
export const USSD_TEXT_MAX = 500;

/** Reads the gateway's form; undefined when it is not one. */
export function readUssdRequest(form: Record<string, unknown>): UssdRequest | undefined {
  const { sessionId, serviceCode, phoneNumber, text } = form;
  if (typeof sessionId !== 'string' || sessionId === '' || sessionId.length > 100) return undefined;
  if (typeof phoneNumber !== 'string') return undefined;
  const phone = phoneNumber.replace(/[\s-]/g, '');
  if (!/^\+?\d{6,15}$/.test(phone)) return undefined;
  return {
    sessionId,
    serviceCode: typeof serviceCode === 'string' ? serviceCode.slice(0, 40) : '',
    phoneNumber: phone.startsWith('+') ? phone : `+${phone}`,
    text: typeof text === 'string' ? text : '',
  };
}

/**
 * The first screen of a session, as the flow reads it: `menu`, or `menu:new-language` when the person
 * never chose a language on USSD (the flow may then speak the language their phone's account has).
 */
export const USSD_FIRST_SCREEN = 'menu';
export const USSD_FIRST_SCREEN_NO_LANGUAGE = 'menu:new-language';

/** The newest input of a session: what follows the last `*` (the whole text on the second screen). */
export function newestInput(text: string, languageChosen = true): StoredInput {
  if (text === '')
    return { kind: 'choice', id: languageChosen ? USSD_FIRST_SCREEN : USSD_FIRST_SCREEN_NO_LANGUAGE };
  const parts = text.split('*');
  return { kind: 'text', text: parts[parts.length - 1] ?? '' };
}

/** How many inputs the session has had: with the session id, the id of this screen (a gateway retry is the same). */
export const screenNumber = (text: string) => (text === '' ? 0 : text.split('*').length);

/**
 * The id of one screen of a session: the gateway's session id bound to the phone it came with, so a
 * gateway retry of that screen is answered again, while the same session id from another phone (a
 * gateway reusing its ids) is a session of its own and never shows the other phone's screens.
 */
export const screenId = (request: Pick<UssdRequest, 'sessionId' | 'phoneNumber' | 'text'>) =>
  `${request.sessionId}:${request.phoneNumber.replace(/^\+/, '')}:${screenNumber(request.text)}`;

/**
 * A screen as every handset shows it: the no-break and narrow spaces number formatting puts in
 * (U+00A0, U+202F), typographic quotes and dashes in their plain form, and letters GSM-7 lacks
 * without their accent (ç → c; é à è ù stay). A script GSM-7 has not (Hindi) keeps its letters.
 */
export function handsetText(text: string): string {
  const plain = text
    .replace(/[\u00A0\u202F\u2009\u2007\u2002\u2003]/g, ' ')
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...');
  return fittedToGsm7(plain);
}

/** The flow's replies as one screen: texts one under the other, buttons numbered. */
export function screenOf(replies: ReadonlyArray<Output>): string {
  const lines: string[] = [];
  for (const r of replies) {
    if (r.kind === 'text') lines.push(r.text);
    else if (r.kind === 'buttons') lines.push(r.text, ...r.buttons.map((b, i) => `${i + 1}. ${b.title}`));
    else if (r.kind === 'list') lines.push(r.text, ...r.rows.map((b, i) => `${i + 1}. ${b.title}`));
    else if (r.kind === 'template') lines.push(r.fallbackText);
  }
  return lines.join('\n').slice(0, USSD_SCREEN_MAX * 4);
}

/** The answer the gateway reads, in characters every handset shows (`handsetText`). */
export function ussdAnswer(screen: string, end: boolean): string {
  return `${end ? 'END' : 'CON'} ${handsetText(screen)}`;
}
