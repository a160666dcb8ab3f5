/**
 * What the desk's one input was given, read the way a USB barcode scanner or a clerk types it: a
 * signed QR pass (the scanner types the whole pass), an 8-character customer code (spaces and
 * dashes ignored), or anything else as a name, phone or e-mail to search. Pure; browser code.
 */
export type DeskInput =
  | { kind: 'pass'; pass: string }
  | { kind: 'code'; code: string; q: string }
  | { kind: 'search'; q: string }
  | { kind: 'empty' };

/** Signed passes start with `OD<version>:` (core/passes PASS_PREFIX). */
const PASS = /^OD\d+:\S+$/;
const CODE = /^[A-Za-z0-9]{8}$/;

export function readDeskInput(typed: string): DeskInput {
  const text = typed.trim();
  if (text === '') return { kind: 'empty' };
  if (PASS.test(text)) return { kind: 'pass', pass: text };
  const compact = text.replace(/[\s-]/g, '');
  // A name of 8 letters ("Fernando") reads as a code too: the desk searches when no code matches.
  if (CODE.test(compact)) return { kind: 'code', code: compact.toUpperCase(), q: text };
  return { kind: 'search', q: text };
}

/**
 * What the clerk typed ("12.5", "12,50", "1 200") in integer minor units, or `undefined` when it
 * is not a positive amount with at most the currency's digits. Parsed as text, never as a float.
 */
export function amountToMinor(text: string, digits: number): number | undefined {
  const cleaned = text
    .trim()
    .replace(/[\s\u00a0']/g, '')
    .replace(',', '.');
  const match = /^(\d{1,12})(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return undefined;
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return minor > 0 && Number.isSafeInteger(minor) ? minor : undefined;
}

/** Digits after the decimal point of a currency (JPY 0, EUR 2), from the browser's ICU data. */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}
