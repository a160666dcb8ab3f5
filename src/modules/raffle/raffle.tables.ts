import type { ColumnType, Generated } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';

type Created = ColumnType<Date, never, never>;
type Stamp = ColumnType<Date, Date | undefined, Date>;

export type RaffleStatus = 'draft' | 'selling' | 'closed' | 'drawn';
export type OrderStatus = 'pending_payment' | 'paid' | 'cancelled' | 'expired';
export type TicketStatus = 'available' | 'held' | 'sold';

/** The raffle module's tables (migrations/20261201_0001_raffle.sql). */
export type RaffleTables = {
  raffle_raffle: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    title: string;
    description: ColumnType<string, string | undefined, string>;
    price_minor: ColumnType<string, number | bigint, number | bigint>;
    currency: string;
    min_number: number;
    max_number: number;
    opens_at: Date | null;
    closes_at: Date | null;
    max_per_order: number;
    max_per_buyer: number;
    hold_seconds: number;
    status: ColumnType<RaffleStatus, RaffleStatus | undefined, RaffleStatus>;
    seed: string;
    commitment: string;
    ledger_hash: string | null;
    closed_at: Date | null;
    drawn_at: Date | null;
    created_at: Created;
    updated_at: Stamp;
  };
  raffle_prize: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    raffle_id: string;
    position: number;
    title: string;
    winning_number: number | null;
    winning_order_id: string | null;
  };
  raffle_buyer: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    contact_id: string;
    wa_id: string | null;
    display_name: string | null;
    language: ColumnType<string, string | undefined, string>;
    created_at: Created;
  };
  raffle_order: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    raffle_id: string;
    buyer_id: string;
    status: OrderStatus;
    numbers: number[];
    quantity: number;
    amount_minor: ColumnType<string, number | bigint, number | bigint>;
    currency: string;
    expires_at: Date;
    /** When the sweep reminds the buyer (null: the hold is too short for a reminder). */
    remind_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    /** When it did, so a reminder goes once. */
    reminded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    source_key: string | null;
    payment_id: string | null;
    refund_due: ColumnType<boolean, boolean | undefined, boolean>;
    /** What went back of the order's money (its refunds that went ahead: `started`); money views net it. */
    refunded_minor: ColumnType<string, never, number>;
    paid_at: Date | null;
    cancelled_at: Date | null;
    expired_at: Date | null;
    created_at: Created;
    updated_at: Stamp;
  };
  /** Each message queued to a buyer about an order; the message itself is in the core outbox. */
  raffle_order_notification: {
    org_id: OrgIdColumn;
    order_id: string;
    notification_id: string;
    key: string;
    created_at: Date;
  };
  raffle_ticket: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    raffle_id: string;
    number: number;
    status: TicketStatus;
    order_id: string | null;
    held_until: Date | null;
  };
};

export type RaffleRow = import('kysely').Selectable<RaffleTables['raffle_raffle']>;
export type OrderRow = import('kysely').Selectable<RaffleTables['raffle_order']>;
