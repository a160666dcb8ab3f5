import type { ColumnType } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';

/** A called-off raffle's refund run (migrations/20270401_5302_raffle_refund_run.sql): its progress. */
export type RaffleRefundRunTable = {
  org_id: OrgIdColumn;
  id: ColumnType<string, string | undefined, never>;
  raffle_id: ColumnType<string, string, never>;
  reason: ColumnType<string, string, never>;
  tickets: ColumnType<'release' | 'hold', 'release' | 'hold', never>;
  status: 'running' | 'done';
  total: ColumnType<number, number, never>;
  refunded: ColumnType<number, number | undefined, number>;
  failed: ColumnType<number, number | undefined, number>;
  /** Refunds of the run waiting for a second person, and those turned down (their orders stay paid). */
  awaiting: ColumnType<number, never, number>;
  rejected: ColumnType<number, never, number>;
  /** The orders whose refund went to approval: the run never asks for them again. */
  asked: ColumnType<unknown, never, unknown>;
  /** `[{ orderId, code }]` of the orders that could not be refunded. */
  failures: ColumnType<unknown, string | undefined, unknown>;
  started_by: ColumnType<unknown, string, never>;
  started_by_user: ColumnType<string | null, string | null, never>;
  started_by_role: ColumnType<string, string, never>;
  created_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
  finished_at: Date | null;
};
