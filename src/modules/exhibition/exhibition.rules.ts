import { isCurrencyCode } from '../../core/money/index.ts';
import { isIsoDate } from '../../core/time/index.ts';

export interface FieldProblem {
  field: string;
  message: string;
}

/** What is wrong with an exhibition's settings; empty when it may be saved. */
export function checkExhibitionSettings(input: {
  startsOn: string;
  endsOn: string;
  currency: string;
  timeZone: string;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isIsoDate(input.startsOn)) problems.push({ field: 'startsOn', message: 'is not a date (YYYY-MM-DD)' });
  if (!isIsoDate(input.endsOn)) problems.push({ field: 'endsOn', message: 'is not a date (YYYY-MM-DD)' });
  if (isIsoDate(input.startsOn) && isIsoDate(input.endsOn) && input.endsOn < input.startsOn)
    problems.push({ field: 'endsOn', message: 'is before startsOn' });
  if (!isCurrencyCode(input.currency.toUpperCase()))
    problems.push({ field: 'currency', message: 'is not an ISO 4217 currency code' });
  if (!isTimeZone(input.timeZone)) problems.push({ field: 'timeZone', message: 'is not an IANA time zone' });
  return problems;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a staff member may add a bill at a booth: desk staff (who hold the any-booth permission)
 * bill anywhere; booth staff only at the booths they are assigned to.
 */
export function mayBillAtBooth(input: { billsAnyBooth: boolean; assignedToBooth: boolean }): boolean {
  return input.billsAnyBooth || input.assignedToBooth;
}

/**
 * Which registered customers a new registration duplicates: the same e-mail or the same phone
 * (both already normalized) within one exhibition.
 */
export function duplicateReasons(
  candidate: { email: string; phone: string },
  existing: { email: string; phone: string },
): Array<'email' | 'phone'> {
  const reasons: Array<'email' | 'phone'> = [];
  // A blank is no match: two visitors registered by phone alone share no e-mail (issue 65).
  if (candidate.email !== '' && candidate.email === existing.email) reasons.push('email');
  if (candidate.phone !== '' && candidate.phone === existing.phone) reasons.push('phone');
  return reasons;
}

/** How long after billing booth staff may void their own bill at the booth (a mistyped amount). */
export const BOOTH_VOID_WINDOW_MS = 2 * 60_000;

/** Whether a bill of `amountMinor` needs the biller's confirmation: above the exhibition's limit. */
export const needsConfirmation = (amountMinor: number, confirmAboveMinor: number): boolean =>
  amountMinor > confirmAboveMinor;

/**
 * Whether booth staff may void a bill at the booth: only their own (by account), and only within
 * the window after billing. `ok`, or why not.
 */
export function boothVoidRefusal(input: {
  createdByUserId: string | null;
  userId: string | null;
  createdAt: Date;
  now: Date;
}): 'ok' | 'not_yours' | 'window_passed' {
  if (!input.userId || input.createdByUserId !== input.userId) return 'not_yours';
  if (input.now.getTime() - input.createdAt.getTime() > BOOTH_VOID_WINDOW_MS) return 'window_passed';
  return 'ok';
}

/** How the desk takes a tab's money: cash over the counter, or a MoMo / Airtel Money request to the payer. */
export const TAB_PAYMENT_METHODS = ['cash', 'momo', 'airtel'] as const;
export type TabPaymentMethod = (typeof TAB_PAYMENT_METHODS)[number];

/**
 * What staff ask a bill's refund to do to the bill (the refund's options, which core keeps for an
 * approval): void it, reduce it to `toMinor`, or nothing (it was voided or reduced before).
 */
export type BillRefundChange = { bill: 'void' } | { bill: 'reduce'; toMinor: number } | { bill?: undefined };

/** A bill's money as the module counts it (minor units; refunds of the bill's settled payments). */
export interface BillMoney {
  /** Taken: payments that settled (cash recorded, a proof verified, mobile money succeeded). */
  paidMinor: number;
  /** Asked of the payer and not settled yet (a MoMo prompt waiting). */
  pendingMinor: number;
  /** Back with the customer. */
  refundedMinor: number;
  /** Going back: the refund went ahead, the provider has not said it paid yet. */
  returningMinor: number;
  /** Asked back, waiting for a second person: the bill has not changed for it. */
  awaitingMinor: number;
}

export const NO_BILL_MONEY: BillMoney = {
  paidMinor: 0,
  pendingMinor: 0,
  refundedMinor: 0,
  returningMinor: 0,
  awaitingMinor: 0,
};

/**
 * What is left to pay on a bill: what it asks (nothing once void) less what was taken and kept, less
 * what the payer is being asked for right now (so a second "take payment" does not charge it twice).
 */
export function billDueMinor(bill: { status: 'active' | 'void'; amountMinor: number }, m: BillMoney): number {
  const asks = bill.status === 'void' ? 0 : bill.amountMinor;
  const kept = m.paidMinor - m.refundedMinor - m.returningMinor;
  return Math.max(0, asks - kept - m.pendingMinor);
}

export type BillRefundRefusal = 'not_voided' | 'reduce_invalid' | 'nothing_to_refund';

/**
 * How much of a bill's money may go back, after `change` (issue 62): what was taken and not yet asked
 * back, less what the bill still asks once changed (nothing when voided, `toMinor` when reduced).
 * A bill that still asks for all it was paid is refused (`not_voided`: void or reduce it first); a
 * reduction is to a smaller positive amount of an active bill (the same amount again, when an earlier
 * refund of its other payments reduced it already).
 */
export function billRefundable(
  bill: { status: 'active' | 'void'; amountMinor: number },
  m: BillMoney,
  change: BillRefundChange,
): { refundableMinor: number } | { refusal: BillRefundRefusal } {
  let keeps = bill.status === 'void' ? 0 : bill.amountMinor;
  if (change.bill === 'void') keeps = 0;
  if (change.bill === 'reduce') {
    if (bill.status === 'void' || change.toMinor <= 0 || change.toMinor > bill.amountMinor)
      return { refusal: 'reduce_invalid' };
    keeps = change.toMinor;
  }
  const left = m.paidMinor - m.refundedMinor - m.returningMinor - m.awaitingMinor;
  const refundableMinor = left - keeps;
  if (refundableMinor > 0) return { refundableMinor };
  return { refusal: bill.status === 'active' && !change.bill ? 'not_voided' : 'nothing_to_refund' };
}
