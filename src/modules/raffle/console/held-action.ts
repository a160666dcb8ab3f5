import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * How long a raffle action that moves money waits, undoable, before it is sent: as the payment's
 * Refund panel and the review queue do (their `UNDO_MS`), money never goes back by one click.
 */
export const UNDO_MS = 5_000;

interface Held<T> {
  input: T;
  /** The Idempotency-Key of this one request: a retry after a lost answer refunds once. */
  key: string;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * An action held `UNDO_MS` before `send` runs it, with an undo; leaving the page sends what is held,
 * as the Refund panel does. `held` is what waits (for its "…in 5 s, Undo" line).
 */
export function useHeldAction<T>(send: (input: T, key: string) => Promise<void>) {
  const [held, setHeld] = useState<T | null>(null);
  const heldRef = useRef<Held<T> | null>(null);
  const sendRef = useRef(send);
  sendRef.current = send;

  const fire = useCallback(async (h: Held<T>) => {
    heldRef.current = null;
    setHeld(null);
    await sendRef.current(h.input, h.key);
  }, []);

  useEffect(
    () => () => {
      if (heldRef.current) {
        clearTimeout(heldRef.current.timer);
        void fire(heldRef.current);
      }
    },
    [fire],
  );

  const hold = useCallback(
    (input: T) => {
      const h: Held<T> = {
        input,
        key: crypto.randomUUID(),
        timer: setTimeout(() => void fire(h), UNDO_MS),
      };
      heldRef.current = h;
      setHeld(input);
    },
    [fire],
  );

  /** Drops what is held; true when something was. */
  const undo = useCallback((): boolean => {
    if (!heldRef.current) return false;
    clearTimeout(heldRef.current.timer);
    heldRef.current = null;
    setHeld(null);
    return true;
  }, []);

  return { held, hold, undo };
}
