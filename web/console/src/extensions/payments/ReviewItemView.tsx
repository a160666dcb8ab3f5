import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
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
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { useFormat } from '../../format/useFormat.ts';
import { ProofView } from './ProofView.tsx';
import type { PurposeLabel, ReviewItem } from './review-types.ts';

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

function Fact({ label, children }: { label: string; children: ReactNode }) {
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

interface ReviewItemViewProps {
  item: ReviewItem;
  busy: boolean;
  canDecide: boolean;
  onVerify: () => void;
  onDeny: (reason: string) => void;
  denyRequested?: number;
}

/**
 * One payment to decide on: the proof large (a look-alike beside it), amount, what it pays for,
 * payer and reference; verify, or deny with a reason. The review queue and the payment panel of a
 * record page (a raffle order, a mess payment) share it. `denyRequested` opens the reason dialog
 * from outside (the D key of the queue).
 */
export function ReviewItemView({
  item,
  busy,
  canDecide,
  onVerify,
  onDeny,
  denyRequested = 0,
}: ReviewItemViewProps) {
  const translate = useTranslate();
  const [denying, setDenying] = useState(false);
  const [reason, setReason] = useState('');
  // Only a request made while this payment is shown opens the dialog: the count a D press left
  // behind on the one decided before is this view's starting point, not a request (issue 54 item 2).
  const [denyRequestsSeen] = useState(denyRequested);
  useEffect(() => {
    if (denyRequested !== denyRequestsSeen) setDenying(true);
  }, [denyRequested, denyRequestsSeen]);
  const submitDenial = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return;
    onDeny(reason.trim());
    setDenying(false);
    setReason('');
  };
  const pending = item.payment.status === 'submitted';
  const twoProofs = item.duplicates.length > 0;
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 3fr) minmax(280px, 2fr)' },
        alignItems: 'start',
      }}
    >
      {/* The proof (and a look-alike beside it); on a phone it comes after the facts and buttons. */}
      <ProofsCard item={item} />
      <Stack spacing={2} sx={{ order: { xs: 1, md: 0 } }}>
        {twoProofs && (
          <Alert severity="warning" data-testid="review-duplicates">
            {translate('od.review.duplicate_warning', { smart_count: item.duplicates.length })}
          </Alert>
        )}
        <PaymentFacts item={item} pending={pending} />
        {canDecide && pending && (
          <DecideButtons busy={busy} onVerify={onVerify} onDeny={() => setDenying(true)} />
        )}
      </Stack>
      <DenyDialog
        open={denying}
        reason={reason}
        onReason={setReason}
        busy={busy}
        onCancel={() => setDenying(false)}
        onSubmit={submitDenial}
      />
    </Box>
  );
}

/** The proof large and, beside it, each earlier proof that looks like it with its payment. */
function ProofsCard({ item }: { item: ReviewItem }) {
  const translate = useTranslate();
  const format = useFormat();
  const twoProofs = item.duplicates.length > 0;
  return (
    <Card sx={{ order: { xs: 2, md: 0 } }}>
      <CardContent
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: '1fr', lg: twoProofs ? '1fr 1fr' : '1fr' },
        }}
      >
        <Box>
          {twoProofs && (
            <Typography variant="subtitle2" sx={{ mb: 1 }}>
              {translate('od.review.this_proof')}
            </Typography>
          )}
          <ProofView proof={item.proof} height={twoProofs ? 460 : 560} />
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
  );
}

/** Amount (and its state once decided), what it pays for, payer, reference and when it came. */
function PaymentFacts({ item, pending }: { item: ReviewItem; pending: boolean }) {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <Card>
      <CardContent component="dl" sx={{ m: 0, display: 'grid', gap: 2 }}>
        <Fact label={translate('od.review.amount')}>
          <strong data-testid="review-amount">
            {format.money(item.payment.amount.amountMinor, item.payment.amount.currency)}
          </strong>{' '}
          {!pending && (
            <Chip
              size="small"
              data-testid="review-status"
              label={translate(`payments.options.${item.payment.status}`, { _: item.payment.status })}
            />
          )}
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
        <Fact label={translate('od.review.submitted')}>{format.dateTime(item.payment.createdAt)}</Fact>
      </CardContent>
    </Card>
  );
}

interface DenyDialogProps {
  open: boolean;
  reason: string;
  onReason: (reason: string) => void;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (event: FormEvent) => void;
}

/** Denying asks for its reason (at most 500 characters). */
function DenyDialog({ open, reason, onReason, busy, onCancel, onSubmit }: DenyDialogProps) {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onCancel} maxWidth="xs" fullWidth>
      <form onSubmit={onSubmit}>
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
            onChange={(e) => onReason(e.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" color="error" disabled={busy || !reason.trim()}>
            {translate('od.review.deny')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Verify (V) or deny (D), while the payment waits for its review. */
function DecideButtons({
  busy,
  onVerify,
  onDeny,
}: {
  busy: boolean;
  onVerify: () => void;
  onDeny: () => void;
}) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1}>
      <Button
        variant="contained"
        color="success"
        size="large"
        startIcon={<CheckIcon />}
        disabled={busy}
        onClick={onVerify}
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
        onClick={onDeny}
        data-testid="review-deny"
        sx={{ flex: 1 }}
      >
        {translate('od.review.deny')} (D)
      </Button>
    </Stack>
  );
}
