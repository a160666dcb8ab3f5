import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import {
  booleanField,
  decimalMinorField,
  FieldProblem,
  type ImportModel,
  integerField,
  textField,
} from '../../../core/imports/index.ts';
import { type CurrencyCode, currencyExponent, isCurrencyCode } from '../../../core/money/index.ts';
import { commitmentOf } from '../draw.rules.ts';
import type { RaffleTables } from '../raffle.tables.ts';
import type { RaffleView } from '../raffle-view.ts';
import type { SoldBook } from './tickets.import.ts';

export type ImportedRaffle = Pick<
  RaffleView,
  'title' | 'description' | 'priceMinor' | 'currency' | 'minNumber' | 'maxNumber' | 'status'
>;

/** The original's limits (`core/settings.py`): 50 tickets per order, a 15-minute hold. */
const MAX_PER_ORDER = 50;
const HOLD_SECONDS = 15 * 60;

const whole = (f: Readonly<Record<string, unknown>>, name: string) => {
  const text = integerField(f, name, { required: true });
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new FieldProblem(name, `expected a number from 0, got ${text}`);
  return n;
};

/**
 * `raffles.raffle` → a raffle with its number range, every number a ticket (free until the
 * tickets and orders that follow take them). An active raffle keeps selling; an inactive one comes
 * over closed. Each gets its own secret seed and published commitment, as a new raffle does, so
 * its draw in Opsdesk is verifiable.
 */
export const rafflesImport = (book: SoldBook): ImportModel<ImportedRaffle> => ({
  model: 'raffles.raffle',
  label: 'raffles',
  foreignKeys: ['tenant'],
  async begin() {
    return {
      parse(record) {
        const f = record.fields;
        const currency = (textField(f, 'currency', { max: 3 }) ?? 'USD').toUpperCase();
        if (!isCurrencyCode(currency))
          throw new FieldProblem('currency', `expected an ISO 4217 code, got ${currency}`);
        const priceMinor = decimalMinorField(f, 'ticket_price', currencyExponent(currency as CurrencyCode), {
          required: true,
        })!;
        if (priceMinor <= 0) throw new FieldProblem('ticket_price', 'is not above zero');
        const minNumber = whole(f, 'min_number');
        const maxNumber = whole(f, 'max_number');
        if (maxNumber < minNumber) throw new FieldProblem('max_number', `is below min_number (${minNumber})`);
        if (maxNumber - minNumber >= 1_000_000)
          throw new FieldProblem('max_number', 'makes more than 1,000,000 numbers');
        const title = textField(f, 'title', { required: true, max: 200 })!;
        book.currencies.set(record.pk, currency);
        if (!title) throw new FieldProblem('title', 'is required');
        return {
          row: {
            title,
            description: (textField(f, 'description') ?? '').slice(0, 2000),
            priceMinor,
            currency,
            minNumber,
            maxNumber,
            status: (booleanField(f, 'is_active') ?? true) ? 'selling' : 'closed',
          },
        };
      },
      async write(tx, rows) {
        const now = tx.clock.now();
        const inserted = await tx.db
          .withTables<RaffleTables>()
          .insertInto('raffle_raffle')
          .values(
            rows.map((r) => {
              const seed = randomBytes(32).toString('hex');
              return {
                title: r.title,
                description: r.description,
                price_minor: r.priceMinor,
                currency: r.currency,
                min_number: r.minNumber,
                max_number: r.maxNumber,
                max_per_order: MAX_PER_ORDER,
                // the original had no cap per buyer: the column's default
                max_per_buyer: 100,
                opens_at: null,
                closes_at: null,
                ledger_hash: null,
                drawn_at: null,
                hold_seconds: HOLD_SECONDS,
                status: r.status,
                seed,
                commitment: commitmentOf(seed),
                closed_at: r.status === 'closed' ? now : null,
              };
            }),
          )
          .returning(['id', 'min_number', 'max_number'])
          .execute();
        // Every number of each range, as selling a raffle makes them (raffles.ts `startSelling`).
        await sql`
          insert into raffle_ticket (org_id, raffle_id, number)
          select ${tx.orgId}, r.id, n
          from unnest(${sql.val(inserted.map((r) => r.id))}::uuid[], ${sql.val(inserted.map((r) => r.min_number))}::int[],
                      ${sql.val(inserted.map((r) => r.max_number))}::int[]) as r(id, lo, hi),
               generate_series(r.lo, r.hi) n`.execute(tx.db);
        return inserted.map((r) => r.id);
      },
    };
  },
});
