import type { OrderStatus, RaffleStatus, TicketStatus } from './raffle.tables.ts';

/** What a pick of specific numbers is checked against. */
export interface PickLimits {
  minNumber: number;
  maxNumber: number;
  maxPerOrder: number;
}

export type PickVerdict =
  | { ok: true; numbers: number[] }
  | { ok: false; code: 'numbers_invalid'; reason: 'empty' | 'duplicate' | 'out_of_range'; numbers: number[] }
  | { ok: false; code: 'quantity_invalid'; quantity: number; max: number };

/**
 * Reads "5,12,99", "5 12 99" or "5, 12; 99" into numbers; anything that is not a list of
 * non-negative integers gives null.
 */
export function parseNumberList(text: string): number[] | null {
  const parts = text
    .trim()
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 500) return null;
  if (!parts.every((p) => /^#?\d{1,7}$/.test(p))) return null;
  return parts.map((p) => Number(p.replace('#', '')));
}

/**
 * The words for "random" in each language the raffle chat speaks: the flow's `random` keyword (a tap
 * or the word alone) and, with a count, "random 2" typed anywhere in the chat.
 */
export const RANDOM_WORDS = { en: ['random'], es: ['aleatorio', 'aleatorios', 'al azar'] } as const;

const randomWord = Object.values(RANDOM_WORDS)
  .flat()
  .map((w) => w.replace(/ /g, '\\s+'))
  .join('|');
const RANDOM_REQUEST = new RegExp(
  `^\\s*(?:(?:${randomWord})\\s*(\\d{1,4})?|(\\d{1,4})\\s*(?:${randomWord}))\\s*$`,
  'iu',
);

/** "aleatorio 3", "random 3", "3 aleatorios" or "random" → 3 / 3 / 3 / 1; anything else → null. */
export function parseRandomRequest(text: string): number | null {
  const m = RANDOM_REQUEST.exec(text);
  if (!m) return null;
  const count = m[1] ?? m[2];
  return count ? Number(count) : 1;
}

/** Checks a set of specific numbers: not empty, no duplicates, inside the range, within the order cap. */
export function checkSpecificPick(numbers: number[], limits: PickLimits): PickVerdict {
  if (numbers.length === 0) return { ok: false, code: 'numbers_invalid', reason: 'empty', numbers };
  const quantity = checkQuantity(numbers.length, limits);
  if (!quantity.ok) return quantity;
  const dupes = numbers.filter((n, i) => numbers.indexOf(n) !== i);
  if (dupes.length) return { ok: false, code: 'numbers_invalid', reason: 'duplicate', numbers: dupes };
  const outside = numbers.filter((n) => !Number.isInteger(n) || n < limits.minNumber || n > limits.maxNumber);
  if (outside.length) return { ok: false, code: 'numbers_invalid', reason: 'out_of_range', numbers: outside };
  return { ok: true, numbers: [...numbers].sort((a, b) => a - b) };
}

export function checkQuantity(
  quantity: number,
  limits: Pick<PickLimits, 'maxPerOrder'>,
): { ok: true } | { ok: false; code: 'quantity_invalid'; quantity: number; max: number } {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > limits.maxPerOrder)
    return { ok: false, code: 'quantity_invalid', quantity, max: limits.maxPerOrder };
  return { ok: true };
}

/** A ticket as a reservation sees it under its row lock. */
export interface TicketFacts {
  number: number;
  status: TicketStatus;
  orderId: string | null;
  heldUntil: Date | null;
}

/**
 * Free means: never held, or held by a hold that has run out (its order may not be marked
 * expired yet: the expiry job is a cleanup, not the rule). Sold is never free.
 */
export function isTicketFree(t: TicketFacts, now: Date): boolean {
  if (t.status === 'available') return true;
  return t.status === 'held' && t.heldUntil !== null && t.heldUntil.getTime() <= now.getTime();
}

/** The numbers of a pick that are not free (missing rows count as taken). */
export function takenNumbers(wanted: number[], rows: TicketFacts[], now: Date): number[] {
  const byNumber = new Map(rows.map((r) => [r.number, r]));
  return wanted.filter((n) => {
    const row = byNumber.get(n);
    return !row || !isTicketFree(row, now);
  });
}

