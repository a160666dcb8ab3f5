/**
 * What makes a spreadsheet read a cell as a formula or a command (OWASP "CSV injection"): a tab or
 * carriage return first, or `= + - @ |` after any leading whitespace, in their ASCII or full-width forms
 * (＝＋－＠｜): spreadsheets trim the one and fold the other to ASCII when they read a cell (issue 55
 * item 10). `|` is the pipe of a DDE call (`=cmd|' /C calc'!A0`), which some spreadsheets take
 * from a cell that starts with it; `|cmd` went out unprefixed (issue 61 item 6).
 */
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@|\uFF1D\uFF0B\uFF0D\uFF20\uFF5C])/;

/**
 * Makes a text cell inert in Excel, LibreOffice and Sheets: a leading `= + - @ |` (full-width too, and
 * after leading spaces), tab or carriage return gets a `'` in front, so `=HYPERLINK(...)` typed into a
 * name shows as text. Every CSV Opsdesk writes passes its text cells through here.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes `neutralizeFormula` on import, so an exported file edited and imported back keeps its text. */
export function restoreNeutralized(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
