import type { ColumnType, Generated } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';

/** The organizations of the deployment: the orgs area creates and changes them; others read them. */
export type OrganizationTable = {
  id: Generated<string>;
  slug: string;
  name: string;
  time_zone: ColumnType<string, string | undefined, string>;
  currency: ColumnType<string, string | undefined, string>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** The modules it runs; null: every module the deployment enables. */
  modules: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  created_at: ColumnType<Date, Date | undefined, never>;
};

/** The generation of an organization's callback key per purpose (`callback-keys.ts`); no row: 0. */
export type CallbackKeyTable = {
  org_id: OrgIdColumn;
  purpose: string;
  generation: number;
  rotated_at: Date;
};

export type OrgsTables = {
  organization: OrganizationTable;
  callback_key: CallbackKeyTable;
};
