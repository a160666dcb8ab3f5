import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import { Alert, Box, Button, Chip, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { api } from '../../api/http.ts';
import { ReviewItemView } from '../../extensions/payments/ReviewItemView.tsx';
import { REVIEW_KEYS, type ReviewItem, type ReviewQueue } from '../../extensions/payments/review-types.ts';

import { QUERY_KEY, UNDO_MS, useHeldDecision } from './use-held-decision.ts';

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

  const { held, decide: hold, undo } = useHeldDecision(setBusy);
  const decide = useCallback(
    (verb: 'verify' | 'deny', body?: { reason: string }) => {
      if (item && !busy) hold(item.payment.id, verb, body);
    },
    [item, busy, hold],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      const key = e.key.toLowerCase();
      if (key === REVIEW_KEYS.undo) {
        if (!undo()) return;
      } else if (key === REVIEW_KEYS.verify) decide('verify');
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
      <QueuePosition
        at={at}
        count={items.length}
        total={queue.data?.total ?? items.length}
        onMove={setIndex}
      />
      {held && <HeldNotice verb={held.verb} onUndo={undo} />}
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

interface QueuePositionProps {
  /** The position shown, from 0. */
  at: number;
  /** Proofs loaded; `total` waiting in all. */
  count: number;
  total: number;
  onMove: (index: number) => void;
}

/** Where the reviewer is in the queue, with the keys' hint and the previous and next buttons. */
function QueuePosition({ at, count, total, onMove }: QueuePositionProps) {
  const translate = useTranslate();
  return (
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
          count
            ? translate('od.review.position', { at: at + 1, total })
            : translate('od.review.position_empty')
        }
      />
      <Button
        startIcon={<NavigateBeforeIcon />}
        disabled={at === 0}
        onClick={() => onMove(at - 1)}
        title={`${translate('od.review.previous')} (K)`}
      >
        {translate('od.review.previous')}
      </Button>
      <Button
        endIcon={<NavigateNextIcon />}
        disabled={at >= count - 1}
        onClick={() => onMove(at + 1)}
        title={`${translate('od.review.next')} (J)`}
      >
        {translate('od.review.next')}
      </Button>
    </Stack>
  );
}

/** The decision waiting to be sent, with its Undo (U). */
function HeldNotice({ verb, onUndo }: { verb: 'verify' | 'deny'; onUndo: () => void }) {
  const translate = useTranslate();
  return (
    <Alert
      severity={verb === 'verify' ? 'success' : 'warning'}
      sx={{ mb: 2 }}
      data-testid="review-held"
      action={
        <Button color="inherit" size="small" onClick={onUndo}>
          {translate('od.review.undo')} (U)
        </Button>
      }
    >
      {translate(verb === 'verify' ? 'od.review.verifying' : 'od.review.denying', {
        seconds: UNDO_MS / 1000,
      })}
    </Alert>
  );
}
