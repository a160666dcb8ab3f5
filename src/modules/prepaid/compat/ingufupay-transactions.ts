import { type SelectQueryBuilder, sql } from 'kysely';
import type { Ctx } from '../../../core/context/index.ts';
import { isUuid } from '../../../platform/ids/index.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';

// The original's transactions (`PaymentTransactionSerializer`) read from both histories: what the
// original sold, imported with its ids (`prepaid_imported_payment`, `original_id`), and what Opsdesk
// sold since (`prepaid_purchase`). A meter the import brought is named by the original's id, as its
// clients know it; a meter registered in Opsdesk by its own.

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** One transaction as the original serialized it (`transactions/serializers.py`). */
export interface OriginalTransaction {
  id: string;
  meter: number | string | null;
  meter_number: string | null;
  meter_name: string | null;
  amount_rwf: string;
  payment_method: string;
  status: 'pending' | 'success' | 'failed';
  token: string | null;
  units_purchased: string | null;
  external_reference: string | null;
  created_at: string;
}

interface TransactionRow {
  id: string;
  meter_uuid: string | null;
  meter_original: string | null;
  meter_number: string | null;
  meter_name: string | null;
  cents: string;
  method: string;
  status: string;
  token: string | null;
  milli: string | null;
  external_reference: string | null;
  created_at: Date;
}

const NATIVE_STATUS: Record<string, OriginalTransaction['status']> = {
  pending: 'pending',
  paid: 'success',
  failed: 'failed',
  success: 'success',
};

/** The original printed its tokens `XXXXX-XXXXX-XXXXX-XXXXX`; Opsdesk's own stay as issued. */
const originalToken = (digits: string) => digits.match(/.{1,5}/g)!.join('-');

function transactionOf(r: TransactionRow, imported: boolean): OriginalTransaction {
  const cents = Number(r.cents);
  return {
    id: r.id,
    meter: r.meter_original === null ? r.meter_uuid : Number(r.meter_original),
    meter_number: r.meter_number,
    meter_name: r.meter_name ?? r.meter_number,
    amount_rwf: `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    payment_method: r.method,
    status: NATIVE_STATUS[r.status] ?? 'pending',
    token: r.token === null ? null : imported ? originalToken(r.token) : r.token,
    units_purchased: r.milli === null ? null : (Number(r.milli) / 1000).toFixed(3),
    external_reference: r.external_reference,
    created_at: r.created_at.toISOString(),
  };
}

type Query = SelectQueryBuilder<
  PrepaidTables & Record<string, Record<string, unknown>>,
  never,
  TransactionRow & { imported: boolean }
>;

/** What the original sold, as imported: its id, amount to the cent, its token. */
function importedPayments(ctx: Ctx) {
  return tables(ctx)
    .selectFrom('prepaid_imported_payment as p')
    .leftJoin('prepaid_meter as m', 'm.id', 'p.meter_id')
    .leftJoin('prepaid_imported_meter as im', 'im.meter_id', 'p.meter_id')
    .leftJoin('prepaid_imported_token as t', 't.payment_id', 'p.id')
    .select([
      sql<string>`coalesce(p.original_id, p.id::text)`.as('id'),
      'm.id as meter_uuid',
      'im.original_id as meter_original',
      'm.number as meter_number',
      'im.name as meter_name',
      sql<string>`p.amount_cents`.as('cents'),
      sql<string>`p.method`.as('method'),
      sql<string>`p.status`.as('status'),
      't.token',
      sql<string | null>`t.units_milli`.as('milli'),
      'p.external_reference',
      'p.created_at',
      sql<boolean>`true`.as('imported'),
    ]);
}

/** What Opsdesk sold (RWF has no minor unit: francs are hundreds of cents), its units in thousandths. */
function nativeSales(ctx: Ctx) {
  return tables(ctx)
    .selectFrom('prepaid_purchase as s')
    .innerJoin('prepaid_meter as m', 'm.id', 's.meter_id')
    .leftJoin('prepaid_imported_meter as im', 'im.meter_id', 's.meter_id')
    .leftJoin('prepaid_token as t', 't.purchase_id', 's.id')
    .select([
      sql<string>`s.id::text`.as('id'),
      'm.id as meter_uuid',
      'im.original_id as meter_original',
      'm.number as meter_number',
      'im.name as meter_name',
      sql<string>`s.amount_minor * 100`.as('cents'),
      sql<string>`s.method`.as('method'),
      sql<string>`s.status`.as('status'),
      't.token',
      sql<string | null>`s.units_tenths * 100`.as('milli'),
      sql<string | null>`null`.as('external_reference'),
      's.created_at',
      sql<boolean>`false`.as('imported'),
    ]);
}

/** The Opsdesk meter a client names: the original's id of an imported meter, or Opsdesk's own. */
export async function meterIdOf(ctx: Ctx, given: string | number): Promise<string | null> {
  const text = String(given).trim();
  if (/^\d{1,18}$/.test(text)) {
    const row = await tables(ctx)
      .selectFrom('prepaid_imported_meter')
      .select('meter_id')
      .where('original_id', '=', text)
      .executeTakeFirst();
    return row?.meter_id ?? null;
  }
  if (!/^[0-9a-f-]{36}$/i.test(text)) return null;
  const row = await tables(ctx)
    .selectFrom('prepaid_meter')
    .select('id')
    .where('id', '=', text)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A page of transactions, newest first, of one meter or all, with their count. */
export async function transactionPage(
  ctx: Ctx,
  { meterId, limit, offset }: { meterId?: string; limit: number; offset: number },
) {
  const byMeter = <Q extends Query>(q: Q, column: string) =>
    meterId === undefined ? q : (q.where(sql.ref(column), '=', meterId) as Q);
  const imported = byMeter(importedPayments(ctx) as Query, 'p.meter_id');
  const native = byMeter(nativeSales(ctx) as Query, 's.meter_id');
  const [rows, counts] = await Promise.all([
    imported
      .unionAll(native)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute(),
    Promise.all([
      byMeter(tables(ctx).selectFrom('prepaid_imported_payment as p') as Query, 'p.meter_id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
      byMeter(tables(ctx).selectFrom('prepaid_purchase as s') as Query, 's.meter_id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]),
  ]);
  return {
    count: counts.reduce((n, c) => n + Number((c as { n: string }).n), 0),
    results: rows.map((r) => transactionOf(r, r.imported)),
  };
}

/**
 * One transaction by the id its list gives: the original's (a UUID; the original routed
 * `<int:pk>`, which its UUID key read as `UUID(int=pk)`, and so do we) or an Opsdesk sale's.
 */
export async function transactionById(ctx: Ctx, given: string): Promise<OriginalTransaction | null> {
  const id = /^\d{1,38}$/.test(given) ? uuidOfInt(BigInt(given)) : given.toLowerCase();
  if (!isUuid(id)) return null;
  const imported = await (importedPayments(ctx) as Query)
    .where(sql.ref('p.original_id'), '=', id)
    .executeTakeFirst();
  if (imported) return transactionOf(imported, true);
  const native = await (nativeSales(ctx) as Query).where(sql.ref('s.id'), '=', id).executeTakeFirst();
  return native ? transactionOf(native, false) : null;
}

/** Python's `uuid.UUID(int=n)`: the 128-bit number as a UUID's 32 hex digits. */
function uuidOfInt(n: bigint): string {
  const hex = (n & ((1n << 128n) - 1n)).toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
