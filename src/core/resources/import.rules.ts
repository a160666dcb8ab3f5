import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { neutralizeFormula, restoreNeutralized } from '../csv/index.ts';
import type { ResourceImport } from './resource.types.ts';
import { invalidBody } from './resources.errors.ts';

export const MAX_IMPORT_ROWS = 10_000;

export interface ImportIssue {
  /** Row as a spreadsheet shows it: the header is row 1, the first record row 2. */
  row: number;
  /** The resource column at fault; null when the whole row was refused. */
  field: string | null;
  message: string;
}

export interface CheckedRow {
  row: number;
  cells: string[];
  /** Parsed values by column name; null when a cell is invalid. */
  values: Record<string, unknown> | null;
  issues: ImportIssue[];
}

/** The delimiter of a file: the most frequent of `,` `;` and tab in its header line, outside quotes. */
export function detectDelimiter(csv: string): string {
  const counts = new Map([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of csv) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > counts.get(best)!) best = ch;
  return best;
}

/** The rows of a CSV text as Excel writes it (BOM, `,`, `;` or tab); throws the parser's error. */
export function readCsvRows(csv: string): string[][] {
  return parse(csv, {
    bom: true,
    delimiter: detectDelimiter(csv.replace(/^\uFEFF/, '')),
    relax_column_count: true,
  });
}

/** Header and records of a CSV text (BOM and `;`/tab delimiters as Excel writes them). */
export function parseCsvText(csv: string): { header: string[]; records: string[][] } {
  let rows: string[][];
  try {
    rows = readCsvRows(csv);
  } catch (err) {
    throw invalidBody('csv', `is not valid CSV: ${(err as Error).message}`, 'CSV text');
  }
  const [header, ...records] = rows;
  if (!header || header.every((h) => h.trim() === ''))
    throw invalidBody('csv', 'has no header row', 'a header row');
  if (records.length > MAX_IMPORT_ROWS)
    throw invalidBody(
      'csv',
      `has ${records.length} rows; at most ${MAX_IMPORT_ROWS} per import`,
      'fewer rows',
    );
  return { header: header.map((h) => h.trim()), records };
}

/**
 * Checks a mapping of CSV headers to import columns: every header exists once in the file, every
 * target is an import column used once, every required column is mapped. An empty target skips a
 * header. Returns column name → header index.
 */
export function resolveMapping(
  spec: ResourceImport,
  header: string[],
  mapping: Record<string, string>,
): Map<string, number> {
  const columns = spec.columns.map((c) => c.name);
  const out = new Map<string, number>();
  for (const [csvHeader, column] of Object.entries(mapping)) {
    if (column === '') continue;
    const field = `mapping.${csvHeader}`;
    const at = header.indexOf(csvHeader.trim());
    if (at < 0) throw invalidBody(field, `the file has no column ${csvHeader}`, header.join(' | '));
    if (header.indexOf(csvHeader.trim(), at + 1) >= 0)
      throw invalidBody(field, `the file has two columns named ${csvHeader}`, 'unique headers');
    if (!columns.includes(column))
      throw invalidBody(field, `${column} is not an import column`, columns.join(' | '));
    if (out.has(column)) throw invalidBody(field, `${column} is mapped twice`, 'one header per column');
    out.set(column, at);
  }
  const missing = spec.columns.filter((c) => c.required && !out.has(c.name)).map((c) => c.name);
  if (missing.length)
    throw invalidBody(
      'mapping',
      `required columns are not mapped: ${missing.join(', ')}`,
      missing.join(' | '),
    );
  return out;
}

/** Validates each non-empty record against the import columns' schemas. */
export function checkRows(
  spec: ResourceImport,
  records: string[][],
  columns: Map<string, number>,
): CheckedRow[] {
  const out: CheckedRow[] = [];
  records.forEach((cells, index) => {
    if (cells.every((c) => c.trim() === '')) return;
    const row = index + 2;
    const values: Record<string, unknown> = {};
    const issues: ImportIssue[] = [];
    for (const column of spec.columns) {
      const at = columns.get(column.name);
      const text = at === undefined ? '' : restoreNeutralized((cells[at] ?? '').trim());
      if (text === '' && column.required) {
        issues.push({ row, field: column.name, message: 'is required' });
        continue;
      }
      const parsed = column.schema.safeParse(text === '' ? undefined : text);
      if (parsed.success) {
        if (parsed.data !== undefined) values[column.name] = parsed.data;
      } else {
        issues.push({
          row,
          field: column.name,
          message: parsed.error.issues.map((i) => i.message).join('; '),
        });
      }
    }
    out.push({ row, cells, values: issues.length ? null : values, issues });
  });
  return out;
}

/** The refused rows as the user sent them, plus an `error` column: fix them and import this file. */
export function failedRowsCsv(header: string[], failed: ReadonlyArray<CheckedRow>): string | null {
  if (failed.length === 0) return null;
  const describe = (r: CheckedRow) =>
    r.issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ');
  const records = failed.map((r) => [
    ...header.map((_, i) => neutralizeFormula(r.cells[i] ?? '')),
    neutralizeFormula(describe(r)),
  ]);
  return stringify([[...header.map(neutralizeFormula), 'error'], ...records], { bom: true });
}
