import type { ColumnType } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';

export type ImportsTables = {
  import_origin: {
    org_id: OrgIdColumn;
    module: string;
    source_model: string;
    source_pk: string;
    target_id: string;
    imported_at: ColumnType<Date, Date | undefined, never>;
  };
};
