import { ApiError, type StaffApi } from '../../../../web/kit/api.ts';
import { uuid } from '../../../../web/kit/uuid.ts';
import type { BillJson, TabPaymentJson } from '../browser.ts';

/** The permission the desk's `POST /api/exhibition/customers/{id}/payments` asks (ops, not scanner). */
export const TAKE_PAYMENT = 'exhibition.bill.pay';

/**
 * Cash taken at the booth for the tab of the customer on screen (issue 62): the desk's route, so the
 * same rules, locks and audit hold. The amount staff confirm is what the bills seen then owe, and only
 * those bills are paid (a bill added meanwhile is not taken unseen). The Idempotency-Key is made when
 * the step opens and kept until it is done: a tap again after a lost answer takes the money once.
 */
export interface TabPaymentStep {
  step: 'loading' | 'nothing' | 'confirm' | 'sending' | 'done';
  key: string;
  customerId: string;
  currency: string;
  dueMinor: number;
  billIds: string[];
  /** Once done: what was taken, and what the tab still owes (a bill added meanwhile). */
  tookMinor?: number;
  leftMinor?: number;
  /** Why the last try did not take the money: `offline`, or the server's words. */
  error?: string;
}

/** The step while what the tab owes is being read. */
export const loadingPayment = (customerId: string, currency: string): TabPaymentStep => ({
  step: 'loading',
  key: '',
  customerId,
  currency,
  dueMinor: 0,
  billIds: [],
});

/** What the bills owe now, active ones only (a void bill owes nothing). */
const owed = (bills: ReadonlyArray<BillJson>) =>
  bills.filter((b) => b.status === 'active' && (b.money?.dueMinor ?? 0) > 0);

/** Opens the step: what the tab owes now, read from the server. */
export async function openTabPayment(
  api: StaffApi,
  customerId: string,
  currency: string,
): Promise<TabPaymentStep> {
  const bills = owed(
    await api.call<BillJson[]>('GET', `/api/exhibition/customers/${encodeURIComponent(customerId)}/bills`),
  );
  const dueMinor = bills.reduce((n, b) => n + (b.money?.dueMinor ?? 0), 0);
  return {
    step: dueMinor > 0 ? 'confirm' : 'nothing',
    key: uuid(),
    customerId,
    currency: bills[0]?.currency ?? currency,
    dueMinor,
    billIds: bills.map((b) => b.id),
  };
}

/**
 * Takes the cash staff received for the step's bills. A lost answer (no network) leaves the step to
 * try again under the same key; a refusal is kept in the server's words.
 */
export async function takeCash(api: StaffApi, step: TabPaymentStep): Promise<TabPaymentStep> {
  try {
    const answer = await api.call<TabPaymentJson>(
      'POST',
      `/api/exhibition/customers/${encodeURIComponent(step.customerId)}/payments`,
      { method: 'cash', billIds: step.billIds },
      { 'idempotency-key': step.key },
    );
    const { error: _, ...rest } = step;
    return {
      ...rest,
      step: 'done',
      tookMinor: answer.payments.reduce((n, p) => n + p.amount.amountMinor, 0),
      leftMinor: owed(answer.bills).reduce((n, b) => n + (b.money?.dueMinor ?? 0), 0),
    };
  } catch (err) {
    if (!(err instanceof ApiError) || err.kind === 'unauthenticated') throw err;
    return { ...step, step: 'confirm', error: err.kind === 'network' ? 'offline' : err.message };
  }
}
