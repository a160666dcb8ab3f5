import type { ColumnType } from 'kysely';
import type { SmsEncoding } from '../../core/notifications/index.ts';
import type { OrgIdColumn } from '../../platform/db/index.ts';

export type SmsStatus = 'claimed' | 'accepted' | 'delivered' | 'failed';

export type SmsMessageTable = {
  org_id: OrgIdColumn;
  notification_id: string;
  provider: string;
  /** The provider account's name (Africa's Talking `username`); null on texts from before 20270501_6102. */
  account: string | null;
  /** The organization whose own account sent it (its org_id); null: the deployment's account. */
  account_org_id: string | null;
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

/** Not scoped by the data layer: an opt-out belongs to an account, which may be the deployment's. */
export type SmsOptOutTable = {
  /** The organization holding the account the phone answered; null: the deployment's account. */
  account_org_id: string | null;
  provider: string;
  /** The sender id or short code answered; '' the account's default sender. */
  sender: string;
  phone: string;
  opted_out_at: Date;
  keyword: string;
};

export type SmsTables = { sms_message: SmsMessageTable; sms_opt_out: SmsOptOutTable };
