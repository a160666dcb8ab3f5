import { createHash } from 'node:crypto';
import type { Ctx } from '../context/index.ts';
import { cleanOriginalName } from './content-type.rules.ts';
import type { FilesTables } from './files.tables.ts';

/**
 * Files an original system kept elsewhere (a Cloudinary URL of a payment screenshot), recorded by
 * reference with one multi-row insert: the row keeps the reference as its name, and the store has no
 * bytes under its key (opening one answers not found), so a payment that needs a proof file can come
 * over with its proof as the original knew it (issue 42). The sha256 is of the reference.
 */
export async function recordFileReferences(
  tx: Ctx,
  files: ReadonlyArray<{ id: string; reference: string; purpose: string }>,
): Promise<void> {
  if (files.length === 0) return;
  const now = tx.clock.now();
  await tx.db
    .withTables<FilesTables>()
    .insertInto('file_object')
    .values(
      files.map((f) => ({
        id: f.id,
        sha256: createHash('sha256').update(f.reference).digest('hex'),
        size_bytes: 0,
        content_type: 'application/octet-stream',
        original_name: cleanOriginalName(f.reference),
        storage_key: `imported/${tx.orgId}/${f.id}`,
        purpose: f.purpose,
        uploaded_by_type: tx.actor.type,
        uploaded_by_id: tx.actor.id,
        uploaded_by_label: tx.actor.label,
        created_at: now,
      })),
    )
    .execute();
}
