import type { Selectable } from '../../platform/db/index.ts';
import type { ActorRef, Ctx } from '../context/index.ts';
import type { FileObjectTable, FilesTables } from './files.tables.ts';

/** What is known about a stored file; the bytes come from `openFile`. */
export interface FileRecord {
  id: string;
  sha256: string;
  sizeBytes: number;
  /** Sniffed from the bytes. */
  contentType: string;
  originalName: string;
  purpose: string;
  uploadedBy: ActorRef;
  createdAt: string;
}

export const fileTables = (ctx: Ctx) => ctx.db.withTables<FilesTables>();

export function toFileRecord(r: Selectable<FileObjectTable>): FileRecord {
  return {
    id: r.id,
    sha256: r.sha256,
    sizeBytes: Number(r.size_bytes),
    contentType: r.content_type,
    originalName: r.original_name,
    purpose: r.purpose,
    uploadedBy: { type: r.uploaded_by_type, id: r.uploaded_by_id, label: r.uploaded_by_label ?? '' },
    createdAt: r.created_at.toISOString(),
  };
}
