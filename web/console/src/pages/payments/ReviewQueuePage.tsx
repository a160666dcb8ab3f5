import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Link,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api } from '../../api/http.ts';
import { useFormat } from '../../format/useFormat.ts';
import { ProofView } from './ProofView.tsx';
import { type PurposeLabel, REVIEW_KEYS, type ReviewItem, type ReviewQueue } from './review-types.ts';

const QUERY_KEY = ['payments', 'review'];

function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** What a payment pays for, in the module's words; the purpose type only where no module labels it. */
function PurposeText({ purpose, fallback }: { purpose: PurposeLabel | null; fallback: string }) {
  const translate = useTranslate();
  if (!purpose) return <>{fallback}</>;
  const text = translate(purpose.key, { ...purpose.params, _: fallback });
  return purpose.record ? (
    <Link component={RouterLink} to={`/${purpose.record.resource}/${purpose.record.id}/show`}>
      {text}
    </Link>
  ) : (
    text
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box>
      <Typography component="dt" variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, fontSize: 18, overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </Box>
  );
}

/**
 * Payment review as a queue: the proof large beside amount, reference, payer and what it pays for,
 * a likely duplicate with the other proof beside it; verify (V) or deny (D) moves to the next one,
 * J and K step without deciding. Serves every module's payments (raffle orders, mess fees).
 */
