import {
  Alert,
  Button,
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
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import {
  api,
  RecordPanelCard,
  type RecordPanelProps,
  useFormat,
  useLiveTopic,
  useSession,
} from '../../../../web/console/src/extensions/index.ts';
import type { OrderRefundAnswerJson, OrderRefundStateJson } from '../browser.ts';
import { minorOfTyped, typedOfMinor } from './refund-amount.ts';

/** How long a refund waits, undoable, before it is sent: as payment decisions and refunds elsewhere. */
const UNDO_MS = 5_000;

type Money = OrderRefundStateJson['sale'];

interface Held {
  reason: string;
  /** What goes back: what is left of the sale (prefilled) or a part of it. */
  amount: Money;
  key: string;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * A machine sale's refund, on its page: whether the sale is in the takings, refunded (by staff or by the
 * machine after a failed vend), partly refunded or waiting for a second person's approval; Refund gives
 * what is left of the sale back, or a part of it, with a reason, after `UNDO_MS` with an Undo (money never goes back by one click). The refund goes
 * through core payments, so above the asker's limit the sale stays sold until someone approves it.
 */
export default function OrderRefundPanel({ id }: RecordPanelProps) {
  const translate = useTranslate();
  const format = useFormat();
  const session = useSession();
  const key = ['coffee', 'order-refund', id];
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => api<OrderRefundStateJson>(`/api/coffee/orders/${id}/refund`),
  });
  useOrderChanges(id);
  const [open, setOpen] = useState(false);
  const { held, hold, undo } = useHeldRefund(id);

  if (!data) return null;
  const amount = format.money(data.sale.amountMinor, data.sale.currency);
  const mayRefund = !!session?.permissions.includes('coffee.order.refund') && data.refundable;
  const turnedDown = data.refunds.filter((r) => r.status === 'rejected').at(-1);

  return (
    <RecordPanelCard testId="coffee-order-refund" title={translate('coffee.refund.title')}>
      <Stack spacing={1.5} sx={{ alignItems: 'flex-start' }}>
        <Typography data-testid="coffee-refund-state">
          {stateLine(data, amount, translate, format)}
        </Typography>
        {data.waiting && data.paymentId && (
          <Link component={RouterLink} to={`/payments.payments/${data.paymentId}/show`}>
            {translate('coffee.refund.open_payment')}
          </Link>
        )}
        {turnedDown && data.paymentStatus === 'paid' && !data.waiting && (
          <Typography color="text.secondary" data-testid="coffee-refund-rejected">
            {translate('coffee.refund.rejected', { reason: turnedDown.rejectionReason ?? '' })}
          </Typography>
        )}
        {held && (
          <Alert
            severity="warning"
            data-testid="coffee-refund-held"
            action={
              <Button color="inherit" size="small" onClick={undo} data-testid="coffee-refund-undo">
                {translate('coffee.refund.undo')}
              </Button>
            }
          >
            {translate('coffee.refund.sending', {
              amount: format.money(held.amount.amountMinor, held.amount.currency),
              seconds: Math.round(UNDO_MS / 1000),
            })}
          </Alert>
        )}
        {mayRefund && !held && (
          <Button variant="outlined" data-testid="coffee-refund-open" onClick={() => setOpen(true)}>
            {translate('coffee.refund.action')}
          </Button>
        )}
      </Stack>
      {open && (
        <RefundReasonDialog
          left={data.left}
          onClose={() => setOpen(false)}
          onConfirm={(reason, asked) => {
            hold(reason, asked);
            setOpen(false);
          }}
        />
      )}
    </RecordPanelCard>
  );
}

/**
 * Refetches the panel and the page's record when this order changes (a second person approved its
 * refund elsewhere, core's payment page refunded it): its details and history follow, not only the panel.
 */
function useOrderChanges(id: string) {
  const client = useQueryClient();
  const refresh = useRefresh();
  const again = () => {
    void client.invalidateQueries({ queryKey: ['coffee', 'order-refund', id] });
    refresh();
  };
  useLiveTopic(['coffee.orders'], (m) => (!m.id || m.id === id) && again(), again);
}

/**
 * A refund held `UNDO_MS` before it is sent (with an Idempotency-Key, so a retried send refunds once);
 * leaving the page sends what is held, as the payments' refund panel does.
 */
