import type { ColumnType, Generated } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';
import type { ALARM_KINDS } from './coffee.rules.ts';
import type { CommandReason } from './command-reasons.ts';

type Created = ColumnType<Date, never, never>;
type Json<T> = ColumnType<T, string, string>;

export type DeviceStatus = 'registered' | 'online' | 'offline' | 'fault' | 'maintenance';
export type CommandStatus =
  | 'queued'
  | 'sent'
  | 'succeeded'
  | 'failed'
  | 'timed_out'
  | 'expired'
  | 'unsupported'
  | 'cancelled';
export type BatchStatus = 'running' | 'completed' | 'aborted';
export type AlarmKind = (typeof ALARM_KINDS)[number];
export type AlarmStatus = 'open' | 'ack' | 'closed';
/** How an on-call person is reached; `sms` their phone (migrations/20270605_6501_coffee_oncall_sms.sql). */
export type OnCallChannel = 'email' | 'whatsapp' | 'telegram' | 'sms';
/** The languages an on-call person hears alarms in (migrations/20270605_6501_coffee_oncall_sms.sql). */
export type OnCallLanguage = 'en' | 'hi' | 'es' | 'fr' | 'rw';
export type RegistrationStatus = 'issued' | 'pending' | 'accepted' | 'rejected' | 'collected';
export type RolloutStatus = 'canary' | 'held' | 'rolling' | 'completed' | 'aborted';

