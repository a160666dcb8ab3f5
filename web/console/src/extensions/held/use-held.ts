import { useCallback, useEffect, useRef, useState } from 'react';

/** How long an action on money waits, undoable, before it is sent: money never moves by one click. */
export const UNDO_MS = 5_000;

interface Holding<T> {
  value: T;
  /** The Idempotency-Key of this one request: a retry after a lost answer acts once. */
  key: string;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * An action held `UNDO_MS` before `send` runs it with its own Idempotency-Key; `undo` drops it (true
 * when something was held) and nothing is sent. Leaving the page sends what is held at once, as the
 * review queue does. `held` is what waits, for its "…in 5 s, Undo" line; one action waits at a time.
 */
export function useHeld<T>(send: (value: T, key: string) => Promise<void>) {
  const [held, setHeld] = useState<T | null>(null);
  const ref = useRef<Holding<T> | null>(null);
  // The latest `send`, so the page's leaving (an effect run once) sends with it.
  const sendRef = useRef(send);
  sendRef.current = send;

  const fire = useCallback(async () => {
    const h = ref.current;
    if (!h) return;
    ref.current = null;
    setHeld(null);
    await sendRef.current(h.value, h.key);
  }, []);

  useEffect(
    () => () => {
      if (!ref.current) return;
      clearTimeout(ref.current.timer);
      void fire();
    },
    [fire],
  );

  const hold = useCallback(
    (value: T) => {
      if (ref.current) return;
      ref.current = { value, key: crypto.randomUUID(), timer: setTimeout(() => void fire(), UNDO_MS) };
      setHeld(value);
    },
    [fire],
  );

  const undo = useCallback((): boolean => {
    if (!ref.current) return false;
    clearTimeout(ref.current.timer);
    ref.current = null;
    setHeld(null);
    return true;
  }, []);

  return { held, hold, undo };
}

/** The seconds a held action waits, for its line ("…in 5 seconds"). */
export const UNDO_SECONDS = Math.round(UNDO_MS / 1000);
