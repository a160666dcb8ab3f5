import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { api } from '../../../../web/console/src/extensions/index.ts';
import { digitsOf, payBackPrefill, toMinor } from './pay-back.rules.ts';
import type { Overview } from './student-overview.ts';

/** How long a pay-back waits, undoable, before it is sent (as the console's refunds and payment decisions do). */
export const UNDO_MS = 5_000;

interface Held {
  body: { amountMinor: number; reason: string };
  key: string;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Sends a pay-back after `UNDO_MS` unless undone (leaving the page sends it, as the refund panel does);
 * one Idempotency-Key per pay-back, so a retried request pays once.
 */
function useHeldPayBack(studentId: string, onSent: () => Promise<unknown>) {
  const translate = useTranslate();
  const notify = useNotify();
  const [held, setHeld] = useState<Held | null>(null);
  const heldRef = useRef<Held | null>(null);
  const send = useCallback(
    async (h: Held) => {
      heldRef.current = null;
      setHeld(null);
      try {
        const { refunds } = await api<{ refunds: Array<{ status: string }> }>(
          `/api/mess/students/${studentId}/pay-back`,
          { method: 'POST', body: h.body, headers: { 'idempotency-key': h.key } },
        );
        const waits = refunds.some((r) => r.status === 'awaiting_approval');
        notify(translate(waits ? 'mess.pay_back.sent_approval' : 'mess.pay_back.sent_ok'), {
          type: 'success',
        });
      } catch (err) {
        notify((err as Error).message, { type: 'error' });
      } finally {
        await onSent();
      }
    },
    [studentId, notify, translate, onSent],
  );
  useEffect(
    () => () => {
      if (!heldRef.current) return;
      clearTimeout(heldRef.current.timer);
      void send(heldRef.current);
    },
    [send],
  );
  const hold = (body: Held['body']) => {
    const h: Held = { body, key: crypto.randomUUID(), timer: setTimeout(() => void send(h), UNDO_MS) };
    heldRef.current = h;
    setHeld(h);
  };
  const undo = () => {
    if (!heldRef.current) return;
    clearTimeout(heldRef.current.timer);
    heldRef.current = null;
    setHeld(null);
    notify(translate('mess.pay_back.undone'), { type: 'info' });
  };
  return { held, hold, undo };
}

/**
 * "Pay back" on a student's page (issue 62): what may go back (the credit: what the student paid
 * beyond the dues, an over-payment or an advance), pre-filled, with a reason the student reads; paid in cash at the office through core
 * refunds (above one's limit it waits for a second person and changes nothing meanwhile), after a
 * 5-second undo. A pay-back still waiting for approval is said here.
 */
export function PayBackAction({
  studentId,
  payBack,
  mayPayBack,
  money,
  onSent,
}: {
  studentId: string;
  payBack: Overview['payBack'];
  /** The reader holds `mess.payment.refund`; anyone reading the page sees what waits for approval. */
  mayPayBack: boolean;
  money: (minor: number) => string;
  onSent: () => Promise<unknown>;
}) {
  const translate = useTranslate();
  const { held, hold, undo } = useHeldPayBack(studentId, onSent);
  const [open, setOpen] = useState(false);
  return (
    <Stack spacing={1} sx={{ mt: 1 }} data-testid="mess-pay-back">
      {payBack.onTheWayMinor > 0 && (
        <Alert severity="info" data-testid="mess-pay-back-waiting">
          {translate('mess.pay_back.awaiting', { amount: money(payBack.onTheWayMinor) })}
        </Alert>
      )}
      {held && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={undo} data-testid="mess-pay-back-undo">
              {translate('mess.pay_back.undo')}
            </Button>
          }
        >
          {translate('mess.pay_back.sending', {
            amount: money(held.body.amountMinor),
            seconds: Math.round(UNDO_MS / 1000),
          })}
        </Alert>
      )}
      {mayPayBack && !held && payBack.creditMinor > 0 && (
        <Button
          variant="outlined"
          sx={{ alignSelf: 'flex-start' }}
          data-testid="mess-pay-back-open"
          onClick={() => setOpen(true)}
        >
          {translate('mess.pay_back.action')}
        </Button>
      )}
      {open && (
        <PayBackDialog
          payBack={payBack}
          money={money}
          onClose={() => setOpen(false)}
          onConfirm={(body) => {
            hold(body);
            setOpen(false);
          }}
        />
      )}
    </Stack>
  );
}

/** The pay-back's form: how much (all the credit unless changed) and why. */
function PayBackDialog({
  payBack,
  money,
  onClose,
  onConfirm,
}: {
  payBack: Overview['payBack'];
  money: (minor: number) => string;
  onClose: () => void;
  onConfirm: (body: Held['body']) => void;
}) {
  const translate = useTranslate();
  const digits = digitsOf(payBack.currency);
  const [amount, setAmount] = useState(() => payBackPrefill(payBack.creditMinor, digits));
  const [reason, setReason] = useState('');
  const minor = toMinor(amount, digits);
  const valid = reason.trim() !== '' && minor > 0 && minor <= payBack.creditMinor;
  return (
    <Dialog open onClose={onClose}>
      <DialogTitle>{translate('mess.pay_back.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1, minWidth: 320 }}>
          <TextField
            label={translate('mess.pay_back.amount', { currency: payBack.currency })}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            helperText={translate('mess.pay_back.at_most', { amount: money(payBack.creditMinor) })}
            slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'mess-pay-back-amount' } }}
          />
          <TextField
            label={translate('mess.pay_back.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'mess-pay-back-reason' } }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          disabled={!valid}
          data-testid="mess-pay-back-confirm"
          onClick={() => onConfirm({ amountMinor: minor, reason: reason.trim() })}
        >
          {translate('mess.pay_back.action')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
