import { neutralizeFormula } from '../csv/index.ts';
import type { ColumnType } from './resource.types.ts';

/**
 * One exported cell. Numbers stay numbers (`-5` is a value, not a formula, when the database says
 * it is a number); every text that came from a person is neutralized (core/csv: `= + - @ |` and the
 * rest of the one rule every CSV follows).
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
