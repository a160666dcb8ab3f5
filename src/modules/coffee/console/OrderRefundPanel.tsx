import { Button, Link, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useRefresh, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import {
  api,
  HeldNotice,
  RecordPanelCard,
  type RecordPanelProps,
  RefundAmountField,
  RefundDialog,
  UNDO_SECONDS,
  useFormat,
  useHeldPost,
  useLiveTopic,
  useSession,
} from '../../../../web/console/src/extensions/index.ts';
import type { OrderRefundAnswerJson, OrderRefundStateJson } from '../browser.ts';
import { minorOfTyped, typedOfMinor } from './refund-amount.ts';

type Money = OrderRefundStateJson['sale'];

/** What a refund of the sale sends: why, and what goes back (what is left, prefilled, or a part of it). */
interface SaleRefund {
  reason: string;
  amount: Money;
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
          <HeldNotice
            testId="coffee-refund-held"
            undoTestId="coffee-refund-undo"
            text={translate('coffee.refund.sending', {
              amount: format.money(held.amount.amountMinor, held.amount.currency),
              seconds: UNDO_SECONDS,
            })}
            undo={translate('coffee.refund.undo')}
            onUndo={undo}
          />
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
          onConfirm={(refund) => {
            hold(refund);
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
 * A refund held `UNDO_MS` with an Undo, then sent to the coffee route once (Idempotency-Key); leaving
 * the page sends what is held. It says whether all went back, a part, or it waits for approval.
 */
function useHeldRefund(id: string) {
  const format = useFormat();
  const refresh = useRefresh();
  const client = useQueryClient();
  return useHeldPost<SaleRefund, OrderRefundAnswerJson>({
    url: `/api/coffee/orders/${id}/refund`,
    said: (answer, { amount }) => [
      answer.refund?.status === 'awaiting_approval'
        ? 'coffee.refund.sent_approval'
        : answer.paymentStatus === 'refunded'
          ? 'coffee.refund.done'
          : 'coffee.refund.done_part',
      { amount: format.money(amount.amountMinor, amount.currency) },
    ],
    undone: 'coffee.refund.undone',
    after: async () => {
      await client.invalidateQueries({ queryKey: ['coffee', 'order-refund', id] });
      refresh();
    },
  });
}

/** Asks how much goes back (what is left, prefilled, or a part) and why, saying when it leaves the takings. */
function RefundReasonDialog(props: {
  left: Money;
  onClose: () => void;
  onConfirm: (refund: SaleRefund) => void;
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
    <RefundDialog
      title={translate('coffee.refund.dialog')}
      action={translate('coffee.refund.action')}
      testId="coffee-refund"
      reason={{ label: translate('coffee.refund.reason'), value: reason, onChange: setReason }}
      valid={!!reason.trim() && amountOk}
      onClose={props.onClose}
      onConfirm={() => props.onConfirm({ reason: reason.trim(), amount: { amountMinor: minor, currency } })}
    >
      <Typography>{translate('coffee.refund.how', { left: leftWords })}</Typography>
      <RefundAmountField
        label={translate('coffee.refund.amount', { currency })}
        value={typed}
        onChange={setTyped}
        error={!amountOk}
        helperText={translate('coffee.refund.left', { amount: leftWords })}
        testId="coffee-refund-amount"
      />
    </RefundDialog>
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
