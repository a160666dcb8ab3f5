import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { type HoldingPart, holdingStatuses } from './refunds.rules.ts';

/**
 * `<status column> in (…)` for the refunds that hold part of their payment (`HOLDING_STATUSES`), or
 * the part of them asked for (`{ approved: true }`: going or gone back; `{ back: false }`: not paid
 * back yet): the one list every query of refunds uses, in core and in modules (`v_payments_refund.status`).
 * The statuses are written as literals, so a partial index on them still serves the query.
 */
export function refundHoldsMoneySql(statusColumn: string, part?: HoldingPart): RawBuilder<SqlBool> {
  const statuses = holdingStatuses(part).map((s) => sql.lit(s));
  return sql<SqlBool>`${sql.ref(statusColumn)} in (${sql.join(statuses)})`;
}
