import { useCallback, useEffect, useRef, useState } from 'react';
import type { PurchaseRefundBody } from '../browser.ts';

/** How long a refund waits, undoable, before it is sent (as the console's other money decisions do). */
export const UNDO_MS = 5_000;

/** A refund staff confirmed, waiting `UNDO_MS` with its Idempotency-Key (a resend is the same refund). */
export interface HeldRefund {
  body: PurchaseRefundBody & { amount: { amountMinor: number; currency: string } };
  key: string;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Holds a confirmed refund for `UNDO_MS` before `send` sends it; `undo` drops it, nothing sent.
 * Leaving the page sends what is held, as the review queue and the payment's Refund panel do.
 */
export function useHeldRefund(send: (held: HeldRefund) => Promise<void>) {
  const [held, setHeld] = useState<HeldRefund | null>(null);
  const heldRef = useRef<HeldRefund | null>(null);
  // The latest `send`, so the page's leaving (an effect run once) sends with it.
  const sendRef = useRef(send);
  sendRef.current = send;
  const release = useCallback(async (h: HeldRefund) => {
    heldRef.current = null;
    setHeld(null);
    await sendRef.current(h);
  }, []);
  useEffect(
    () => () => {
      if (heldRef.current) {
        clearTimeout(heldRef.current.timer);
        void release(heldRef.current);
      }
    },
    [release],
  );
  const hold = (body: HeldRefund['body']) => {
    const h: HeldRefund = {
      body,
      key: crypto.randomUUID(),
      timer: setTimeout(() => void release(h), UNDO_MS),
    };
    heldRef.current = h;
    setHeld(h);
  };
  const undo = () => {
    if (!heldRef.current) return false;
    clearTimeout(heldRef.current.timer);
    heldRef.current = null;
    setHeld(null);
    return true;
  };
  return { held, hold, undo };
}
