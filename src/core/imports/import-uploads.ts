import { isAppError } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';
import { type FileStore, openFile, storeFile } from '../files/index.ts';
import { csvRecords } from './csv-source.ts';
import { dumpdataSource } from './dumpdata-source.ts';
import { invalidSource } from './imports.errors.ts';
import type { StoredImportSource } from './imports.tables.ts';
import type { ImportSource, ModuleImport, SourceRecord } from './imports.types.ts';

/**
 * The files of a console import: checked as the job will read them (a bad file is refused when the
 * run starts, naming the field), kept in the file store, and read back by the job.
 */

/** The purpose of an import's upload in the file store: no generic file route serves it. */
export const IMPORT_SOURCE = 'import_source';

/** The largest file of an upload: a dumpdata of a few hundred thousand rows. */
export const IMPORT_UPLOAD_MAX_BYTES = 40 * 1024 * 1024;

/** A file the operator uploaded: its name and its text. */
export interface UploadedFile {
  name: string;
  content: string;
  /** CSV only: the model it holds (`mess.student`); without it, read from the name (`student.csv`). */
  model?: string | undefined;
}

export type ImportUpload =
  | { format: 'dumpdata'; file: UploadedFile }
  | { format: 'csv'; files: UploadedFile[]; mapping?: Record<string, Record<string, string>> | undefined };

export type CheckedUpload =
  | { format: 'dumpdata'; file: UploadedFile }
  | {
      format: 'csv';
      files: Array<UploadedFile & { model: string }>;
      mapping: Record<string, Record<string, string>>;
    };

/** Reads the upload as the job will, so a bad file is refused now, naming the field at fault. */
export function checkUpload(mapping: ModuleImport, upload: ImportUpload): CheckedUpload {
  const models = mapping.models.map((m) => m.model);
  const expectedModels = `records of ${models.join(', ')}`;
  if (upload.format === 'dumpdata') {
    const field = 'source.file.content';
    const records = readDumpdata(upload.file.content, field);
    const found = [
      ...new Set(records.map((r) => String((r as { model?: unknown })?.model).toLowerCase())),
    ].sort();
    if (!found.some((m) => models.includes(m)))
      throw invalidSource(
        field,
        `holds no record of a model this import brings over; it holds ${found.slice(0, 20).join(', ') || 'no record'}`,
        expectedModels,
      );
    return { format: 'dumpdata', file: upload.file };
  }
  const csvMapping = upload.mapping ?? {};
  for (const model of Object.keys(csvMapping))
    if (!models.includes(model))
      throw invalidSource(
        `source.mapping.${model}`,
        'is no model of this import',
        `one of ${models.join(', ')}`,
      );
  const seen = new Set<string>();
  const files = upload.files.map((file, i) => {
    const model = file.model?.trim().toLowerCase() || modelOfFileName(mapping.models, file.name);
    if (!model || !models.includes(model))
      throw invalidSource(
        `source.files.${i}.model`,
        file.model ? `${file.model} is no model of this import` : `${file.name}: no model has this file name`,
        `one of ${models.join(', ')} (or a file named like student.csv)`,
      );
    if (seen.has(model))
      throw invalidSource(`source.files.${i}.model`, `${model} has two files`, 'one file per model');
    seen.add(model);
    const def = mapping.models.find((m) => m.model === model)!;
    try {
      csvRecords(def, file.content, csvMapping[model]);
    } catch (err) {
      if (!isAppError(err)) throw err;
      throw invalidSource(
        `source.files.${i}.content`,
        err.fields[0]?.message ?? err.message,
        'CSV text with a header row and an id column',
      );
    }
    return { ...file, model };
  });
  return { format: 'csv', files, mapping: csvMapping };
}

/**
 * `core.student.csv`, `core_student.csv`, `student.csv`, or the table the model declares
 * (`students.csv`, as psql exports it), as a folder's files are found.
 */
function modelOfFileName(models: ModuleImport['models'], name: string): string | undefined {
  const base = name.toLowerCase().replace(/\.csv$/, '');
  return models.find(({ model, table }) => {
    const [app, short] = model.split('.');
    return base === model || base === `${app}_${short}` || base === short || base === table?.name;
  })?.model;
}

function readDumpdata(content: string, field: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (err) {
    throw invalidSource(field, `is not JSON: ${(err as Error).message}`, 'a dumpdata JSON file');
  }
  try {
    dumpdataSource(parsed, 'check');
  } catch (err) {
    if (!isAppError(err)) throw err;
    const at = err.fields[0]?.field ?? '';
    throw invalidSource(
      field,
      `is not a dumpdata file${at.startsWith('from[') ? ` (record ${at.slice(5, -1)})` : ''}`,
      'a JSON list of {model, pk, fields}, as python manage.py dumpdata writes',
    );
  }
  return parsed as unknown[];
}

export async function storeUpload(
  tx: Ctx,
  store: FileStore,
  upload: CheckedUpload,
): Promise<{ source: StoredImportSource; label: string }> {
  const keep = async (file: UploadedFile) =>
    (
      await storeFile(tx, store, {
        bytes: Buffer.from(file.content, 'utf8'),
        originalName: file.name,
        purpose: IMPORT_SOURCE,
        allowedTypes: ['text/plain'],
        maxBytes: IMPORT_UPLOAD_MAX_BYTES,
      })
    ).id;
  if (upload.format === 'dumpdata')
    return {
      source: { format: 'dumpdata', files: [{ fileId: await keep(upload.file), name: upload.file.name }] },
      label: `dumpdata ${upload.file.name}`,
    };
  const files: Array<{ fileId: string; name: string; model: string }> = [];
  for (const f of upload.files) files.push({ fileId: await keep(f), name: f.name, model: f.model });
  return {
    source: { format: 'csv', files, mapping: upload.mapping },
    label: `csv ${upload.files.map((f) => f.name).join(', ')}`.slice(0, 300),
  };
}

/** The upload of a run as a source, read back from the file store. */
export async function openStoredSource(
  ctx: Ctx,
  store: FileStore,
  mapping: ModuleImport,
  stored: StoredImportSource,
  label: string,
): Promise<ImportSource> {
  const text = async (fileId: string) => {
    const { content } = await openFile(ctx, store, fileId, { purpose: IMPORT_SOURCE });
    const chunks: Buffer[] = [];
    for await (const chunk of content) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  };
  if (stored.format === 'dumpdata')
    return dumpdataSource(JSON.parse(await text(stored.files[0]!.fileId)), label);
  const byModel = new Map<string, SourceRecord[]>();
  for (const f of stored.files) {
    const def = mapping.models.find((m) => m.model === f.model);
    if (def) byModel.set(f.model, csvRecords(def, await text(f.fileId), stored.mapping[f.model]));
  }
  return {
    label,
    found: async () => stored.files.map((f) => f.model),
    count: async (m) => byModel.get(m.model)?.length ?? 0,
    async *records(m, batchSize) {
      const list = byModel.get(m.model) ?? [];
      for (let i = 0; i < list.length; i += batchSize) yield list.slice(i, i + batchSize);
    },
    close: async () => {},
  };
}