export default function ReviewQueuePage() {
  const translate = useTranslate();
  const notify = useNotify();
  const format = useFormat();
  const client = useQueryClient();
  const queue = useQuery({
    queryKey: QUERY_KEY,
    queryFn: () => api<ReviewQueue>('/api/payments/review?limit=100'),
  });
  const items = queue.data?.items ?? [];
  const [index, setIndex] = useState(0);
  const [busy, setBusy] = useState(false);
  const [denying, setDenying] = useState(false);
  const [reason, setReason] = useState('');
  const at = Math.min(index, Math.max(items.length - 1, 0));
  const item: ReviewItem | undefined = items[at];

  const decide = useCallback(
    async (verb: 'verify' | 'deny', body?: { reason: string }) => {
      if (!item || busy) return;
      setBusy(true);
      try {
        await api(`/api/payments/${item.payment.id}/${verb}`, { method: 'POST', body });
        notify(translate(verb === 'verify' ? 'od.review.verified' : 'od.review.denied'), { type: 'success' });
        // The decided one leaves the queue; the same position now holds the next one.
        await client.invalidateQueries({ queryKey: QUERY_KEY });
      } catch (err) {
        notify((err as Error).message, { type: 'error' });
        await client.invalidateQueries({ queryKey: QUERY_KEY });
      } finally {
        setBusy(false);
        setDenying(false);
        setReason('');
      }
    },
    [item, busy, client, notify, translate],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target) || denying) return;
      if (document.querySelector('[role="dialog"]')) return;
      const key = e.key.toLowerCase();
      if (key === REVIEW_KEYS.verify) void decide('verify');
      else if (key === REVIEW_KEYS.deny && item) setDenying(true);
      else if (key === REVIEW_KEYS.next || e.key === 'ArrowRight')
        setIndex(Math.min(at + 1, items.length - 1));
      else if (key === REVIEW_KEYS.previous || e.key === 'ArrowLeft') setIndex(Math.max(at - 1, 0));
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [decide, denying, item, at, items.length]);

  const submitDenial = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim()) void decide('deny', { reason: reason.trim() });
  };

  return (
    <Box sx={{ py: 2 }} data-testid="review-queue">
      <Title title={translate('od.review.title')} />
      <Stack
        direction="row"
        spacing={1}
        sx={{ mb: 2, flexWrap: 'wrap', rowGap: 1, alignItems: 'center', justifyContent: 'flex-end' }}
      >
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
      {queue.isLoading ? null : !item ? (
        <Alert severity="success" data-testid="review-empty">
          {translate('od.review.empty')}
        </Alert>
      ) : (
        <Box
          sx={{
            display: 'grid',
            gap: 2,
            gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 3fr) minmax(280px, 2fr)' },
            alignItems: 'start',
          }}
        >
          {/* The proof (and a look-alike beside it); on a phone it comes after the facts and buttons. */}
          <Card sx={{ order: { xs: 2, md: 0 } }}>
            <CardContent
              sx={{
                display: 'grid',
                gap: 2,
                gridTemplateColumns: { xs: '1fr', lg: item.duplicates.length ? '1fr 1fr' : '1fr' },
              }}
            >
              <Box>
                {item.duplicates.length > 0 && (
                  <Typography variant="subtitle2" sx={{ mb: 1 }}>
                    {translate('od.review.this_proof')}
                  </Typography>
                )}
                <ProofView proof={item.proof} height={item.duplicates.length ? 460 : 560} />
              </Box>
              {item.duplicates.map((d) => (
                <Box key={d.payment.id} data-testid="review-duplicate-proof">
                  <Typography variant="subtitle2" color="warning.main" sx={{ mb: 1 }}>
                    {translate('od.review.earlier_proof')}
                  </Typography>
                  <ProofView proof={d.proof} height={460} />
                  <Typography variant="body2" sx={{ mt: 1 }}>
                    {format.money(d.payment.amount.amountMinor, d.payment.amount.currency)} ·{' '}
                    {translate(`payments.options.${d.payment.status}`, { _: d.payment.status })} ·{' '}
                    {format.dateTime(d.payment.createdAt)}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    <PurposeText purpose={d.purpose} fallback={d.payment.purpose.type} />
                    {d.payment.externalReference ? ` · ${d.payment.externalReference}` : ''}
                  </Typography>
                </Box>
              ))}
            </CardContent>
          </Card>
          <Stack spacing={2} sx={{ order: { xs: 1, md: 0 } }}>
            {item.duplicates.length > 0 && (
              <Alert severity="warning" data-testid="review-duplicates">
                {translate('od.review.duplicate_warning', { smart_count: item.duplicates.length })}
              </Alert>
            )}
            <Card>
              <CardContent component="dl" sx={{ m: 0, display: 'grid', gap: 2 }}>
                <Fact label={translate('od.review.amount')}>
                  <strong data-testid="review-amount">
                    {format.money(item.payment.amount.amountMinor, item.payment.amount.currency)}
                  </strong>
                </Fact>
                <Fact label={translate('od.review.pays_for')}>
                  <span data-testid="review-purpose">
                    <PurposeText purpose={item.purpose} fallback={item.payment.purpose.type} />
                  </span>
                </Fact>
                <Fact label={translate('od.review.payer')}>
                  <span data-testid="review-payer">
                    {item.payerName ?? item.payment.payerMsisdn ?? '—'}
                    {item.payerName && item.payment.payerMsisdn ? ` · ${item.payment.payerMsisdn}` : ''}
                  </span>
                </Fact>
                <Fact label={translate('od.review.reference')}>
                  <span data-testid="review-reference">{item.payment.externalReference ?? '—'}</span>
                </Fact>
                <Fact label={translate('od.review.submitted')}>
                  {format.dateTime(item.payment.createdAt)}
                </Fact>
              </CardContent>
            </Card>
            <Stack direction="row" spacing={1}>
              <Button
                variant="contained"
                color="success"
                size="large"
                startIcon={<CheckIcon />}
                disabled={busy}
                onClick={() => void decide('verify')}
                data-testid="review-verify"
                sx={{ flex: 1 }}
              >
                {translate('od.review.verify')} (V)
              </Button>
              <Button
                variant="outlined"
                color="error"
                size="large"
                startIcon={<CloseIcon />}
                disabled={busy}
                onClick={() => setDenying(true)}
                data-testid="review-deny"
                sx={{ flex: 1 }}
              >
                {translate('od.review.deny')} (D)
              </Button>
            </Stack>
            <Typography variant="caption" color="text.secondary">
              {translate('od.review.keys')}
            </Typography>
          </Stack>
        </Box>
      )}
      <Dialog open={denying} onClose={() => setDenying(false)} maxWidth="xs" fullWidth>
        <form onSubmit={submitDenial}>
          <DialogTitle>{translate('od.review.deny')}</DialogTitle>
          <DialogContent>
            <TextField
              name="reason"
              label={translate('od.review.reason')}
              autoFocus
              fullWidth
              required
              margin="dense"
              slotProps={{ htmlInput: { maxLength: 500 } }}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setDenying(false)}>{translate('ra.action.cancel')}</Button>
            <Button type="submit" variant="contained" color="error" disabled={busy || !reason.trim()}>
              {translate('od.review.deny')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </Box>
  );
}
