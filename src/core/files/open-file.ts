import type { Readable } from 'node:stream';
import { sql } from '../../platform/db/index.ts';
import type { Ctx } from '../context/index.ts';
import type { FileStore } from './file-store.ts';
import { type FileRecord, fileTables, toFileRecord } from './file-view.ts';
import { FilesErrors } from './files.errors.ts';

/**
 * Purposes whose files only their own area opens (an original system's dump, with every password
 * hash and meter key in it): the generic file routes answer 404 for them, as for a file that is not
 * there; their area opens them by naming the purpose.
 */
export const PRIVATE_PURPOSES: ReadonlyArray<string> = ['import_source'];

/** Which files a read may reach: any but the private purposes, or exactly one purpose (its area's). */
export interface FileReach {
  purpose?: string;
}

/** What is known about one file of the caller's organization. */
export async function getFile(ctx: Ctx, id: string, reach: FileReach = {}): Promise<FileRecord> {
  return toFileRecord(await fileRow(ctx, id, reach));
}

/** A file of the caller's organization with a stream of its bytes. */
export async function openFile(
  ctx: Ctx,
  store: FileStore,
  id: string,
  reach: FileReach = {},
): Promise<{ file: FileRecord; content: Readable }> {
  const row = await fileRow(ctx, id, reach);
  if (row.purged_at) throw FilesErrors.file_purged({ id });
  return { file: toFileRecord(row), content: await store.get(row.storage_key) };
}

/**
 * Removes the bytes of files of one purpose (an import's upload once its run is done): the store's
 * copy is deleted, the row stays as a record that the file was there (`purged_at`).
 */
export async function purgeFiles(
  ctx: Ctx,
  store: FileStore,
  ids: ReadonlyArray<string>,
  purpose: string,
): Promise<void> {
  if (ids.length === 0) return;
  const { rows } = await sql<{ storage_key: string }>`update file_object set purged_at = ${ctx.clock.now()}
    where org_id = ${ctx.orgId} and id = any(cast(${[...ids]} as uuid[])) and purpose = ${purpose}
      and purged_at is null
    returning storage_key`.execute(ctx.db);
  for (const { storage_key } of rows) await store.delete(storage_key);
}

/** Whether every one of these files of a purpose still has its bytes (none purged, none missing). */
export async function filesKept(ctx: Ctx, ids: ReadonlyArray<string>, purpose: string): Promise<boolean> {
  if (ids.length === 0) return true;
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from file_object
    where org_id = ${ctx.orgId} and id = any(cast(${[...ids]} as uuid[])) and purpose = ${purpose}
      and purged_at is null`.execute(ctx.db);
  return rows[0]?.n === new Set(ids).size;
}

async function fileRow(ctx: Ctx, id: string, reach: FileReach) {
  let query = fileTables(ctx).selectFrom('file_object').selectAll().where('id', '=', id);
  query = reach.purpose
    ? query.where('purpose', '=', reach.purpose)
    : query.where('purpose', 'not in', PRIVATE_PURPOSES);
  const row = await query.executeTakeFirst();
  if (!row) throw FilesErrors.file_not_found({ id });
  return row;
}
