/**
 * How an SMS is carried: GSM 03.38 7-bit where every character of the text is in its alphabet
 * (basic table, or extension table at two septets), else UCS-2 (Devanagari, emoji, most accents
 * outside Western Europe). A single message holds 160 septets or 70 UTF-16 units; a long one is cut
 * into parts of 153 or 67 (each part carries a user-data header), and an escaped character or a
 * surrogate pair is never split between two parts.
 * See 3GPP TS 23.038 §6.2.1 and TS 23.040 §9.2.3.24.1.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Parts the network carries (and bills). */
  segments: number;
  /** Septets (GSM-7) or UTF-16 units (UCS-2) of the text. */
  units: number;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '\f^{}\\[~]|€';
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

/** Whether every character of `text` has a GSM-7 code (basic or extension table). */
export function fitsGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENDED.has(ch)) return false;
  return true;
}

/** The width of each character in the encoding's units, in order. */
function widths(text: string, encoding: SmsEncoding): number[] {
  const out: number[] = [];
  for (const ch of text) out.push(encoding === 'GSM-7' ? (EXTENDED.has(ch) ? 2 : 1) : ch.length);
  return out;
}

/** The encoding and number of parts `text` is sent as. An empty text is one (empty) part. */
export function smsSegments(text: string): SmsSegments {
  const encoding: SmsEncoding = fitsGsm7(text) ? 'GSM-7' : 'UCS-2';
  const sizes = widths(text, encoding);
  const units = sizes.reduce((a, b) => a + b, 0);
  const limit = LIMITS[encoding];
  if (units <= limit.single) return { encoding, segments: 1, units };
  // Greedy filling, a character never split across two parts.
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > limit.part) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, segments, units };
}

/**
 * Characters that often slip into templates and force UCS-2 for nothing, written in GSM-7:
 * typographic quotes and dashes, the no-break and narrow spaces `Intl` puts in numbers and dates.
 * Only applied when every other character of the text fits GSM-7 (a Hindi text stays as it is).
 */
const GSM_LOOKALIKES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00A0': ' ',
  '\u202F': ' ',
  '\u2009': ' ',
  '\u2007': ' ',
};

/**
 * A letter GSM-7 lacks, written as the nearest one it has: the accent dropped (á → a, ê → e, ç → c,
 * ő → o), the letter kept. Only letters whose bare form is in the alphabet; `é è ù ì ò à ñ ü ö ä Ç É`
 * are in it and stay as they are.
 */
function foldedLetter(ch: string): string {
  const bare = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return bare !== ch && bare.length > 0 && fitsGsm7(bare) ? bare : ch;
}

/**
 * `text` written in GSM-7 when that makes the whole text GSM-7, otherwise unchanged (a Hindi text
 * stays as it is): the look-alikes `Intl` and editors add (no-break spaces, typographic quotes and
 * dashes) in their plain form, and the accented letters GSM-7 lacks without their accent, so a French
 * or Spanish text keeps every accent the alphabet has and the room of a 160-character part.
 */
export function fittedToGsm7(text: string): string {
  if (fitsGsm7(text)) return text;
  let out = '';
  for (const ch of text)
    out += BASIC.has(ch) || EXTENDED.has(ch) ? ch : (GSM_LOOKALIKES[ch] ?? foldedLetter(ch));
  return fitsGsm7(out) ? out : text;
}

/**
 * A formatted amount (or any value) as a text carries it: plain spaces (`Intl` puts no-break ones in
 * numbers, U+202F in French), and the rupee as "Rs" (GSM-7 has no ₹: one would make the whole text
 * UCS-2, half the room). For the values a module puts into an SMS template.
 */
export const smsValue = (formatted: string) =>
  formatted
    .replace(/[\u00A0\u202F]/g, ' ')
    .replace(/₹ ?([\d.,' ]*\d)/g, 'Rs $1')
    .replace(/([\d.,' ]*\d) ?₹/g, 'Rs $1');
