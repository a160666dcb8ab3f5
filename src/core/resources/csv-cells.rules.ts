import type { ColumnType } from './resource.types.ts';

/**
 * What makes a spreadsheet read a cell as a formula (OWASP "CSV injection"): a tab or carriage return
 * first, or `= + - @` after any leading whitespace, in their ASCII or full-width forms (＝＋－＠):
 * spreadsheets trim the one and fold the other to ASCII when they read a cell (issue 55 item 10).
 */
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/**
 * Makes a text cell inert in Excel, LibreOffice and Sheets: a leading `= + - @` (full-width too, and
 * after leading spaces), tab or carriage return gets a `'` in front, so `=HYPERLINK(...)` typed into a
 * name shows as text.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes `neutralizeFormula` on import, so an exported file edited and imported back keeps its text. */
export function restoreNeutralized(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/**
 * One exported cell. Numbers stay numbers (`-5` is a value, not a formula, when the database says
 * it is a number); every text that came from a person is neutralized.
 */
export function csvCell(value: unknown, type: ColumnType): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if ((type === 'number' || type === 'money') && (typeof value === 'number' || typeof value === 'bigint'))
    return String(value);
  // A message exports its English sentence (a spreadsheet has no catalog to word its key).
  if (type === 'message' && typeof value === 'object' && 'text' in value)
    return neutralizeFormula(String(value.text));
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return neutralizeFormula(text);
}
