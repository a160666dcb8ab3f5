import type { ColumnType } from 'kysely';
import type { OrderStatus, RaffleTables } from '../raffle.tables.ts';

type WithCreatedAt<T> = Omit<T, 'created_at'> & { created_at: ColumnType<Date, Date | undefined, Date> };

/**
 * The raffle's tables as the import writes them: a raffle and an order keep the original's
 * `created_at` (the module's own use cases let the database stamp it).
 */
export type RaffleImportTables = {
  raffle_raffle: WithCreatedAt<RaffleTables['raffle_raffle']>;
  raffle_order: WithCreatedAt<RaffleTables['raffle_order']>;
  raffle_ticket: RaffleTables['raffle_ticket'];
  raffle_prize: RaffleTables['raffle_prize'];
};

/** The title of the prize that records a winner the original's staff wrote down (`winner_number`). */
export const ORIGINAL_WINNER_PRIZE = 'Número ganador (sistema original)';

/** An order of the original as the import writes it (orders.import.ts parses it, order-writes.ts writes it). */
export interface ImportedOrder {
  /** The original's pk: the imported order's `source_key` names it. */
  sourcePk: string;
  raffleId: string;
  buyerId: string;
  status: OrderStatus;
  numbers: number[];
  /** The numbers the order holds now: sold when paid, held while waiting for payment. */
  holding: number[];
  quantity: number;
  amountMinor: number;
  currency: string;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
  paidAt: Date | null;
  /** When it was cancelled or expired (the original's last change, or its hold's end). */
  endedAt: Date | null;
  /** The proof's WhatsApp media id, kept as its reference. */
  proof: string | null;
  /** The proof's review: verified (paid), waiting (sent while the order waited for payment), else denied. */
  proofStatus: 'verified' | 'submitted' | 'denied';
}
