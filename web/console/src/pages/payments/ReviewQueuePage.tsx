import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import { Alert, Box, Button, Chip, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { api } from '../../api/http.ts';
import { ReviewItemView } from '../../extensions/payments/ReviewItemView.tsx';
import { REVIEW_KEYS, type ReviewItem, type ReviewQueue } from '../../extensions/payments/review-types.ts';

const QUERY_KEY = ['payments', 'review'];
/** How long a verify or deny waits, undoable, before it is sent: money is never settled by one key press. */
export const UNDO_MS = 5_000;

interface Held {
  id: string;
  verb: 'verify' | 'deny';
  body?: { reason: string };
  timer: ReturnType<typeof setTimeout>;
}

function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/**
 * Payment review as a queue: the proof large beside amount, reference, payer and what it pays for,
 * a likely duplicate with the other proof beside it; verify (V) or deny (D) moves to the next one,
 * J and K step without deciding. A decision waits `UNDO_MS` with an Undo (U) before it is sent; leaving
 * the page, reloading it or closing the tab sends it at once (issue 55 item 4). Serves every module's
 * payments (raffle orders, mess fees).
 */
export default function ReviewQueuePage() {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const queue = useQuery({
    queryKey: QUERY_KEY,
    queryFn: () => api<ReviewQueue>('/api/payments/review?perPage=100'),
  });
  const items = queue.data?.items ?? [];
  const [index, setIndex] = useState(0);
  const [busy, setBusy] = useState(false);
  const [denyRequested, setDenyRequested] = useState(0);
  const at = Math.min(index, Math.max(items.length - 1, 0));
  const item: ReviewItem | undefined = items[at];

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
    [client, notify, translate],
  );
  const decide = useCallback(
    (verb: 'verify' | 'deny', body?: { reason: string }) => {
      if (!item || busy || heldRef.current) return;
      const decision: Held = {
        id: item.payment.id,
        verb,
        body,
        timer: setTimeout(() => void send(decision), UNDO_MS),
      };
      heldRef.current = decision;
      setHeld(decision);
    },
    [item, busy, send],
  );
  const undo = useCallback(() => {
    if (!heldRef.current) return;
    clearTimeout(heldRef.current.timer);
    heldRef.current = null;
    setHeld(null);
    notify(translate('od.review.undone'), { type: 'info' });
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

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      const key = e.key.toLowerCase();
      if (key === REVIEW_KEYS.undo && heldRef.current) undo();
      else if (key === REVIEW_KEYS.verify) decide('verify');
      else if (key === REVIEW_KEYS.deny && item) setDenyRequested((n) => n + 1);
      else if (key === REVIEW_KEYS.next || e.key === 'ArrowRight')
        setIndex(Math.min(at + 1, items.length - 1));
      else if (key === REVIEW_KEYS.previous || e.key === 'ArrowLeft') setIndex(Math.max(at - 1, 0));
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [decide, undo, item, at, items.length]);

  return (
    <Box sx={{ py: 2 }} data-testid="review-queue">
      <Title title={translate('od.review.title')} />
      <Stack
        direction="row"
        spacing={1}
        sx={{ mb: 2, flexWrap: 'wrap', rowGap: 1, alignItems: 'center', justifyContent: 'flex-end' }}
      >
        {/* Keys mean nothing on a phone: the hint shows where there is a keyboard. */}
        <Typography
          variant="caption"
          color="text.secondary"
          sx={{ flexGrow: 1, display: { xs: 'none', sm: 'block' } }}
        >
          {translate('od.review.keys')}
        </Typography>
        <Chip
          data-testid="review-position"
          label={
            items.length
              ? translate('od.review.position', { at: at + 1, total: queue.data?.total ?? items.length })
              : translate('od.review.position_empty')
          }
        />
        <Button
          startIcon={<NavigateBeforeIcon />}
          disabled={at === 0}
          onClick={() => setIndex(at - 1)}
          title={`${translate('od.review.previous')} (K)`}
        >
          {translate('od.review.previous')}
        </Button>
        <Button
          endIcon={<NavigateNextIcon />}
          disabled={at >= items.length - 1}
          onClick={() => setIndex(at + 1)}
          title={`${translate('od.review.next')} (J)`}
        >
          {translate('od.review.next')}
        </Button>
      </Stack>
      {held && (
        <Alert
          severity={held.verb === 'verify' ? 'success' : 'warning'}
          sx={{ mb: 2 }}
          data-testid="review-held"
          action={
            <Button color="inherit" size="small" onClick={undo}>
              {translate('od.review.undo')} (U)
            </Button>
          }
        >
          {translate(held.verb === 'verify' ? 'od.review.verifying' : 'od.review.denying', {
            seconds: UNDO_MS / 1000,
          })}
        </Alert>
      )}
      {queue.isLoading ? null : !item ? (
        <Alert severity="success" data-testid="review-empty">
          {translate('od.review.empty')}
        </Alert>
      ) : (
        <ReviewItemView
          key={item.payment.id}
          item={item}
          busy={busy || !!held}
          canDecide
          onVerify={() => decide('verify')}
          onDeny={(reason) => decide('deny', { reason })}
          denyRequested={denyRequested}
        />
      )}
    </Box>
  );
}
