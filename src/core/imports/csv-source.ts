import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCsvRows } from '../resources/index.ts';
import { invalidSource } from './imports.errors.ts';
import type { ImportSource, SourceModel, SourceRecord } from './imports.types.ts';

/** Header → field name, per model (`{ "mess.student": { "Roll No": "roll_no" } }`); unmapped headers are field names. */
export type CsvMapping = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * The file of a model in a folder: `mess.student.csv`, `mess_student.csv` or `student.csv`, or named
 * after the table the model declares (`devices.csv`).
 */
export function csvFileOf(folder: string, model: string, table?: string): string | null {
  const [app, name] = model.split('.');
  for (const file of [
    `${model}.csv`,
    `${app}_${name}.csv`,
    `${name}.csv`,
    ...(table ? [`${table}.csv`] : []),
  ]) {
    if (existsSync(join(folder, file))) return join(folder, file);
  }
  return null;
}

/**
 * One CSV text as records: `id` (or `pk`, or the primary key the model's table declares) is the pk,
 * empty cells are empty, a foreign key is `student` or `student_id` (other columns keep their names).
 */
export function csvRecords(
  model: SourceModel,
  csv: string,
  mapping: Readonly<Record<string, string>> = {},
): SourceRecord[] {
  let rows: string[][];
  try {
    rows = readCsvRows(csv);
  } catch (err) {
    throw invalidSource('from', `${model.model}: is not valid CSV: ${(err as Error).message}`, 'CSV text');
  }
  const [header, ...records] = rows;
  if (!header) return [];
  const fks = new Set(model.foreignKeys ?? []);
  const names = header.map((h) => {
    const name = mapping[h.trim()] ?? h.trim();
    const fk = name.endsWith('_id') ? name.slice(0, -3) : null;
    return fk && fks.has(fk) ? fk : name;
  });
  const pkName = model.table?.pk ?? 'id';
  const pkAt = names.findIndex((n) => n === pkName || n === 'pk');
  if (pkAt < 0)
    throw invalidSource(
      'from',
      `${model.model}: the file has no ${pkName} column`,
      `an ${pkName} (or pk) column`,
    );
  return records
    .filter((cells) => cells.some((c) => c.trim() !== ''))
    .map((cells) => {
      const fields: Record<string, unknown> = {};
      names.forEach((name, i) => {
        if (i !== pkAt && name !== '') fields[name] = cells[i] === '' ? null : cells[i];
      });
      return { model: model.model, pk: (cells[pkAt] ?? '').trim(), fields };
    });
}

/**
 * A folder of CSV files, one per model of the original (an export from the Django admin or a
 * spreadsheet): headers are the model's field names, or are mapped to them as the console's import
 * maps headers to columns. A model without a file has no records.
 */
export function openCsvSource(folder: string, mapping: CsvMapping = {}): ImportSource {
  if (!existsSync(folder)) throw invalidSource('from', `${folder} does not exist`, 'a folder of CSV files');
  const cache = new Map<string, SourceRecord[]>();
  const load = async (model: SourceModel) => {
    let list = cache.get(model.model);
    if (!list) {
      const file = csvFileOf(folder, model.model, model.table?.name);
      list = file ? csvRecords(model, await readFile(file, 'utf8'), mapping[model.model]) : [];
      cache.set(model.model, list);
    }
    return list;
  };
  return {
    label: `csv ${folder}`,
    found: async () =>
      readdirSync(folder)
        .filter((f) => f.toLowerCase().endsWith('.csv'))
        .sort(),
    count: async (m) => (await load(m)).length,
    async *records(m, batchSize) {
      const list = await load(m);
      cache.delete(m.model);
      for (let i = 0; i < list.length; i += batchSize) yield list.slice(i, i + batchSize);
    },
    close: async () => {},
  };
}
