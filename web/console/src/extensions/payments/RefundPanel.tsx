import {
  Alert,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { api } from '../../api/http.ts';
import { useSession } from '../../api/use-session.ts';
import { useFormat } from '../../format/useFormat.ts';
import type { RecordPanelProps } from '../console-extension.ts';

interface Money {
  amountMinor: number;
  currency: string;
}
interface RefundItem {
  id: string;
  amount: Money;
  method: 'cash' | 'momo' | 'airtel';
  status: string;
  reason: string;
  failureReason: string | null;
  createdAt: string;
}
interface PaymentRefunds {
  paid: Money;
  refunded: Money;
  left: Money;
  refundable: boolean;
  methods: Array<'cash' | 'momo' | 'airtel'>;
  items: RefundItem[];
}
interface Held {
  body: { amount: Money; method: string; reason: string };
  key: string;
  timer: ReturnType<typeof setTimeout>;
}

/** Digits after the point of a currency (RWF none, USD two), as the browser knows it. */
const exponentOf = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
const toMinor = (text: string, currency: string) =>
  Math.round(Number(text.replace(',', '.')) * 10 ** exponentOf(currency));
const toMajor = (minor: number, currency: string) =>
  (minor / 10 ** exponentOf(currency)).toFixed(exponentOf(currency));

/** How long a refund waits, undoable, before it is sent (as a payment decision does in the review queue). */
export const UNDO_MS = 5_000;

const STATUS_COLOR: Record<string, 'success' | 'error' | 'warning' | 'default'> = {
  succeeded: 'success',
  failed: 'error',
  rejected: 'default',
};

/**
 * Refunds on a payment's page: what was paid, what went back and what is left, each refund with its
 * status; the Refund action opens with the amount left pre-filled, and, as payment decisions do, waits
 * `UNDO_MS` with an Undo before it is sent (money never goes back by one click).
 */
export default function RefundPanel({ id }: RecordPanelProps) {
  return <PaymentRefundPanel paymentId={id} />;
}

/** The same panel for a payment named on another record's page (a raffle order's). */
export function PaymentRefundPanel({ paymentId: id }: { paymentId: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const format = useFormat();
  const client = useQueryClient();
  const session = useSession();
  const key = ['payments', 'refunds', id];
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => api<PaymentRefunds>(`/api/payments/${id}/refunds`),
  });
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState('cash');
  const [reason, setReason] = useState('');
  const [held, setHeld] = useState<Held | null>(null);
  const heldRef = useRef<Held | null>(null);

  const send = useCallback(
    async (h: Held) => {
      heldRef.current = null;
      setHeld(null);
      try {
        const refund = await api<RefundItem>(`/api/payments/${id}/refunds`, {
          method: 'POST',
          body: h.body,
          headers: { 'idempotency-key': h.key },
        });
        notify(translate(`od.refunds.sent_${refund.status === 'awaiting_approval' ? 'approval' : 'ok'}`), {
          type: 'success',
        });
      } catch (err) {
        notify((err as Error).message, { type: 'error' });
      } finally {
        await client.invalidateQueries({ queryKey: ['payments', 'refunds', id] });
        refresh();
      }
    },
    [client, id, notify, refresh, translate],
  );
  // Leaving the page sends what is held, as the review queue does.
  useEffect(
    () => () => {
      if (heldRef.current) {
        clearTimeout(heldRef.current.timer);
        void send(heldRef.current);
      }
    },
    [send],
  );

  if (!data) return null;
  const currency = data.paid.currency;
  const mayRefund = !!session?.permissions.includes('payments.refund.create') && data.refundable;
  const start = () => {
    setAmount(toMajor(data.left.amountMinor, currency));
    setMethod(data.methods[data.methods.length - 1] ?? 'cash');
    setReason('');
    setOpen(true);
  };
  const confirm = () => {
    const h: Held = {
      body: { amount: { amountMinor: toMinor(amount, currency), currency }, method, reason: reason.trim() },
      key: crypto.randomUUID(),
      timer: setTimeout(() => void send(h), UNDO_MS),
    };
    heldRef.current = h;
    setHeld(h);
    setOpen(false);
  };
  const undo = () => {
    if (!heldRef.current) return;
    clearTimeout(heldRef.current.timer);
    heldRef.current = null;
    setHeld(null);
    notify(translate('od.refunds.undone'), { type: 'info' });
  };
  const minor = toMinor(amount, currency);
  const valid = reason.trim() !== '' && minor > 0 && minor <= data.left.amountMinor;

  return (
    <Card sx={{ mt: 2 }} data-testid="payment-refunds-panel">
      <CardHeader title={translate('od.refunds.panel')} titleTypographyProps={{ variant: 'subtitle1' }} />
      <CardContent sx={{ pt: 0 }}>
        <Typography data-testid="refund-totals">
          {translate('od.refunds.totals', {
            paid: format.money(data.paid.amountMinor, currency),
            refunded: format.money(data.refunded.amountMinor, currency),
            left: format.money(data.left.amountMinor, currency),
          })}
        </Typography>
        <Stack spacing={0.5} sx={{ my: 1 }}>
          {data.items.map((r) => (
            <Stack
              key={r.id}
              direction="row"
              spacing={1}
              sx={{ alignItems: 'center' }}
              data-testid="refund-row"
            >
              <Typography sx={{ minWidth: 110 }}>
                {format.money(r.amount.amountMinor, r.amount.currency)}
              </Typography>
              <Chip size="small" label={translate(`payments.options.${r.method}`)} />
              <Chip
                size="small"
                color={STATUS_COLOR[r.status] ?? 'warning'}
                label={translate(`payments.refundStatus.${r.status}`)}
              />
              <Typography color="text.secondary" sx={{ flexGrow: 1 }}>
                {r.reason}
                {r.failureReason ? ` · ${r.failureReason}` : ''}
              </Typography>
              {r.status === 'succeeded' && (
                <Button size="small" href={`/api/refunds/${r.id}/receipt.pdf`} target="_blank">
                  {translate('od.refunds.receipt')}
                </Button>
              )}
            </Stack>
          ))}
        </Stack>
        {held && (
          <Alert
            severity="warning"
            action={
              <Button color="inherit" size="small" onClick={undo}>
                {translate('od.refunds.undo')}
              </Button>
            }
          >
            {translate('od.refunds.sending', {
              amount: format.money(held.body.amount.amountMinor, currency),
              seconds: Math.round(UNDO_MS / 1000),
            })}
          </Alert>
        )}
        {mayRefund && !held && (
          <Button variant="outlined" onClick={start} data-testid="refund-open">
            {translate('od.refunds.action')}
          </Button>
        )}
        <Dialog open={open} onClose={() => setOpen(false)}>
          <DialogTitle>{translate('od.refunds.title')}</DialogTitle>
          <DialogContent>
            <Stack spacing={2} sx={{ mt: 1, minWidth: 320 }}>
              <TextField
                label={translate('od.refunds.amount', { currency })}
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                helperText={translate('od.refunds.left', {
                  left: format.money(data.left.amountMinor, currency),
                })}
                slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'refund-amount' } }}
              />
              <TextField
                select
                label={translate('od.refunds.method')}
                value={method}
                onChange={(e) => setMethod(e.target.value)}
              >
                {data.methods.map((m) => (
                  <MenuItem key={m} value={m}>
                    {translate(`payments.options.${m}`)}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                label={translate('od.refunds.reason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required
                slotProps={{ htmlInput: { 'data-testid': 'refund-reason' } }}
              />
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
            <Button variant="contained" disabled={!valid} onClick={confirm} data-testid="refund-confirm">
              {translate('od.refunds.action')}
            </Button>
          </DialogActions>
        </Dialog>
      </CardContent>
    </Card>
  );
}