/** True when every ticket of the order is still held by it and the hold has not run out. */
export function orderStillHolds(
  order: { id: string; numbers: number[]; expiresAt: Date },
  rows: TicketFacts[],
  now: Date,
): boolean {
  if (order.expiresAt.getTime() <= now.getTime()) return false;
  const mine = rows.filter((r) => r.status === 'held' && r.orderId === order.id);
  return mine.length === order.numbers.length && order.numbers.every((n) => mine.some((r) => r.number === n));
}

/** A live order: waiting for payment and its hold not yet run out. */
export function isLiveOrder(o: { status: OrderStatus; expiresAt: Date }, now: Date): boolean {
  return o.status === 'pending_payment' && o.expiresAt.getTime() > now.getTime();
}

/** The status to show: a pending order past its hold is expired, whatever the sweeper has done. */
export function effectiveOrderStatus(o: { status: OrderStatus; expiresAt: Date }, now: Date): OrderStatus {
  return o.status === 'pending_payment' && !isLiveOrder(o, now) ? 'expired' : o.status;
}

/** Per-buyer cap: tickets in paid and live orders plus this pick. */
export function checkBuyerCap(
  held: number,
  wanted: number,
  maxPerBuyer: number,
): { ok: true } | { ok: false; code: 'buyer_limit_reached'; held: number; max: number } {
  return held + wanted <= maxPerBuyer
    ? { ok: true }
    : { ok: false, code: 'buyer_limit_reached', held, max: maxPerBuyer };
}

/** Whether a raffle sells at `now`: status selling and inside its open/close window. */
export function isSelling(
  r: { status: RaffleStatus; opensAt: Date | null; closesAt: Date | null },
  now: Date,
): boolean {
  if (r.status !== 'selling') return false;
  if (r.opensAt && now.getTime() < r.opensAt.getTime()) return false;
  return !(r.closesAt && now.getTime() >= r.closesAt.getTime());
}

/** Raffle status moves: draft → selling → closed → drawn, nothing else. */
export function canMoveRaffle(from: RaffleStatus, to: RaffleStatus): boolean {
  return (
    (from === 'draft' && to === 'selling') ||
    (from === 'selling' && to === 'closed') ||
    (from === 'closed' && to === 'drawn')
  );
}

/** Settings a raffle must satisfy before it is stored. */
export function checkRaffleSettings(s: {
  minNumber: number;
  maxNumber: number;
  opensAt?: Date | null;
  closesAt?: Date | null;
  maxPerOrder: number;
  maxPerBuyer: number;
  prizes: string[];
}): string[] {
  const problems: string[] = [];
  if (s.maxNumber < s.minNumber) problems.push('maxNumber must not be below minNumber');
  if (s.maxNumber - s.minNumber >= 1_000_000) problems.push('at most 1,000,000 tickets');
  if (s.opensAt && s.closesAt && s.closesAt <= s.opensAt) problems.push('closesAt must be after opensAt');
  if (s.maxPerBuyer < s.maxPerOrder) problems.push('maxPerBuyer must be at least maxPerOrder');
  if (s.prizes.length === 0) problems.push('at least one prize');
  if (s.prizes.length > s.maxNumber - s.minNumber + 1) problems.push('more prizes than tickets');
  return problems;
}

/** When to remind a buyer before the hold runs out: a third of the hold before, at most 5 minutes. */
export function reminderAt(createdAt: Date, expiresAt: Date): Date | null {
  const hold = expiresAt.getTime() - createdAt.getTime();
  const lead = Math.min(5 * 60_000, Math.floor(hold / 3));
  if (lead < 1_000) return null;
  return new Date(expiresAt.getTime() - lead);
}

/** Free-form WhatsApp messages may go out only within 24 hours of the buyer's last message. */
export function insideServiceWindow(lastInbound: Date | null, now: Date): boolean {
  return lastInbound !== null && now.getTime() - lastInbound.getTime() < 24 * 60 * 60_000;
}
