import type { ColumnType } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';
import type { ActorRef } from '../context/index.ts';

export type FileObjectTable = {
  org_id: OrgIdColumn;
  id: ColumnType<string, string, never>;
  sha256: ColumnType<string, string, never>;
  /** bigint: pg returns it as a string. */
  size_bytes: ColumnType<string, number, never>;
  content_type: ColumnType<string, string, never>;
  original_name: ColumnType<string, string, never>;
  storage_key: ColumnType<string, string, never>;
  purpose: ColumnType<string, string, never>;
  uploaded_by_type: ColumnType<ActorRef['type'], ActorRef['type'], never>;
  uploaded_by_id: ColumnType<string | null, string | null, never>;
  uploaded_by_label: ColumnType<string | null, string | null, never>;
  created_at: ColumnType<Date, Date | undefined, never>;
  /** Set when retention removed the bytes (the row stays: a payment points at it). */
  purged_at: ColumnType<Date | null, never, never>;
};

export type FilesTables = {
  file_object: FileObjectTable;
};
