import type { ColumnType, Generated } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';

export interface RunKind {
  kind: string;
  days: number | null;
  cutoff: string | null;
  rows: number;
  bytes: number;
}

export type RetentionTables = {
  retention_settings: {
    org_id: OrgIdColumn;
    periods: ColumnType<Record<string, number | null>, string | undefined, string>;
    legal_hold: Generated<boolean>;
    legal_hold_reason: string | null;
    updated_at: Generated<Date>;
  };
  retention_run: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    trigger: 'schedule' | 'cli' | 'console';
    status: Generated<'running' | 'done' | 'failed' | 'held'>;
    kinds: ColumnType<RunKind[], string | undefined, string>;
    rows_removed: ColumnType<string, number | undefined, number>;
    bytes_removed: ColumnType<string, number | undefined, number>;
    error: string | null;
    started_at: ColumnType<Date, Date | undefined, Date>;
    finished_at: Date | null;
  };
};
