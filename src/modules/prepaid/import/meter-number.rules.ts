// A meter number as a customer typed it on the original's "Add meter" (any text up to 30 characters:
// its serializer trims the ends and nothing else) → the number Opsdesk keys the meter by
// (`^[A-Za-z0-9-]{3,40}$`). Spaces go, any dash becomes `-`, digits of other scripts and full-width
// characters become their ASCII selves; what is left that no rule can read keeps the meter's number
// as its letters, digits and dashes, for a person to check against the meter.

/** Opsdesk's meter numbers (`prepaid_meter.number`). */
export const METER_NUMBER = /^[A-Za-z0-9-]{3,40}$/;

/** Dashes of any kind: hyphen-minus, the Unicode dash punctuation, the minus sign, full-width forms. */
const DASHES = /[\p{Pd}\u2212\uFE63\uFF0D]/gu;

export interface ReadMeterNumber {
  /** The number in Opsdesk. */
  number: string;
  /** The typed form differs only by spaces, dashes or digit forms: the same number, written another way. */
  normalized: boolean;
  /** Something no rule reads (`SN:4471/B`): `number` keeps its letters, digits and dashes. */
  unreadable: string | null;
}

/** The ASCII digit of a decimal digit of any script (`٣` → `3`), or the character itself. */
function asciiDigit(c: string): string {
  if (!/\p{Nd}/u.test(c)) return c;
  let zero = c.codePointAt(0)!;
  // Unicode lays each script's digits out 0-9 in a row: walk back to the row's zero.
  let steps = 0;
  while (steps < 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) {
    zero--;
    steps++;
  }
  return String((c.codePointAt(0)! - zero) % 10);
}

/** Full-width Latin letters and digits (`ＰＭ５`) as ASCII; anything else as it is. */
const halfWidth = (c: string) => {
  const folded = c.normalize('NFKC');
  return /^[A-Za-z0-9]$/.test(folded) ? folded : c;
};

/** Reads a typed meter number; never throws: an unreadable one keeps what can be kept, said so. */
export function readMeterNumber(typed: string): ReadMeterNumber {
  const trimmed = typed.trim();
  const folded = [...trimmed]
    .map((c) => asciiDigit(halfWidth(c)))
    .join('')
    .replace(DASHES, '-')
    .replace(/\s+/gu, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  if (METER_NUMBER.test(folded)) return { number: folded, normalized: folded !== trimmed, unreadable: null };
  const kept = folded.replace(/[^A-Za-z0-9-]/g, '').replace(/-{2,}/g, '-');
  const odd = [...new Set(folded.replace(/[A-Za-z0-9-]/g, ''))].join(' ');
  return {
    number: kept,
    normalized: false,
    unreadable: odd
      ? `has characters a meter number cannot hold (${odd})`
      : `is ${kept.length < 3 ? 'shorter than 3' : 'longer than 40'} characters`,
  };
}

/** What two numbers are compared by for "the same meter typed twice": letters and digits, in capitals. */
export const meterNumberKey = (number: string): string => number.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
