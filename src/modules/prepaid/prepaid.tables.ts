import type { ColumnType, Generated } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';
import type { PortalRole } from './portal/portal.rules.ts';

type Created = ColumnType<Date, never, never>;
type Stamp = ColumnType<Date, Date | undefined, Date>;
type Bigint = ColumnType<string, number | bigint | string, number | bigint | string>;

export type MeterStatus = 'active' | 'inactive' | 'suspended';
export type PurchaseStatus = 'pending' | 'paid' | 'failed';
export type PurchaseMethod = 'momo' | 'airtel' | 'cash';

export type PurchaseSource = 'staff' | 'portal' | 'chat';

/** The prepaid module's tables (migrations/20261211_0001_prepaid.sql, 20261214_0001_prepaid_portal.sql). */
export type PrepaidTables = {
  prepaid_account: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    kind: 'household' | 'institution';
    name: string;
    channel: 'email' | 'whatsapp' | 'telegram' | null;
    channel_to: string | null;
    language: ColumnType<string, string | undefined, string>;
    /** The owner's phone (`+250788000111`): with a meter number, what the portal signs in with. */
    phone: ColumnType<string | null, string | null | undefined, string | null>;
    /** Alert settings (20261223_0001_prepaid_alerts.sql). */
    alerts_enabled: ColumnType<boolean, boolean | undefined, boolean>;
    alert_low_days: ColumnType<number, number | undefined, number>;
    alert_low_tenths: ColumnType<number, number | undefined, number>;
    alert_unusual_percent: ColumnType<number, number | undefined, number>;
    created_at: Created;
  };
  prepaid_signup: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    name: string;
    phone: string;
    meter_number: string;
    channel: 'email' | 'whatsapp';
    channel_to: string;
    language: ColumnType<string, string | undefined, string>;
    code_hash: string;
    attempts: ColumnType<number, number | undefined, number>;
    expires_at: Date;
    used_at: Date | null;
    created_at: ColumnType<Date, Date | undefined, never>;
  };
  prepaid_meter_request: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    account_id: string;
    meter_number: string;
    reason: 'unknown_meter' | 'other_account';
    origin: 'sign_up' | 'add_meter';
    status: ColumnType<'waiting' | 'approved' | 'rejected', 'waiting' | undefined, 'approved' | 'rejected'>;
    decision_note: string | null;
    decided_at: Date | null;
    meter_id: string | null;
    created_at: ColumnType<Date, Date | undefined, never>;
  };
  prepaid_statement: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    account_id: string;
    month: string;
    notification_id: string | null;
    sent_at: Date;
  };
  prepaid_alert: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    meter_id: string;
    account_id: string;
    kind: 'low_balance' | 'unusual_consumption';
    facts: ColumnType<Record<string, number | null>, string, string>;
    notification_id: string | null;
    raised_at: Date;
    cleared_at: Date | null;
  };
  prepaid_tariff: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    category: string;
    currency: string;
    tiers: ColumnType<unknown, string, string>;
    fee_minor: Bigint;
    tax_basis_points: number;
    effective_from: Date;
    effective_to: Date | null;
    created_at: Created;
  };
  prepaid_meter: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    account_id: string;
    number: string;
    category: ColumnType<string, string | undefined, string>;
    location: ColumnType<string, string | undefined, string>;
    building: ColumnType<string, string | undefined, string>;
    department: ColumnType<string, string | undefined, string>;
    status: ColumnType<MeterStatus, MeterStatus | undefined, MeterStatus>;
    opg_key_sealed: string;
    opg_starting_code: Bigint;
    opg_last_count: ColumnType<number, number | undefined, number>;
    opg_used_counts: ColumnType<number[], number[] | undefined, number[]>;
    opg_restricted_digits: ColumnType<boolean, boolean | undefined, boolean>;
    opg_extended: ColumnType<boolean, boolean | undefined, boolean>;
    opg_value_divider: ColumnType<number, number | undefined, number>;
    /** A generated key's one-time commissioning sheet: a sealed copy, until it is printed or expires. */
    opg_key_sheet_sealed: ColumnType<string | null, string | null | undefined, string | null>;
    opg_key_sheet_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
    /** The meter's own API token, hashed, and what it last reported (20261230_0001_prepaid_meter_reports.sql). */
    device_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
    device_token_issued_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    reported_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    reported_count: ColumnType<number | null, number | null | undefined, number | null>;
    /** The balance the meter last reported, and when (20270202_0001_prepaid_reported_balance.sql). */
    reported_balance_tenths: ColumnType<string | null, number | null | undefined, number | null>;
    reported_balance_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    created_at: Created;
    updated_at: Stamp;
  };
  prepaid_meter_report: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    meter_id: string;
    report_id: string;
    body_hash: string;
    read_at: Date;
    register_tenths: Bigint;
    accepted_counts: ColumnType<number[], number[] | undefined, never>;
    /** The balance it reported, if it reports one. */
    balance_tenths: ColumnType<string | null, number | null | undefined, never>;
    received_at: Date;
  };
  prepaid_purchase: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    meter_id: string;
    method: PurchaseMethod;
    amount_minor: Bigint;
    currency: string;
    payer_msisdn: string | null;
    payment_id: string | null;
    status: ColumnType<PurchaseStatus, PurchaseStatus | undefined, PurchaseStatus>;
    units_tenths: number | null;
    failure_reason: string | null;
    source: ColumnType<PurchaseSource, PurchaseSource | undefined, PurchaseSource>;
    /** A chat purchase: the chat its token goes back to (20261214_0002_prepaid_chat.sql). */
    reply_channel: ColumnType<
      'whatsapp' | 'telegram' | null,
      'whatsapp' | 'telegram' | null | undefined,
      never
    >;
    reply_to: ColumnType<string | null, string | null | undefined, never>;
    /** The chat's language when the purchase started there: the token message back to it speaks it. */
    reply_language: ColumnType<string | null, string | null | undefined, never>;
    /**
     * What went back for it, in minor units, and when the last refund went ahead (its refund contract's
     * `started`, 20270502_6210_prepaid_purchase_refunds.sql); the status stays as it was.
     */
    refunded_minor: ColumnType<string, never, number | bigint | string>;
    refunded_at: ColumnType<Date | null, never, Date | null>;
    created_at: Created;
    updated_at: Stamp;
  };
  prepaid_token: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    meter_id: string;
    purchase_id: string;
    payment_id: string;
    token: string;
    token_type: string;
    count: number;
    value: number;
    units_tenths: number;
    amount_minor: Bigint;
    currency: string;
    breakdown: ColumnType<unknown, string, string>;
    created_at: ColumnType<Date, Date | undefined, never>;
    /** When the meter reported taking it, and when it was flagged as unused too long. */
    keyed_in_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    unused_flagged_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    /** Valid until (the organization's `tokenValidityDays` after issue); null for tokens sold before issue 66. */
    expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  };
  /**
   * The original's payments and tokens, as history (20270202_0002_prepaid_imported_history.sql), with
   * their ids there and amounts to the cent (20270301_0001_prepaid_imported_originals.sql).
   */
  prepaid_imported_payment: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    original_id: string | null;
    account_id: string;
    meter_id: string | null;
    /** Hundredths of the currency, as the original's Decimal(12,2) (`1500.50` is 150050). */
    amount_cents: Bigint;
    currency: string;
    method: 'momo' | 'card' | 'cash';
    status: 'pending' | 'success' | 'failed';
    external_reference: string | null;
    created_at: Date;
    /** The core payment it is refunded through, made the first time a refund is asked (issue 62). */
    payment_id: ColumnType<string | null, never, string>;
    refunded_minor: ColumnType<string, never, number | bigint | string>;
    refunded_at: ColumnType<Date | null, never, Date | null>;
  };
  prepaid_imported_token: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    original_id: string | null;
    meter_id: string;
    payment_id: string;
    token: string;
    units_milli: Bigint;
    status: 'created' | 'delivered' | 'cancelled';
    created_at: Date;
  };
  /** A meter as the original had it: its id, name, number as typed, balance (sign kept). */
  prepaid_imported_meter: {
    meter_id: string;
    org_id: OrgIdColumn;
    original_id: string;
    typed_number: string;
    name: string | null;
    balance_milli: ColumnType<string | null, number | null, number | null>;
  };
  /** People who sign in to an account's portal, each with a role (20261227_0001_prepaid_portal_users.sql). */
  prepaid_portal_user: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    account_id: string;
    name: string;
    phone: string | null;
    email: string | null;
    role: PortalRole;
    channel: 'email' | 'whatsapp' | 'telegram' | null;
    channel_to: string | null;
    removed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    created_at: ColumnType<Date, Date | undefined, never>;
  };
  prepaid_portal_code: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    account_id: string;
    user_id: ColumnType<string | null, string | null | undefined, never>;
    meter_id: string;
    code_hash: string;
    attempts: ColumnType<number, number | undefined, number>;
    expires_at: Date;
    used_at: Date | null;
    created_at: ColumnType<Date, Date | undefined, never>;
  };
  prepaid_portal_session: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    account_id: string;
    /** Who signed in (20261227_0001_prepaid_portal_users.sql). */
    user_id: ColumnType<string | null, string | null | undefined, never>;
    token_hash: string;
    expires_at: Date;
    revoked_at: Date | null;
    /** A mobile sign-in's family (20261223_0004_prepaid_refresh_tokens.sql); null for browsers. */
    family_id: ColumnType<string | null, string | null | undefined, never>;
    created_at: ColumnType<Date, Date | undefined, never>;
  };
  prepaid_portal_refresh: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    account_id: string;
    user_id: ColumnType<string | null, string | null | undefined, never>;
    family_id: string;
    token_hash: string;
    expires_at: Date;
    used_at: Date | null;
    revoked_at: Date | null;
    created_at: ColumnType<Date, Date | undefined, never>;
  };
  /** A view (20261214_0003_prepaid_fraud_flags.sql): one row per purchase that raises a flag. */
  prepaid_fraud_flag: {
    id: string;
    org_id: OrgIdColumn;
    kind: 'many_payers' | 'many_meters' | 'rapid_tokens' | 'repeated_failures' | 'token_without_payment';
    purchase_id: string;
    meter_id: string;
    meter_number: string;
    payer_msisdn: string | null;
    count: string;
    created_at: Date;
  };
  prepaid_reading: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    meter_id: string;
    read_at: Date;
    register_tenths: Bigint;
    source: 'api' | 'csv' | 'meter';
    created_at: Created;
  };
};
