import type { ColumnType, Generated } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';

export type SavedViewTables = {
  saved_view: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    user_id: string;
    resource: string;
    name: string;
    params: ColumnType<SavedViewParams, string, string>;
    created_at: ColumnType<Date, Date | undefined, never>;
  };
};

/** What a saved view restores: the list's query parameters and the visible columns. */
export type SavedViewParams = {
  filters: Record<string, string>;
  sort?: string;
  order?: 'asc' | 'desc';
  columns?: string[];
  perPage?: number;
};
