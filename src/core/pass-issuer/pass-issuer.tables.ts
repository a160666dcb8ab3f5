import type { ColumnType } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';

export type PassStoreTables = {
  pass_key: {
    org_id: OrgIdColumn;
    key_id: string;
    public_key: Buffer;
    sealed_private_key: string | null;
    created_at: ColumnType<Date, Date | undefined, never>;
    retired_at: Date | null;
  };
  pass_subject: {
    org_id: OrgIdColumn;
    subject_type: string;
    subject_id: string;
    version: ColumnType<number, number | undefined, number>;
    updated_at: ColumnType<Date, Date | undefined, Date>;
  };
};