function useHeldRefund(id: string) {
  const translate = useTranslate();
  const notify = useNotify();
  const format = useFormat();
  const refresh = useRefresh();
  const client = useQueryClient();
  const [held, setHeld] = useState<Held | null>(null);
  const heldRef = useRef<Held | null>(null);
  const send = useCallback(
    async (h: Held) => {
      heldRef.current = null;
      setHeld(null);
      try {
        const answer = await api<OrderRefundAnswerJson>(`/api/coffee/orders/${id}/refund`, {
          method: 'POST',
          body: { reason: h.reason, amount: h.amount },
          headers: { 'idempotency-key': h.key },
        });
        const waits = answer.refund?.status === 'awaiting_approval';
        const words = waits
          ? 'coffee.refund.sent_approval'
          : answer.paymentStatus === 'refunded'
            ? 'coffee.refund.done'
            : 'coffee.refund.done_part';
        notify(translate(words, { amount: format.money(h.amount.amountMinor, h.amount.currency) }), {
          type: 'success',
        });
      } catch (err) {
        // A refusal is said in the server's words, already in the reader's language.
        notify((err as Error).message, { type: 'error' });
      } finally {
        await client.invalidateQueries({ queryKey: ['coffee', 'order-refund', id] });
        refresh();
      }
    },
    [client, format, id, notify, refresh, translate],
  );
  useEffect(
    () => () => {
      if (heldRef.current) {
        clearTimeout(heldRef.current.timer);
        void send(heldRef.current);
      }
    },
    [send],
  );
  const hold = (reason: string, amount: Money) => {
    const h: Held = {
      reason,
      amount,
      key: crypto.randomUUID(),
      timer: setTimeout(() => void send(h), UNDO_MS),
    };
    heldRef.current = h;
    setHeld(h);
  };
  const undo = () => {
    if (!heldRef.current) return;
    clearTimeout(heldRef.current.timer);
    heldRef.current = null;
    setHeld(null);
    notify(translate('coffee.refund.undone'), { type: 'info' });
  };
  return { held, hold, undo };
}

/** Asks how much goes back (what is left, prefilled, or a part) and why, saying when it leaves the takings. */
function RefundReasonDialog(props: {
  left: Money;
  onClose: () => void;
  onConfirm: (reason: string, amount: Money) => void;
}) {
  const translate = useTranslate();
  const format = useFormat();
  const { currency } = props.left;
  const leftWords = format.money(props.left.amountMinor, currency);
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState(typedOfMinor(props.left.amountMinor, currency));
  const minor = minorOfTyped(typed, currency);
  const amountOk = minor > 0 && minor <= props.left.amountMinor;
  return (
    <Dialog open onClose={props.onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{translate('coffee.refund.dialog')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <Typography>{translate('coffee.refund.how', { left: leftWords })}</Typography>
          <TextField
            label={translate('coffee.refund.amount', { currency })}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            error={!amountOk}
            helperText={translate('coffee.refund.left', { amount: leftWords })}
            slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'coffee-refund-amount' } }}
          />
          <TextField
            label={translate('coffee.refund.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'coffee-refund-reason' } }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          disabled={!reason.trim() || !amountOk}
          onClick={() => props.onConfirm(reason.trim(), { amountMinor: minor, currency })}
          data-testid="coffee-refund-confirm"
        >
          {translate('coffee.refund.action')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Where the sale stands, in a sentence: in the takings, waiting for approval, or refunded (and by whom). */
function stateLine(
  data: OrderRefundStateJson,
  amount: string,
  translate: (key: string, options?: Record<string, unknown>) => string,
  format: ReturnType<typeof useFormat>,
): string {
  if (data.paymentStatus === 'refunded') {
    if (data.vendStatus === 'failed' && data.refunds.length === 0)
      return translate('coffee.refund.by_machine', { amount });
    return translate('coffee.refund.refunded', {
      amount,
      at: data.refundedAt ? format.dateTime(data.refundedAt) : '',
      reason: data.refundReason ?? '',
    });
  }
  if (data.paymentStatus === 'unpaid') return translate('coffee.refund.unpaid');
  const waiting = data.refunds.find((r) => r.status === 'awaiting_approval');
  if (data.waiting && waiting)
    return translate('coffee.refund.waiting', {
      amount: format.money(waiting.amount.amountMinor, waiting.amount.currency),
    });
  if (data.refunded.amountMinor > 0)
    return translate('coffee.refund.part', {
      amount,
      refunded: format.money(data.refunded.amountMinor, data.refunded.currency),
      takings: format.money(data.left.amountMinor, data.left.currency),
    });
  return translate('coffee.refund.sold', { amount });
}
