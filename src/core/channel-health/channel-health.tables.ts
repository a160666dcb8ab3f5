import type { ColumnType } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';
import type { SendFailure } from './channel-health.rules.ts';

type Json<T> = ColumnType<T, string | null | undefined, string | null>;

/** One organization's account on one channel (`telegram`, `whatsapp`, `email`), see the migration. */
export type ChannelHealthTable = {
  org_id: OrgIdColumn;
  channel: string;
  last_success_at: Date | null;
  last_failure_at: Date | null;
  last_failure: Json<SendFailure | null>;
  failures_in_row: ColumnType<number, number | undefined, number>;
  failing_since: Date | null;
  alerted_at: Date | null;
};

export type ChannelHealthTables = { channel_health: ChannelHealthTable };
