import { Alert, Button } from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';

/** How long money waits, undoable, before it moves: as the console's refunds and payment decisions do. */
export const UNDO_MS = 5_000;

/**
 * An action on money that waits `UNDO_MS` with an Undo before it is sent (money never moves by one
 * click). Leaving the screen sends what is held, as the review queue and the refund panel do.
 */
export function useHeld<T>(send: (value: T) => Promise<void>) {
  const [held, setHeld] = useState<T | null>(null);
  const ref = useRef<{ value: T; timer: ReturnType<typeof setTimeout> } | null>(null);
  const sendRef = useRef(send);
  sendRef.current = send;
  const fire = useCallback(async () => {
    const h = ref.current;
    if (!h) return;
    ref.current = null;
    setHeld(null);
    await sendRef.current(h.value);
  }, []);
  const hold = useCallback(
    (value: T) => {
      if (ref.current) return;
      ref.current = { value, timer: setTimeout(() => void fire(), UNDO_MS) };
      setHeld(value);
    },
    [fire],
  );
  const undo = useCallback(() => {
    if (!ref.current) return;
    clearTimeout(ref.current.timer);
    ref.current = null;
    setHeld(null);
  }, []);
  useEffect(
    () => () => {
      if (ref.current) {
        clearTimeout(ref.current.timer);
        void fire();
      }
    },
    [fire],
  );
  return { held, hold, undo };
}

/** The held action's line: what happens in how many seconds, and its Undo. */
export function HeldNotice(props: { text: string; undo: string; onUndo(): void; testId: string }) {
  return (
    <Alert
      severity="warning"
      data-testid={props.testId}
      sx={{ my: 1 }}
      action={
        <Button color="inherit" size="small" onClick={props.onUndo} data-testid={`${props.testId}-undo`}>
          {props.undo}
        </Button>
      }
    >
      {props.text}
    </Alert>
  );
}
