import { createHash } from 'node:crypto';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { newId } from '../../platform/ids/index.ts';
import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { cleanOriginalName, describeSize, isAllowedType } from './content-type.rules.ts';
import type { FileStore } from './file-store.ts';
import { type FileRecord, fileTables, toFileRecord } from './file-view.ts';
import { FilesErrors } from './files.errors.ts';
import { sniffContentType } from './sniff-content-type.ts';
import { storageKeyFor } from './storage-key.rules.ts';

export interface StoreFileInput {
  bytes: Uint8Array;
  /** The name the person gave it; kept for display and downloads only. */
  originalName: string;
  /** What the file is for: `payment_proof`, `meter_photo` (lowercase, digits, `_`). */
  purpose: string;
  /** Sniffed types accepted: exact (`image/png`) or a family (`image/*`). */
  allowedTypes: ReadonlyArray<string>;
  maxBytes: number;
}

export interface StoredFile extends FileRecord {
  /** Earlier files of this organization with the same bytes (sha256), oldest first. */
  duplicateOf: string[];
}

const PURPOSE = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * How many earlier files with the same bytes a file names (the oldest first), as payments name at
 * most 20 earlier proofs: the same picture sent a thousand times costs one short read and an audit
 * row of 20 ids, not a thousand.
 */
export const DUPLICATES_NAMED = 20;

/**
 * Keeps an uploaded file: refuses it when too large (413) or when its sniffed type is not allowed
 * (415), writes the bytes to the store, and records them with their sha256. `duplicateOf` names the
 * earlier files with the same bytes (the oldest `DUPLICATES_NAMED` of them) that had been kept when
 * this one was: no lock is taken, because a file is often kept inside a longer transaction (a
 * payment proof, a chat step) and a lock on its bytes would queue everyone who sends the same
 * picture behind each other until each commits. Of two identical uploads at the same instant,
 * neither may name the other; a payment made with them links them after (`submitProofPayment`).
 */
export async function storeFile(ctx: Ctx, store: FileStore, input: StoreFileInput): Promise<StoredFile> {
  const sizeBytes = input.bytes.byteLength;
  if (sizeBytes > input.maxBytes) {
    throw FilesErrors.file_too_large(
      { maxBytes: input.maxBytes, sizeBytes },
      { message: `The file is ${describeSize(sizeBytes)}; the limit is ${describeSize(input.maxBytes)}` },
    );
  }
  if (sizeBytes === 0) throw FilesErrors.file_empty();
  if (!PURPOSE.test(input.purpose)) {
    throw PlatformErrors.validation_failed(
      {},
      {
        message: `purpose: "${input.purpose}" is not lowercase letters, digits and _`,
        fields: [
          {
            field: 'purpose',
            message: 'is not a valid purpose',
            code: 'invalid_string',
            expected: 'like payment_proof',
          },
        ],
      },
    );
  }
  const contentType = await sniffContentType(input.bytes);
  if (!isAllowedType(contentType, input.allowedTypes)) {
    throw FilesErrors.file_type_not_allowed(
      { detected: contentType, allowed: [...input.allowedTypes] },
      { message: `The file is ${contentType}; accepted here: ${input.allowedTypes.join(', ')}` },
    );
  }
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const id = newId();
  const now = ctx.clock.now();
  const storageKey = storageKeyFor({ orgId: ctx.orgId, fileId: id, at: now });
  await store.put(storageKey, input.bytes, contentType);
  try {
    return await inTransaction(ctx, async (tx) => {
      const db = fileTables(tx);
      const earlier = await db
        .selectFrom('file_object')
        .select('id')
        .where('sha256', '=', sha256)
        .orderBy('created_at')
        .orderBy('id')
        .limit(DUPLICATES_NAMED)
        .execute();
      const row = await db
        .insertInto('file_object')
        .values({
          id,
          sha256,
          size_bytes: sizeBytes,
          content_type: contentType,
          original_name: cleanOriginalName(input.originalName),
          storage_key: storageKey,
          purpose: input.purpose,
          uploaded_by_type: tx.actor.type,
          uploaded_by_id: tx.actor.id,
          uploaded_by_label: tx.actor.label,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const stored = { ...toFileRecord(row), duplicateOf: earlier.map((e) => e.id) };
      await recordAudit(tx, { action: 'files.file.stored', subject: { type: 'file', id }, after: stored });
      return stored;
    });
  } catch (err) {
    await store.delete(storageKey).catch(() => {});
    throw err;
  }
}
