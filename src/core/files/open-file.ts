import type { Readable } from 'node:stream';
import type { Ctx } from '../context/index.ts';
import type { FileStore } from './file-store.ts';
import { type FileRecord, fileTables, toFileRecord } from './file-view.ts';
import { FilesErrors } from './files.errors.ts';

/** What is known about one file of the caller's organization. */
export async function getFile(ctx: Ctx, id: string): Promise<FileRecord> {
  return toFileRecord(await fileRow(ctx, id));
}

/** A file of the caller's organization with a stream of its bytes. */
export async function openFile(
  ctx: Ctx,
  store: FileStore,
  id: string,
): Promise<{ file: FileRecord; content: Readable }> {
  const row = await fileRow(ctx, id);
  if (row.purged_at) throw FilesErrors.file_purged({ id });
  return { file: toFileRecord(row), content: await store.get(row.storage_key) };
}

async function fileRow(ctx: Ctx, id: string) {
  const row = await fileTables(ctx)
    .selectFrom('file_object')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw FilesErrors.file_not_found({ id });
  return row;
}
