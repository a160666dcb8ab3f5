import { statSync } from 'node:fs';
import { type CsvMapping, openCsvSource } from './csv-source.ts';
import { openDumpdataSource } from './dumpdata-source.ts';
import { invalidSource } from './imports.errors.ts';
import type { ImportSource } from './imports.types.ts';
import { openPostgresSource } from './postgres-source.ts';

/** The sources `--from` accepts, in words for the command's help. */
export const IMPORT_SOURCES = [
  'a Django dumpdata JSON file (python manage.py dumpdata > data.json)',
  'the original PostgreSQL database by URL (postgres://…), read-only',
  'a folder of CSV files, one per model (student.csv, payment.csv, …)',
] as const;

/** Opens what `--from` names: a `postgres://` URL, a folder of CSV files, or a dumpdata JSON file. */
export async function openImportSource(
  from: string,
  options: { csvMapping?: CsvMapping } = {},
): Promise<ImportSource> {
  if (/^postgres(ql)?:\/\//.test(from)) return openPostgresSource(from);
  let isFolder = false;
  try {
    isFolder = statSync(from).isDirectory();
  } catch {
    throw invalidSource(
      'from',
      `${from} does not exist`,
      'a dumpdata JSON file, a postgres:// URL or a folder of CSV files',
    );
  }
  if (isFolder) return openCsvSource(from, options.csvMapping);
  return openDumpdataSource(from);
}
