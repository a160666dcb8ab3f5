import type { ColumnType } from 'kysely';
import type { SmsEncoding } from '../../core/notifications/index.ts';
import type { OrgIdColumn } from '../../platform/db/index.ts';

export type SmsStatus = 'claimed' | 'accepted' | 'delivered' | 'failed';

export type SmsMessageTable = {
  org_id: OrgIdColumn;
  notification_id: string;
  provider: string;
  recipient: string;
  sender_id: string | null;
  encoding: SmsEncoding;
  segments: number;
  status: SmsStatus;
  provider_message_id: string | null;
  cost_text: string | null;
  /** bigint, read as a string. */
  cost_minor: ColumnType<string | null, number | null | undefined, number | null>;
  cost_currency: string | null;
  provider_status: string | null;
  failure_reason: string | null;
  claimed_at: Date;
  accepted_at: Date | null;
  reported_at: Date | null;
};

export type SmsOptOutTable = {
  org_id: OrgIdColumn;
  phone: string;
  opted_out_at: Date;
  keyword: string;
};

export type SmsTables = { sms_message: SmsMessageTable; sms_opt_out: SmsOptOutTable };
