import { randomInt } from 'node:crypto';

export type MomoStatus = 'PENDING' | 'SUCCESSFUL' | 'FAILED';

/** A Disbursements refund as MTN keeps it (`GET /disbursement/v1_0/refund/{referenceId}`). */
export interface MomoRefund {
  referenceId: string;
  referenceIdToRefund: string;
  amount: string;
  currency: string;
  externalId?: string;
  payerMessage?: string;
  payeeNote?: string;
  status: MomoStatus;
  reason?: string;
  financialTransactionId?: string;
  callbackUrl?: string;
}

/**
 * The refunds MTN keeps (Disbursements), and how a test makes them go: failing, kept PENDING until
 * settled, or their calls held unanswered to kill the app mid-call.
 */
export function refundBook(changed: () => void) {
  const refunds = new Map<string, MomoRefund>();
  /** Reasons the next refunds fail with (FAILED at MTN), oldest first. */
  const failingRefunds: string[] = [];
  /** How many of the next refunds MTN keeps PENDING (a slow wallet) until a test settles them. */
  let pendingRefunds = 0;
  /**
   * A test holds refund calls unanswered, to kill the app mid-call: `before` MTN took the refund (it
   * never will: the call is lost), or `after` it paid it (only the answer is lost).
   */
  let holdRefunds: 'before' | 'after' | null = null;
  const held: Array<() => void> = [];
  let refundCallsHeld = 0;
  const pay = (refund: MomoRefund) => {
    refund.status = 'SUCCESSFUL';
    refund.financialTransactionId = String(randomInt(100_000_000, 999_999_999));
  };
  return {
    refunds,
    refundedOf: (referenceId: string) =>
      [...refunds.values()]
        .filter((r) => r.referenceIdToRefund === referenceId && r.status !== 'FAILED')
        .reduce((total, r) => total + Number(r.amount), 0),
    /** Records a refund MTN accepted: paid at once unless a test made it fail or wait. */
    take(refund: MomoRefund): void {
      refunds.set(refund.referenceId, refund);
      const failure = failingRefunds.shift();
      if (pendingRefunds > 0) pendingRefunds--;
      else if (failure) {
        refund.status = 'FAILED';
        refund.reason = failure;
      } else pay(refund);
      changed();
    },
    /** Waits, when a test holds calls at this moment, until it releases them; true when it held. */
    async heldCall(moment: 'before' | 'after'): Promise<boolean> {
      if (holdRefunds !== moment) return false;
      refundCallsHeld++;
      changed();
      await new Promise<void>((resolve) => held.push(resolve));
      return true;
    },
    controls: {
      /** The refunds MTN received, by our X-Reference-Id. */
      refunds: (): MomoRefund[] => [...refunds.values()],
      /** Holds every refund call unanswered (`before` MTN records it, or `after`) until `releaseRefunds`; null stops. */
      holdRefundCalls(mode: 'before' | 'after' | null): void {
        holdRefunds = mode;
      },
      /** How many refund calls were held so far. */
      heldRefundCalls: () => refundCallsHeld,
      /** Answers the held refund calls (to whoever still listens). */
      releaseRefunds(): void {
        for (const release of held.splice(0)) release();
      },
      /** The next `count` refunds stay PENDING at MTN until `settleRefund` (a slow wallet). */
      keepNextRefundsPending(count: number): void {
        pendingRefunds += count;
      },
      /** Settles a PENDING refund at MTN (no callback: the check must find it). */
      settleRefund(referenceId: string, status: 'SUCCESSFUL' | 'FAILED', reason = 'PAYEE_NOT_FOUND'): void {
        const refund = refunds.get(referenceId);
        if (refund?.status !== 'PENDING') throw new Error(`no pending refund ${referenceId}`);
        if (status === 'FAILED') {
          refund.status = 'FAILED';
          refund.reason = reason;
        } else pay(refund);
        changed();
      },
      /** The next `count` refunds fail at MTN (FAILED with `reason`), as a payee's wallet refusing them would. */
      failNextRefunds(count: number, reason = 'PAYEE_NOT_FOUND'): void {
        for (let i = 0; i < count; i++) failingRefunds.push(reason);
      },
    },
  };
}
