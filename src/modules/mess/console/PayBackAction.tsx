import { Alert, Button, Stack } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import {
  HeldNotice,
  RefundAmountField,
  RefundDialog,
  UNDO_SECONDS,
  useHeldPost,
} from '../../../../web/console/src/extensions/index.ts';
import { digitsOf, payBackPrefill, toMinor } from './pay-back.rules.ts';
import type { Overview } from './student-overview.ts';

/** What a pay-back sends (`POST /api/mess/students/{id}/pay-back`). */
interface PayBack {
  amountMinor: number;
  reason: string;
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
  // Sent once under its Idempotency-Key after a 5 s undo; leaving the page sends it.
  const { held, hold, undo } = useHeldPost<PayBack, { refunds: Array<{ status: string }> }>({
    url: `/api/mess/students/${studentId}/pay-back`,
    said: ({ refunds }) =>
      refunds.some((r) => r.status === 'awaiting_approval')
        ? 'mess.pay_back.sent_approval'
        : 'mess.pay_back.sent_ok',
    undone: 'mess.pay_back.undone',
    after: onSent,
  });
  const [open, setOpen] = useState(false);
  return (
    <Stack spacing={1} sx={{ mt: 1 }} data-testid="mess-pay-back">
      {payBack.onTheWayMinor > 0 && (
        <Alert severity="info" data-testid="mess-pay-back-waiting">
          {translate('mess.pay_back.awaiting', { amount: money(payBack.onTheWayMinor) })}
        </Alert>
      )}
      {held && (
        <HeldNotice
          undoTestId="mess-pay-back-undo"
          text={translate('mess.pay_back.sending', {
            amount: money(held.amountMinor),
            seconds: UNDO_SECONDS,
          })}
          undo={translate('mess.pay_back.undo')}
          onUndo={undo}
        />
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
  onConfirm: (body: PayBack) => void;
}) {
  const translate = useTranslate();
  const digits = digitsOf(payBack.currency);
  const [amount, setAmount] = useState(() => payBackPrefill(payBack.creditMinor, digits));
  const [reason, setReason] = useState('');
  const minor = toMinor(amount, digits);
  return (
    <RefundDialog
      title={translate('mess.pay_back.title')}
      action={translate('mess.pay_back.action')}
      testId="mess-pay-back"
      reason={{ label: translate('mess.pay_back.reason'), value: reason, onChange: setReason }}
      valid={reason.trim() !== '' && minor > 0 && minor <= payBack.creditMinor}
      onClose={onClose}
      onConfirm={() => onConfirm({ amountMinor: minor, reason: reason.trim() })}
    >
      <RefundAmountField
        label={translate('mess.pay_back.amount', { currency: payBack.currency })}
        value={amount}
        onChange={setAmount}
        helperText={translate('mess.pay_back.at_most', { amount: money(payBack.creditMinor) })}
        testId="mess-pay-back-amount"
      />
    </RefundDialog>
  );
}
