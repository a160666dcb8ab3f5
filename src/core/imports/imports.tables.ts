import type { ColumnType, Generated } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';

export type ImportsTables = {
  import_origin: {
    org_id: OrgIdColumn;
    module: string;
    source_model: string;
    source_pk: string;
    target_id: string;
    row_hash: string | null;
    imported_at: ColumnType<Date, Date | undefined, never>;
  };
};

/** What a console upload was: its files in the core file store (`import_run.source`). */
export type StoredImportSource =
  | { format: 'dumpdata'; files: Array<{ fileId: string; name: string }> }
  | {
      format: 'csv';
      files: Array<{ fileId: string; name: string; model: string }>;
      mapping: Record<string, Record<string, string>>;
    };

export type ImportRunsTables = {
  import_run: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    module: string;
    dry_run: boolean;
    notify: boolean;
    source: ColumnType<StoredImportSource, string, never>;
    source_label: string;
    status: ColumnType<'running' | 'done' | 'failed', 'running' | undefined, 'done' | 'failed'>;
    total: ColumnType<number, never, number>;
    done: ColumnType<number, never, number>;
    current_model: ColumnType<string | null, never, string>;
    report: ColumnType<unknown | null, never, string>;
    error: ColumnType<string | null, never, string>;
    started_by: string;
    /** The answers to the module's questions, sealed (`imports.answers`); null once the run ended. */
    answers: ColumnType<string | null, string | null | undefined, null>;
    created_at: ColumnType<Date, never, never>;
    finished_at: ColumnType<Date | null, never, Date>;
  };
};
