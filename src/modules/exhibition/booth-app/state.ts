import type { SessionJson } from '../../../core/auth/index.ts';
import type { BillerBoothJson, CustomerJson } from '../browser.ts';
import type { CustomerRef, QueuedBill } from './queue.ts';
import { TAKE_PAYMENT, type TabPaymentStep } from './tab-payment.ts';

/*
 * What the booth page knows at a moment: who is signed in, their booths, the customer on screen,
 * the bill just made and the phone's queue. The app (app.ts) changes it; the page draws it.
 */

/** The session as the booth page keeps it: the core's answer, and whether the person chose the organization. */
export interface BoothSession extends SessionJson {
  /** False when signed in without naming an organization (the server took the oldest membership). */
  orgChosen?: boolean;
}

/** An amount above the exhibition's limit waiting for staff to confirm it (nothing is stored yet). */
export interface PendingConfirmation {
  amountMinor: number;
  description: string;
  limitMinor: number;
  currency: string;
}

/** The customer on screen: known to the server, or (offline) only by the pass or code read. */
export interface CustomerOnScreen extends CustomerRef {
  looking: boolean;
  offline: boolean;
  totalMinor?: number;
  billCount?: number;
  currency?: string;
}

export interface BoothState {
  screen: 'loading' | 'login' | 'booth';
  session?: BoothSession;
  online: boolean;
  needsLogin: boolean;
  booths: BillerBoothJson[];
  /**
   * Where the person has no booth: their organizations that run the exhibition and have a booth, to
   * switch to (undefined until the server answered).
   */
  boothOrganizations?: Array<{ id: string; name: string }>;
  boothId?: string;
  customer?: CustomerOnScreen;
  lookupError?: string;
  /** Customers a name or phone search found, when more than one: staff pick one. */
  matches?: CustomerJson[];
  billError?: string;
  /** An amount above the limit, shown with "Yes, bill" and "Change the amount". */
  confirming?: PendingConfirmation;
  lastBill?: QueuedBill;
  /** Why the last bill's void was refused, in the server's words. */
  voidError?: string;
  queued: number;
  recent: QueuedBill[];
  loginError?: string;
  /** Cash being taken for the tab of the customer on screen (staff who may take payment only). */
  payment?: TabPaymentStep;
}

/** No customer on screen, nor anything about one: before a lookup, and when staff clear the card. */
export const NO_CUSTOMER: Partial<BoothState> = {
  customer: undefined,
  matches: undefined,
  lastBill: undefined,
  lookupError: undefined,
  billError: undefined,
  confirming: undefined,
  voidError: undefined,
  payment: undefined,
};

/** Whether the signed-in person may take payment for the tab on screen (the desk's permission). */
export function mayTakePayment(state: BoothState): boolean {
  const c = state.customer;
  return (
    !!state.session?.permissions.includes(TAKE_PAYMENT) &&
    state.online &&
    !!c?.id &&
    !c.looking &&
    !c.offline &&
    (c.totalMinor ?? 0) > 0
  );
}
