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
  if (candidate.email === existing.email) reasons.push('email');
  if (candidate.phone === existing.phone) reasons.push('phone');
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
