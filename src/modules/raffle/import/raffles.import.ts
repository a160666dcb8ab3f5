import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx } from '../../../core/context/index.ts';
import {
  booleanField,
  dateTimeField,
  FieldProblem,
  type ImportFlag,
  type ImportModel,
  integerField,
  type RowVerdict,
  type SourceRecord,
  textField,
} from '../../../core/imports/index.ts';
import { currencyExponent, isCurrencyCode } from '../../../core/money/index.ts';
import { commitmentOf } from '../draw.rules.ts';
import { amountField } from './amounts.rules.ts';
import { ORIGINAL_WINNER_PRIZE, type RaffleImportTables } from './import-tables.ts';
import type { SoldBook } from './sold-book.ts';
import { linkWinners } from './winners.import.ts';

export interface ImportedRaffle {
  title: string;
  description: string;
  priceMinor: number;
  currency: string;
  minNumber: number;
  maxNumber: number;
  status: 'selling' | 'closed' | 'drawn';
  /** The original's draw date while it sells (sales close then); a closed raffle's, as it was. */
  closesAt: Date | null;
  closedAt: Date | null;
  /** The draw the original's staff recorded: its date and winning number. */
  drawnAt: Date | null;
  winner: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The original's limits (`core/settings.py`): 50 tickets per order, a 15-minute hold. */
const MAX_PER_ORDER = 50;
const HOLD_SECONDS = 15 * 60;

export const NOTE_CLOSES_AT_DRAW = 'sales close at the draw date the original shows';
export const NOTE_DRAWN_WHILE_ACTIVE = 'active in the original with a winner written down: comes over drawn';

const whole = (f: Readonly<Record<string, unknown>>, name: string) => {
  const text = integerField(f, name, { required: true });
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new FieldProblem(name, `expected a number from 0, got ${text}`);
  return n;
};

/** Text longer than Opsdesk keeps: cut, with the whole of it in a flag for a person to read. */
function fitted(text: string, max: number, field: string, flags: ImportFlag[]): string {
  if (text.length <= max) return text;
  flags.push({ field, reason: `longer than ${max} characters, cut; the original reads: ${text}` });
  return text.slice(0, max);
}

/**
 * `raffles.raffle` → a raffle with its number range, every number a ticket (free until the orders
 * that follow take them), its creation time kept. An active raffle keeps selling, until its draw
 * date when the original shows one ahead; an inactive one comes over closed. A winner the original's
 * staff wrote down (`winner_number`, with `draw_date`) comes over as the raffle's draw result: the
 * raffle drawn at that date, its one prize "Número ganador (sistema original)" won by that number
 * (and the order holding it). It is the original's word, not a draw Opsdesk made: no ledger hash,
 * the seed never revealed, and the public draw page says it cannot be re-run. Each raffle gets its
 * own secret seed and commitment as a new one does. A raffle changed in the original since the last
 * run (closed, reopened, drawn, re-priced, its range grown) is brought again by `update`.
 */
export const rafflesImport = (book: SoldBook): ImportModel<ImportedRaffle> => ({
  model: 'raffles.raffle',
  volatile: ['tenant', 'updated_at'],
  label: 'raffles',
  foreignKeys: ['tenant'],
  async begin(ctx) {
    const now = ctx.clock.now();
    return {
      parse: (record) => parseRaffle(record, now, book),
      write: insertRaffles,
      update: updateRaffles,
      refusalOf: (err) => (err instanceof FieldProblem ? `${err.field}: ${err.message}` : undefined),
    };
  },
});

/** One original raffle read: its price, number range and where its sale stands (selling, closed, drawn). */
function parseRaffle(record: SourceRecord, now: Date, book: SoldBook): RowVerdict<ImportedRaffle> {
  const f = record.fields;
  const flags: ImportFlag[] = [];
  const notes: string[] = [];
  const currency = (textField(f, 'currency', { max: 3 }) ?? 'USD').toUpperCase();
  if (!isCurrencyCode(currency))
    throw new FieldProblem('currency', `expected an ISO 4217 code, got ${currency}`);
  const exponent = currencyExponent(currency);
  const price = amountField(f, 'ticket_price', currency, exponent);
  if (!price) throw new FieldProblem('ticket_price', 'is required');
  if (price.minor <= 0) throw new FieldProblem('ticket_price', 'is not above zero');
  if (price.flag) flags.push(price.flag);
  const minNumber = whole(f, 'min_number');
  const maxNumber = whole(f, 'max_number');
  if (maxNumber < minNumber) throw new FieldProblem('max_number', `is below min_number (${minNumber})`);
  if (maxNumber - minNumber >= 1_000_000)
    throw new FieldProblem('max_number', 'makes more than 1,000,000 numbers');
  const title = textField(f, 'title', { required: true, max: 1000 })!;
  if (!title) throw new FieldProblem('title', 'is required');
  const createdAt = dateTimeField(f, 'created_at') ?? now;
  const updatedAt = dateTimeField(f, 'updated_at') ?? createdAt;
  const drawDate = dateTimeField(f, 'draw_date');
  const winnerText = integerField(f, 'winner_number');
  const winner = winnerText === null ? null : Number(winnerText);
  const active = booleanField(f, 'is_active') ?? true;
  book.raffles.set(record.pk, { currency, exponent, min: minNumber, max: maxNumber });
  let status: ImportedRaffle['status'] = active ? 'selling' : 'closed';
  let closesAt: Date | null = null;
  if (winner !== null) {
    status = 'drawn';
    if (active) notes.push(NOTE_DRAWN_WHILE_ACTIVE);
  } else if (active && drawDate) {
    if (drawDate.getTime() > now.getTime()) {
      closesAt = drawDate;
      notes.push(NOTE_CLOSES_AT_DRAW);
    } else
      flags.push({
        field: 'draw_date',
        reason: `${drawDate.toISOString()} has passed while the raffle still sells in the original: it keeps selling here, with no closing time`,
      });
  } else if (!active) closesAt = drawDate;
  return {
    row: {
      title: fitted(title, 200, 'title', flags),
      description: fitted(textField(f, 'description') ?? '', 2000, 'description', flags),
      priceMinor: price.minor,
      currency,
      minNumber,
      maxNumber,
      status,
      closesAt,
      closedAt: status === 'closed' ? updatedAt : null,
      drawnAt: status === 'drawn' ? (drawDate ?? updatedAt) : null,
      winner,
      createdAt,
      updatedAt,
    },
    flags,
    notes,
  };
}

/** New raffles with their own seed and commitment, every number a ticket, and the winners the original wrote down. */
async function insertRaffles(tx: Ctx, rows: ReadonlyArray<ImportedRaffle>): Promise<string[]> {
  const inserted = await tx.db
    .withTables<RaffleImportTables>()
    .insertInto('raffle_raffle')
    .values(
      rows.map((r) => {
        const seed = randomBytes(32).toString('hex');
        return {
          ...raffleColumns(r),
          max_per_order: MAX_PER_ORDER,
          // the original had no cap per buyer: the column's default
          max_per_buyer: 100,
          opens_at: null,
          ledger_hash: null,
          hold_seconds: HOLD_SECONDS,
          seed,
          commitment: commitmentOf(seed),
          created_at: r.createdAt,
        };
      }),
    )
    .returning(['id', 'min_number', 'max_number'])
    .execute();
  const ids = inserted.map((r) => r.id);
  await addNumbers(tx, inserted);
  await recordWinners(tx, ids, rows);
  return ids;
}

/** Raffles changed in the original since the last run; one Opsdesk drew itself keeps its draw. */
async function updateRaffles(
  tx: Ctx,
  rows: ReadonlyArray<{ id: string; row: ImportedRaffle }>,
): Promise<void> {
  const db = tx.db.withTables<RaffleImportTables>();
  const ids = rows.map((r) => r.id);
  const current = await db
    .selectFrom('raffle_raffle')
    .select(['id', 'status', 'ledger_hash'])
    .where('id', 'in', ids)
    .execute();
  for (const { id, row } of rows) {
    const now = current.find((c) => c.id === id);
    // A raffle Opsdesk drew itself after the import keeps its draw; the rest follows the original.
    const ownDraw = now?.status === 'drawn' && now.ledger_hash !== null;
    const { status, closed_at, drawn_at, ...columns } = raffleColumns(row);
    await db
      .updateTable('raffle_raffle')
      .set({ ...columns, ...(ownDraw ? {} : { status, closed_at, drawn_at }) })
      .where('id', '=', id)
      .execute();
    await resizeRange(tx, id, row);
  }
  await addNumbers(
    tx,
    rows.map((r) => ({ id: r.id, min_number: r.row.minNumber, max_number: r.row.maxNumber })),
  );
  await recordWinners(
    tx,
    ids,
    rows.map((r) => r.row),
  );
  await linkWinners(tx, ids);
}

function raffleColumns(r: ImportedRaffle) {
  return {
    title: r.title,
    description: r.description,
    price_minor: r.priceMinor,
    currency: r.currency,
    min_number: r.minNumber,
    max_number: r.maxNumber,
    status: r.status,
    closes_at: r.closesAt,
    closed_at: r.closedAt,
    drawn_at: r.drawnAt,
    updated_at: r.updatedAt,
  };
}

/** Every number of each range, as selling a raffle makes them (raffles.ts `startSelling`). */
async function addNumbers(
  tx: Ctx,
  raffles: ReadonlyArray<{ id: string; min_number: number; max_number: number }>,
): Promise<void> {
  if (raffles.length === 0) return;
  await sql`
    insert into raffle_ticket (org_id, raffle_id, number)
    select ${tx.orgId}, r.id, n
    from unnest(${sql.val(raffles.map((r) => r.id))}::uuid[], ${sql.val(raffles.map((r) => r.min_number))}::int[],
                ${sql.val(raffles.map((r) => r.max_number))}::int[]) as r(id, lo, hi),
         generate_series(r.lo, r.hi) n
    on conflict do nothing`.execute(tx.db);
}

/** A range the original narrowed: its free numbers outside go; a taken one refuses the change. */
async function resizeRange(tx: Ctx, raffleId: string, row: ImportedRaffle): Promise<void> {
  const db = tx.db.withTables<RaffleImportTables>();
  const outside = await db
    .selectFrom('raffle_ticket')
    .select(['number', 'status'])
    .where('raffle_id', '=', raffleId)
    .where((eb) => eb.or([eb('number', '<', row.minNumber), eb('number', '>', row.maxNumber)]))
    .execute();
  const taken = outside.filter((t) => t.status !== 'available').map((t) => t.number);
  if (taken.length)
    throw new FieldProblem(
      'max_number',
      `the new range ${row.minNumber}-${row.maxNumber} leaves out numbers taken here: ${taken.join(', ')}`,
    );
  if (outside.length)
    await db
      .deleteFrom('raffle_ticket')
      .where('raffle_id', '=', raffleId)
      .where('status', '=', 'available')
      .where((eb) => eb.or([eb('number', '<', row.minNumber), eb('number', '>', row.maxNumber)]))
      .execute();
}

/**
 * The winner the original's staff wrote down, as the raffle's one prize (its title says where it
 * comes from); a raffle whose winner was removed in the original loses that prize again. A raffle
 * Opsdesk drew itself has its own prizes and is left alone.
 */
async function recordWinners(
  tx: Ctx,
  ids: readonly string[],
  rows: readonly ImportedRaffle[],
): Promise<void> {
  const db = tx.db.withTables<RaffleImportTables>();
  const drawn = rows.flatMap((r, i) => (r.winner !== null ? [{ id: ids[i]!, winner: r.winner }] : []));
  const undrawn = rows.flatMap((r, i) => (r.winner === null ? [ids[i]!] : []));
  if (undrawn.length)
    await db
      .deleteFrom('raffle_prize')
      .where('raffle_id', 'in', undrawn)
      .where('title', '=', ORIGINAL_WINNER_PRIZE)
      .execute();
  if (drawn.length === 0) return;
  await sql`
    insert into raffle_prize (org_id, raffle_id, position, title, winning_number)
    select ${tx.orgId}, d.raffle_id, 1, ${ORIGINAL_WINNER_PRIZE}, d.winner
    from unnest(${sql.val(drawn.map((d) => d.id))}::uuid[], ${sql.val(drawn.map((d) => d.winner))}::int[])
      as d(raffle_id, winner)
    join raffle_raffle r on r.id = d.raffle_id and r.ledger_hash is null
    on conflict (org_id, raffle_id, position) do update
      set winning_number = excluded.winning_number, title = excluded.title
      where raffle_prize.title = excluded.title`.execute(tx.db);
}
