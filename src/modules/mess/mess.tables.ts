import type { ColumnType, Generated } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';
import type { StudentStatus } from './mess.rules.ts';

type Created = ColumnType<Date, Date | undefined, never>;

export type MessTables = {
  mess_student: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    contact_id: string | null;
    telegram_id: string | null;
    name: string;
    roll_number: string;
    room: ColumnType<string, string | undefined, string>;
    phone: ColumnType<string, string | undefined, string>;
    language: ColumnType<string, string | undefined, string>;
    status: ColumnType<StudentStatus, StudentStatus | undefined, StudentStatus>;
    status_reason: string | null;
    registered_at: Created;
    decided_at: Date | null;
    decided_by: ColumnType<string | null, string | null | undefined, string | null>;
    updated_at: ColumnType<Date, Date | undefined, Date>;
  };
  mess_meal: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    name: string;
    start_time: string;
    end_time: string;
    weekdays: ColumnType<number[], number[] | undefined, number[]>;
    position: ColumnType<number, number | undefined, number>;
    created_at: Created;
  };
  mess_closure: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    date: string;
    meal_ids: string[] | null;
    reason: ColumnType<string, string | undefined, string>;
    created_at: Created;
  };
  mess_cycle: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    name: string;
    from_date: string;
    to_date: string;
    /** `bigint` arrives as a string through `pg`. */
    fee_minor: ColumnType<string, number, number>;
    currency: string;
    rebate_per_day_minor: ColumnType<string, number | undefined, number>;
    /** Made by an import: bills only its `mess_cycle_member` rows (the students the original had in it). */
    members_only: Generated<boolean>;
    created_at: Created;
  };
  mess_cycle_member: {
    org_id: OrgIdColumn;
    cycle_id: string;
    student_id: string;
  };
  mess_fee_payment: {
    org_id: OrgIdColumn;
    payment_id: string;
    student_id: string;
    cycle_id: string;
    amount_minor: ColumnType<string, number, never>;
    settled_at: Created;
    /** Cash: the organization's day it was handed over; null for proofs. */
    received_on: ColumnType<string | null, string | null | undefined, string | null>;
  };
  mess_cut: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    student_id: string;
    from_date: string;
    to_date: string;
    source: 'bot' | 'console' | 'api';
    created_at: Created;
  };
  /** Counts of scans the retention cleanup removed (migrations/20261221_0001_mess_scan_days.sql). */
  mess_scan_day: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    local_date: string;
    meal_id: string | null;
    decision: 'allowed' | 'denied';
    reason: string;
    scans: number;
  };
  mess_scan: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    nonce: string;
    device_id: string;
    student_id: string | null;
    method: 'pass' | 'roll' | 'legacy';
    scanned_at: Date;
    received_at: Created;
    local_date: string | null;
    offline: boolean;
    local_decision: 'allowed' | 'denied' | null;
    local_reason: string | null;
    /** What the counter decided: an offline phone's own verdict, else the server's. */
    decision: 'allowed' | 'denied';
    reason: string | null;
    /**
     * What the server's rules said at the scan's time; a scan where it differs is a conflict. Null
     * only on rows written outside the scan endpoint (seeds): the server agreed.
     */
    server_decision: 'allowed' | 'denied' | null;
    server_reason: string | null;
    meal_id: string | null;
    window_key: string | null;
    conflict: ColumnType<boolean, boolean | undefined, boolean>;
    synced_by: string;
  };
  mess_scan_conflict: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    student_id: string | null;
    window_key: string | null;
    first_scan_id: string | null;
    second_scan_id: string;
    first_device_id: string | null;
    second_device_id: string;
    /** The reason of the side that refused. */
    reason: string;
    counter_decision: ColumnType<
      'allowed' | 'denied',
      'allowed' | 'denied' | undefined,
      'allowed' | 'denied'
    >;
    server_decision: ColumnType<'allowed' | 'denied', 'allowed' | 'denied' | undefined, 'allowed' | 'denied'>;
    status: ColumnType<'open' | 'resolved', 'open' | 'resolved' | undefined, 'open' | 'resolved'>;
    resolution: string | null;
    resolved_by: string | null;
    resolved_at: Date | null;
    created_at: Created;
  };
  mess_sheet_row: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    sheet: string;
    cells: ColumnType<unknown[], string, never>;
    created_at: Created;
    sent_at: Date | null;
  };
  mess_sheet_ownership: {
    org_id: OrgIdColumn;
    spreadsheet_id: string;
    proven_at: Generated<Date>;
  };
  mess_warden_invite: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    token_hash: string;
    note: ColumnType<string, string | undefined, string>;
    created_by: string;
    created_at: Created;
    expires_at: Date;
    used_at: Date | null;
    used_by_telegram_id: string | null;
    used_by_name: string | null;
  };
  mess_legacy_pass: {
    org_id: OrgIdColumn;
    legacy_id: string;
    student_id: string;
    nonce: string;
    qr_version: number;
    pass_version: ColumnType<number, number | undefined, number>;
    created_at: Created;
  };
  mess_pass_run: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    status: ColumnType<'running' | 'done', 'running' | 'done' | undefined, 'running' | 'done'>;
    total: number;
    started_by: string;
    created_at: Created;
    finished_at: ColumnType<Date | null, never, Date | null>;
  };
  mess_pass_delivery: {
    org_id: OrgIdColumn;
    run_id: string;
    student_id: string;
    notification_id: string | null;
    key_id: string;
    created_at: Created;
  };
};
