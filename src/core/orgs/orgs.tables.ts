import type { ColumnType, Generated } from 'kysely';

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

export type OrgsTables = {
  organization: OrganizationTable;
};
