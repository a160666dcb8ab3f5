import { stringify } from 'csv-stringify/sync';
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../core/context/index.ts';
import { neutralizeFormula } from '../../core/csv/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';

export interface SalesDay {
  /** The business day in the organization's time zone, `2026-11-22`. */
  day: string;
  method: 'momo' | 'airtel' | 'cash';
  currency: string;
  purchases: number;
  paid: number;
  failed: number;
  paidAmountMinor: number;
  /** Money that went back that day (refunds paid back), by the method of the purchase it was for. */
  refundedAmountMinor: number;
  /** Takings net of refunds: what was paid that day less what went back that day. */
  netAmountMinor: number;
  unitsTenths: number;
}

export interface ReconciliationDay {
  day: string;
  currency: string;
  /** Settled payments for prepaid purchases (succeeded, recorded cash, verified proof). */
  settledPayments: number;
  settledAmountMinor: number;
  tokens: number;
  tokenAmountMinor: number;
  /** Settled payments without a token, minus tokens without a settled payment: 0 when all is well. */
  difference: number;
}

/**
 * Sales per business day and provider, and the reconciliation of settled provider payments against
 * tokens issued, between two days (inclusive) in the organization's time zone. Raw SQL filters on
 * org_id itself (the data layer rewrites only built queries).
 */
export async function salesReport(ctx: Ctx, range: { from: string; to: string }) {
  const { timeZone } = await getOrganization(ctx);
  const days = localDays(timeZone, range);
  return {
    timeZone,
    sales: await salesDays(ctx, days),
    reconciliation: await reconciliationDays(ctx, days),
  };
}

/** A column's business day in the organization's zone, and whether it falls in the range. */
interface LocalDays {
  day(column: string): RawBuilder<unknown>;
  inRange(column: string): RawBuilder<unknown>;
}

function localDays(timeZone: string, range: { from: string; to: string }): LocalDays {
  return {
    day: (column) => sql`to_char(${sql.ref(column)} at time zone ${timeZone}, 'YYYY-MM-DD')`,
    inRange: (column) =>
      sql`(${sql.ref(column)} at time zone ${timeZone})::date between ${range.from}::date and ${range.to}::date`,
  };
}

/** Purchases per business day and provider: paid, failed, the money in and the refunds paid back that day. */
async function salesDays(ctx: Ctx, { day, inRange }: LocalDays): Promise<SalesDay[]> {
  const sales = await sql<{
    day: string;
    method: SalesDay['method'];
    currency: string;
    purchases: string;
    paid: string;
    failed: string;
    paid_amount: string;
    refunded: string;
    units: string;
  }>`
    with s as (
      select ${day('p.created_at')} as day, p.method, p.currency,
             count(*) as purchases,
             count(*) filter (where p.status = 'paid') as paid,
             count(*) filter (where p.status = 'failed') as failed,
             coalesce(sum(p.amount_minor) filter (where p.status = 'paid'), 0) as paid_amount,
             coalesce(sum(p.units_tenths) filter (where p.status = 'paid'), 0) as units
      from prepaid_purchase p
      where p.org_id = ${ctx.orgId} and ${inRange('p.created_at')}
      group by 1, 2, 3
    ), back as (
      -- Refunds paid back, on the day the money went back (issue 53), by the purchase's method;
      -- whichever route asked (the purchase's Refund, its payment's page: issue 62).
      select ${day('rf.succeeded_at')} as day, p.method, rf.currency, rf.amount_minor
      from v_payments_refund rf
      join prepaid_purchase p on p.org_id = rf.org_id and p.payment_id = rf.payment_id
      where rf.org_id = ${ctx.orgId} and rf.status = 'succeeded' and ${inRange('rf.succeeded_at')}
      union all
      -- And for purchases the original system sold (imported), by how the money went back.
      select ${day('rf.succeeded_at')}, rf.method, rf.currency, rf.amount_minor
      from v_payments_refund rf
      join prepaid_imported_payment o on o.org_id = rf.org_id and o.payment_id = rf.payment_id
      where rf.org_id = ${ctx.orgId} and rf.status = 'succeeded' and ${inRange('rf.succeeded_at')}
    ), r as (
      select day, method, currency, sum(amount_minor) as refunded from back group by 1, 2, 3
    )
    select coalesce(s.day, r.day) as day, coalesce(s.method, r.method) as method,
           coalesce(s.currency, r.currency) as currency,
           coalesce(s.purchases, 0) as purchases, coalesce(s.paid, 0) as paid, coalesce(s.failed, 0) as failed,
           coalesce(s.paid_amount, 0) as paid_amount, coalesce(r.refunded, 0) as refunded,
           coalesce(s.units, 0) as units
    from s full join r on r.day = s.day and r.method = s.method and r.currency = s.currency
    order by 1, 2`.execute(ctx.db);
  return sales.rows.map(
    (r): SalesDay => ({
      day: r.day,
      method: r.method,
      currency: r.currency.trim(),
      purchases: Number(r.purchases),
      paid: Number(r.paid),
      failed: Number(r.failed),
      paidAmountMinor: Number(r.paid_amount),
      refundedAmountMinor: Number(r.refunded),
      netAmountMinor: Number(r.paid_amount) - Number(r.refunded),
      unitsTenths: Number(r.units),
    }),
  );
}

