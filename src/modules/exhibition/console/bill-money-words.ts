import type { Bill } from './desk-model.ts';

/**
 * How a bill stands for its money, in one short phrase's key and amount: returned, waiting for the
 * payer, due, or paid (nothing for a bill nobody paid and nothing is due on: a void one).
 */
export function billMoneyWord(bill: Bill): { key: string; amountMinor?: number } | null {
  const m = bill.money;
  if (!m) return null;
  if (m.refundedMinor > 0) return { key: 'exhibition.money.returned', amountMinor: m.refundedMinor };
  if (m.pendingMinor > 0) return { key: 'exhibition.money.waiting' };
  if (m.dueMinor > 0) return { key: 'exhibition.money.due', amountMinor: m.dueMinor };
  if (m.paidMinor > 0) return { key: 'exhibition.money.paid' };
  return null;
}

/** What a tab still owes, over its bills. */
export const tabDueMinor = (bills: Bill[]): number => bills.reduce((n, b) => n + (b.money?.dueMinor ?? 0), 0);
