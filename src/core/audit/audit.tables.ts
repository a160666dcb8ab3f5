import type { ColumnType, Generated } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';

export type AuditEventTable = {
  id: Generated<string>;
  org_id: OrgIdColumn;
  at: ColumnType<Date, Date | undefined, never>;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  meta: ColumnType<Record<string, unknown>, string | undefined, never>;
};

export type AuditTables = {
  audit_event: AuditEventTable;
};
