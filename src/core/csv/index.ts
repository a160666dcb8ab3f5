/**
 * The one rule every CSV Opsdesk writes follows: text cells a spreadsheet would run as a formula or a
 * command are made inert. Browser-safe (no imports), so a module's console that builds a CSV in the
 * browser (the mess reports) uses the same rule as the server's exports.
 */
export { neutralizeFormula, restoreNeutralized } from './formula-cells.rules.ts';
