import type { ColumnType } from 'kysely';
import type { RaffleTables } from '../raffle.tables.ts';

type WithCreatedAt<T> = Omit<T, 'created_at'> & { created_at: ColumnType<Date, Date | undefined, Date> };

/**
 * The raffle's tables as the import writes them: a raffle and an order keep the original's
 * `created_at` (the module's own use cases let the database stamp it).
 */
export type RaffleImportTables = Omit<RaffleTables, 'raffle_raffle' | 'raffle_order'> & {
  raffle_raffle: WithCreatedAt<RaffleTables['raffle_raffle']>;
  raffle_order: WithCreatedAt<RaffleTables['raffle_order']>;
};

/** The title of the prize that records a winner the original's staff wrote down (`winner_number`). */
export const ORIGINAL_WINNER_PRIZE = 'Número ganador (sistema original)';
