import { parseCsv } from '../../format/csv.ts';
import type { ImportableModule } from './import-run.types.ts';

/** A CSV file chosen for the import, with the model it fills and its columns mapped to fields. */
export interface CsvFile {
  name: string;
  content: string;
  model: string;
  headers: string[];
  rows: number;
  /** header → field name (the header itself unless changed). */
  fields: Record<string, string>;
}

/** The original's files as chosen: one Django dumpdata, or CSV files per model. */
export type Upload =
  | { format: 'dumpdata'; file: { name: string; content: string } }
  | { format: 'csv'; files: CsvFile[] };

export type ImportFormat = Upload['format'];

type Models = ImportableModule['models'];

/**
 * `core.student.csv`, `core_student.csv`, `student.csv` or its table's name (`students.csv`, as psql
 * exports it) → its model, as the server reads names.
 */
function modelOfName(models: Models, name: string): string {
  const base = name.toLowerCase().replace(/\.csv$/, '');
  return (
    models.find(({ model, table }) => {
      const [app, short] = model.split('.');
      return base === model || base === `${app}_${short}` || base === short || base === table;
    })?.model ?? ''
  );
}

/** A CSV file read: its model guessed from its name, each column mapped to the field of its own name. */
async function csvFileOf(file: File, models: Models): Promise<CsvFile> {
  const content = await file.text();
  const rows = parseCsv(content);
  const headers = rows[0] ?? [];
  return {
    name: file.name,
    content,
    model: modelOfName(models, file.name),
    headers,
    rows: Math.max(rows.length - 1, 0),
    fields: Object.fromEntries(headers.map((h) => [h, h])),
  };
}

/** The chosen files read in the format picked (a dumpdata is its first file). */
export async function uploadOf(format: ImportFormat, chosen: File[], models: Models): Promise<Upload> {
  if (format === 'dumpdata') {
    const file = chosen[0]!;
    return { format: 'dumpdata', file: { name: file.name, content: await file.text() } };
  }
  return { format: 'csv', files: await Promise.all(chosen.map((file) => csvFileOf(file, models))) };
}

/** What a dry run sends as its source: the dumpdata as read, or the CSV files with their renamed columns. */
export function sourceOf(upload: Upload) {
  if (upload.format === 'dumpdata') return upload;
  return {
    format: 'csv',
    files: upload.files.map((f) => ({ name: f.name, content: f.content, model: f.model || undefined })),
    mapping: Object.fromEntries(
      upload.files
        .filter((f) => f.model)
        .map((f) => [
          f.model,
          Object.fromEntries(Object.entries(f.fields).filter(([h, field]) => field && field !== h)),
        ]),
    ),
  };
}

/** The answers typed, without the blank ones; undefined when none was typed. */
export function answered(answers: Record<string, string>): Record<string, string> | undefined {
  const given = Object.entries(answers).filter(([, v]) => v.trim() !== '');
  return given.length ? Object.fromEntries(given) : undefined;
}
