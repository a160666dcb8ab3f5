import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { api } from '../../api/http.ts';

export const QUERY_KEY = ['payments', 'review'];
/** How long a verify or deny waits, undoable, before it is sent: money is never settled by one key press. */
export const UNDO_MS = 5_000;

interface Held {
  id: string;
  verb: 'verify' | 'deny';
  body?: { reason: string };
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The review's decision held `UNDO_MS` with an Undo, then sent once; leaving the page sends it at once,
 * and leaving the console (a reload, a closed tab) sends it as a keepalive request (issue 55 item 4).
 * `setBusy` tells the page while one is being sent.
 */
export function useHeldDecision(setBusy: (busy: boolean) => void) {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const [held, setHeld] = useState<Held | null>(null);
  const heldRef = useRef<Held | null>(null);

  const send = useCallback(
    async (decision: Held) => {
      clearTimeout(decision.timer);
      if (heldRef.current?.id !== decision.id) return;
      heldRef.current = null;
      setHeld(null);
      setBusy(true);
      try {
        await api(`/api/payments/${decision.id}/${decision.verb}`, { method: 'POST', body: decision.body });
        notify(translate(decision.verb === 'verify' ? 'od.review.verified' : 'od.review.denied'), {
          type: 'success',
        });
      } catch (err) {
        notify((err as Error).message, { type: 'error' });
      } finally {
        // The decided one leaves the queue; the same position now holds the next one.
        await client.invalidateQueries({ queryKey: QUERY_KEY });
        setBusy(false);
      }
    },
    [client, notify, translate, setBusy],
  );
  const decide = useCallback(
    (id: string, verb: 'verify' | 'deny', body?: { reason: string }) => {
      if (heldRef.current) return;
      const decision: Held = { id, verb, body, timer: setTimeout(() => void send(decision), UNDO_MS) };
      heldRef.current = decision;
      setHeld(decision);
    },
    [send],
  );
  /** Drops the decision held, if one is (true), and nothing is sent. */
  const undo = useCallback((): boolean => {
    if (!heldRef.current) return false;
    clearTimeout(heldRef.current.timer);
    heldRef.current = null;
    setHeld(null);
    notify(translate('od.review.undone'), { type: 'info' });
    return true;
  }, [notify, translate]);
  // Leaving the page sends what is held (no decision is lost by navigating away).
  useEffect(
    () => () => {
      if (heldRef.current) void send(heldRef.current);
    },
    [send],
  );
  // So does leaving the console (a reload, a closed tab, another site): the page is going, so the
  // decision is sent as a keepalive request, which the browser finishes after the page is gone.
  useEffect(() => {
    const onPageHide = () => {
      const decision = heldRef.current;
      if (!decision) return;
      clearTimeout(decision.timer);
      heldRef.current = null;
      void api(`/api/payments/${decision.id}/${decision.verb}`, {
        method: 'POST',
        body: decision.body,
        keepalive: true,
      }).catch(() => undefined);
    };
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, []);
  return { held, decide, undo };
}
