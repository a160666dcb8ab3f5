import type { Ctx } from '../context/index.ts';

/**
 * What a payment pays for, in words a person reads when verifying it ("Raffle Rifa Navidad —
 * numbers 5, 12"). The words are an i18n key of the module's console catalog with its values, so
 * each staff member reads them in their own language.
 */
export interface PaymentPurposeLabel {
  /** i18n key, e.g. `raffle.purpose.order` ("Raffle %{title} — numbers %{numbers}"). */
  key: string;
  params: Record<string, string | number>;
  /** The record it pays for, as a console resource and id: the queue links to its page. */
  record?: { resource: string; id: string };
  /** Who the module registered as the payer (the raffle buyer, the student on the roll); shown before a chat profile name. */
  payer?: string;
  /** The payer's phone as the module keeps it (`+250788000111`), where it keeps one. */
  phone?: string;
}

/** Labels for the payments of one purpose type, declared by the module that owns the purpose. */
export interface PurposeLabeler {
  /** The purpose type (`raffle.order`). */
  type: string;
  /** Labels for the given purpose ids of the caller's organization; an unknown id is left out. */
  label(ctx: Ctx, purposeIds: ReadonlyArray<string>): Promise<ReadonlyMap<string, PaymentPurposeLabel>>;
  /**
   * The ids of this type's purposes of the caller's organization whose payer's name or phone holds
   * `word` (lowercase, as the list's search splits what was typed), in one read.
   */
  findByPayer?(ctx: Ctx, word: string): Promise<ReadonlyArray<string>>;
}

/**
 * The `ilike` pattern that finds a search word inside a payer's name or phone (`benítez` in
 * "Ana Benítez", `788000111` in +250788000111), its `%`, `_` and `\` taken as themselves.
 */
export const payerWordPattern = (word: string): string => `%${word.replace(/[\\%_]/g, '\\$&')}%`;

/** How many purposes one word of a payer search finds at most, per purpose type. */
export const PAYER_SEARCH_LIMIT = 5_000;
