import type { ColumnType } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';
import type { Channel, Language } from './contacts.rules.ts';

export type ContactTable = {
  org_id: OrgIdColumn;
  id: ColumnType<string, string | undefined, never>;
  display_name: string | null;
  preferred_language: Language | null;
  marketing_opt_in: ColumnType<boolean, boolean | undefined, boolean>;
  marketing_opt_in_changed_at: Date | null;
  transactional_opt_in: ColumnType<boolean, boolean | undefined, boolean>;
  transactional_opt_in_changed_at: Date | null;
  merged_into_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
};

export type ContactIdentityTable = {
  org_id: OrgIdColumn;
  contact_id: string;
  channel: Channel;
  external_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
};

export type ContactsTables = {
  contact: ContactTable;
  contact_identity: ContactIdentityTable;
};