/** The coffee module's tables (migrations/20261220_0001_coffee.sql). */
export type CoffeeTables = {
  coffee_merchant: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    name: string;
    contact: ColumnType<string, string | undefined, string>;
    status: ColumnType<'active' | 'inactive', 'active' | 'inactive' | undefined, 'active' | 'inactive'>;
    created_at: Created;
  };
  coffee_location: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    merchant_id: string;
    name: string;
    address: ColumnType<string, string | undefined, string>;
    lat: ColumnType<string | null, number | null | undefined, number | null>;
    lng: ColumnType<string | null, number | null | undefined, number | null>;
    created_at: Created;
  };
  coffee_material: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    code: string;
    name: string;
    unit: ColumnType<string, string | undefined, string>;
    enabled: ColumnType<boolean, boolean | undefined, boolean>;
    created_at: Created;
  };
  coffee_device: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    serial: string;
    model: string;
    name: ColumnType<string, string | undefined, string>;
    firmware: ColumnType<string, string | undefined, string>;
    status: ColumnType<DeviceStatus, DeviceStatus | undefined, DeviceStatus>;
    last_seen_at: Date | null;
    temperature_tenths: number | null;
    tags: ColumnType<string[], string[] | undefined, string[]>;
    merchant_id: string | null;
    location_id: string | null;
    token_hash: string | null;
    token_issued_at: Date | null;
    revoked_at: Date | null;
    package_version: number | null;
    /** Taken out of the fleet (migrations/20261231_0001_coffee_device_retired.sql). */
    retired_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    /** Made by the demo seed: the demo simulator runs it (migrations/20270110_0001_coffee_device_demo_seeded.sql). */
    demo_seeded: ColumnType<boolean, boolean | undefined, boolean>;
    /** Since when the machine may call the original's v1 device paths without a token (issue 42); null: off. */
    legacy_tokenless_since: ColumnType<Date | null, Date | null | undefined, Date | null>;
    /**
     * Since when its serial is held for legacy mode in the whole deployment (issue 55, item 2): set by the
     * first switch on, kept when legacy mode is off again, until the machine is retired.
     */
    legacy_serial_held_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    created_at: Created;
  };
  coffee_bin: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    device_id: string;
    bin_index: number;
    material_code: string;
    remaining: number;
    capacity: number;
    low_pct: ColumnType<number, number | undefined, number>;
    critical_pct: ColumnType<number, number | undefined, number>;
    daily_use: number | null;
    /** Where the daily-use window starts (migrations/20261230_0001_coffee_bin_use_window.sql). */
    use_since_remaining: ColumnType<number | null, number | null | undefined, number | null>;
    use_since_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    updated_at: ColumnType<Date, Date | undefined, Date>;
  };
  coffee_batch: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    type: string;
    params: Json<Record<string, unknown>>;
    selector: Json<{ deviceIds?: string[]; tag?: string }>;
    total: number;
    abort_at_failure_percent: number;
    min_finished: number;
    rate_per_minute: number | null;
    status: ColumnType<BatchStatus, BatchStatus | undefined, BatchStatus>;
    created_at: Created;
    finished_at: Date | null;
  };
  coffee_command: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    device_id: string;
    seq: ColumnType<string, never, never>;
    type: string;
    params: Json<Record<string, unknown>>;
    status: ColumnType<CommandStatus, CommandStatus | undefined, CommandStatus>;
    attempts: ColumnType<number, number | undefined, number>;
    max_attempts: ColumnType<number, number | undefined, number>;
    timeout_seconds: ColumnType<number, number | undefined, number>;
    available_at: Date;
    expires_at: Date;
    sent_at: Date | null;
    finished_at: Date | null;
    detail: string | null;
    /** Set when Opsdesk finished the command itself (migrations/20270102_0001_coffee_words.sql). */
    reason: ColumnType<CommandReason | null, string | undefined, string | null>;
    batch_id: string | null;
    created_at: Created;
  };
  coffee_alarm: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    device_id: string;
    kind: AlarmKind;
    severity: 'info' | 'warn' | 'critical';
    status: ColumnType<AlarmStatus, AlarmStatus | undefined, AlarmStatus>;
    title: string;
    /** What the console's title for the kind fills in (`ResourceMessage` params); null on old rows. */
    params: ColumnType<Record<string, unknown> | null, string | undefined, string>;
    context: Json<Record<string, unknown>>;
    raised_at: Date;
    acked_at: Date | null;
    closed_at: Date | null;
    /** How many on-call people the alarm was queued to (migrations/20261226_0001_coffee_oncall.sql). */
    notified: ColumnType<number, number | undefined, number>;
  };
  coffee_order: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    device_id: string;
    device_order_id: string;
    items: Json<Array<{ name: string; qty: number; unitPriceMinor: number }>>;
    total_minor: ColumnType<string, number, number>;
    currency: string;
    payment_method: ColumnType<string, string | undefined, string>;
    payment_status: ColumnType<
      'unpaid' | 'paid' | 'refunded',
      'unpaid' | 'paid' | 'refunded' | undefined,
      'unpaid' | 'paid' | 'refunded'
    >;
    vend_status: ColumnType<'vended' | 'failed', 'vended' | 'failed' | undefined, 'vended' | 'failed'>;
    refund_reason: string | null;
    refunded_at: Date | null;
    /** What staff refunds gave back of a sale still sold (migrations/20270504_6201_coffee_order_refunded_minor.sql). */
    refunded_minor: ColumnType<string, never, number>;
    ordered_at: Date;
    created_at: Created;
  };
  coffee_recipe_package: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    version: number;
    recipes: Json<unknown[]>;
    checksum: string;
    created_at: Created;
  };
  /** A recipe of the original Opsdesk machines cannot run as it is (migrations/20270301_0001_coffee_original_records.sql). */
  coffee_recipe_draft: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    name: string;
    version: ColumnType<string, string | undefined, string>;
    reason: string;
    original: ColumnType<unknown, string | null, string | null>;
    recipe: ColumnType<unknown, string | null, string | null>;
    package_id: string | null;
    created_at: Created;
    updated_at: ColumnType<Date, Date | undefined, Date>;
  };
  coffee_rollout: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    package_id: string;
    tag: string;
    canary_percent: number;
    abort_at_failure_percent: number;
    status: ColumnType<RolloutStatus, RolloutStatus | undefined, RolloutStatus>;
    canary_batch_id: string;
    rest_batch_id: string | null;
    previous_package_id: string | null;
    created_at: Created;
    finished_at: Date | null;
  };
  coffee_oncall: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    name: string;
    channel: OnCallChannel;
    address: string;
    language: ColumnType<OnCallLanguage, OnCallLanguage | undefined, OnCallLanguage>;
    active: ColumnType<boolean, boolean | undefined, boolean>;
    created_at: Created;
  };
  /** Claim codes and the machines that registered with them (migrations/20261230_0002_coffee_registration.sql). */
  coffee_registration: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    code_hash: string;
    note: ColumnType<string, string | undefined, string>;
    status: ColumnType<RegistrationStatus, RegistrationStatus | undefined, RegistrationStatus>;
    expires_at: Date;
    serial: string | null;
    model: string | null;
    firmware: ColumnType<string, string | undefined, string>;
    registered_at: Date | null;
    device_id: string | null;
    decided_at: Date | null;
    collected_at: Date | null;
    created_at: Created;
  };
};