/** Per business day: settled provider payments against tokens issued, and how many of either lack the other. */
async function reconciliationDays(ctx: Ctx, { day, inRange }: LocalDays): Promise<ReconciliationDay[]> {
  const reconciliation = await sql<{
    day: string;
    currency: string;
    settled: string;
    settled_amount: string;
    tokens: string;
    token_amount: string;
    unmatched: string;
  }>`
    with settled as (
      select pay.id, pay.amount_minor, pay.currency, pay.updated_at as at
      from v_payments_payment pay
      where pay.org_id = ${ctx.orgId} and pay.purpose_type = 'prepaid.purchase'
        and pay.status in ('succeeded', 'recorded', 'verified')
    ), days as (
      select ${day('s.at')} as day, s.currency, s.id as payment_id, s.amount_minor,
             null::uuid as token_id, 0::bigint as token_amount
      from settled s where ${inRange('s.at')}
      union all
      select ${day('t.created_at')}, t.currency, null, 0, t.id, t.amount_minor
      from prepaid_token t where t.org_id = ${ctx.orgId} and ${inRange('t.created_at')}
    )
    select d.day, trim(d.currency) as currency,
           count(d.payment_id) as settled, coalesce(sum(d.amount_minor), 0) as settled_amount,
           count(d.token_id) as tokens, coalesce(sum(d.token_amount), 0) as token_amount,
           (select count(*) from settled s
             where ${day('s.at')} = d.day
               and not exists (select 1 from prepaid_token t where t.org_id = ${ctx.orgId} and t.payment_id = s.id))
           + (select count(*) from prepaid_token t
             where t.org_id = ${ctx.orgId} and ${day('t.created_at')} = d.day
               and not exists (select 1 from settled s where s.id = t.payment_id)) as unmatched
    from days d group by d.day, trim(d.currency) order by d.day`.execute(ctx.db);
  return reconciliation.rows.map(
    (r): ReconciliationDay => ({
      day: r.day,
      currency: r.currency,
      settledPayments: Number(r.settled),
      settledAmountMinor: Number(r.settled_amount),
      tokens: Number(r.tokens),
      tokenAmountMinor: Number(r.token_amount),
      difference: Number(r.unmatched),
    }),
  );
}

/**
 * The sales rows as CSV for a spreadsheet: amounts in minor units (numbers, so a negative net stays a
 * value), kWh with one decimal; the text cells through the one rule of every CSV (core/csv).
 */
export function salesCsv(rows: SalesDay[]): string {
  return stringify(
    rows.map((r) => [
      neutralizeFormula(r.day),
      neutralizeFormula(r.method),
      neutralizeFormula(r.currency),
      r.purchases,
      r.paid,
      r.failed,
      r.paidAmountMinor,
      (r.unitsTenths / 10).toFixed(1),
      r.refundedAmountMinor,
      r.netAmountMinor,
    ]),
    {
      header: true,
      columns: [
        'day',
        'method',
        'currency',
        'purchases',
        'paid',
        'failed',
        'paid_amount_minor',
        'kwh',
        'refunded_amount_minor',
        'net_amount_minor',
      ],
    },
  );
}
