import { Alert, Button, Card, CardContent, CardHeader, Chip, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext, useState } from 'react';
import { useRefresh, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api } from '../../api/http.ts';
import { useSession } from '../../api/use-session.ts';
import { useFormat } from '../../format/useFormat.ts';
import { wordMessage } from '../../i18n/labels.ts';
import type { RecordPanelProps } from '../console-extension.ts';
import { HeldNotice } from '../held/HeldNotice.tsx';
import { UNDO_SECONDS } from '../held/use-held.ts';
import { useHeldPost } from '../held/use-held-post.ts';
import { RefundAmountField, RefundDialog, RefundMethodField } from './RefundDialog.tsx';
import { type RefundPlace, RefundPlacesContext, refundPlaceOf } from './refund-places.ts';
import { typedMajor, typedMinor } from './typed-amount.ts';

interface Money {
  amountMinor: number;
  currency: string;
}
type Method = 'cash' | 'momo' | 'airtel';
interface RefundItem {
  id: string;
  amount: Money;
  method: Method;
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
  methods: Method[];
  items: RefundItem[];
}
interface RefundBody {
  amount: Money;
  method: Method;
  reason: string;
}

const STATUS_COLOR: Record<string, 'success' | 'error' | 'warning' | 'default'> = {
  succeeded: 'success',
  failed: 'error',
  rejected: 'default',
};

/**
 * Refunds on a payment's page: what was paid, what went back and what is left, each refund with its
 * status. A payment whose purpose's module refunds from its own record (a purchase, an order, a bill)
 * points there; any other payment's Refund opens with the amount left pre-filled and waits
 * `UNDO_MS` with an Undo before it is sent (money never goes back by one click).
 */
export default function RefundPanel({ id, record }: RecordPanelProps) {
  const place = refundPlaceOf(useContext(RefundPlacesContext), record);
  return <PaymentRefundPanel paymentId={id} refundFrom={place} />;
}

/**
 * The same panel for a payment named on another record's page: `refundHere: false` on the record that
 * refunds it in its own words (a raffle order's Cancel and refund), where it shows what went back only.
 */
export function PaymentRefundPanel({
  paymentId: id,
  refundFrom,
  refundHere = true,
}: {
  paymentId: string;
  refundFrom?: RefundPlace;
  refundHere?: boolean;
}) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const format = useFormat();
  const client = useQueryClient();
  const session = useSession();
  const { data } = useQuery({
    queryKey: ['payments', 'refunds', id],
    queryFn: () => api<PaymentRefunds>(`/api/payments/${id}/refunds`),
  });
  const [open, setOpen] = useState(false);
  const { held, hold, undo } = useHeldPost<RefundBody, RefundItem>({
    url: `/api/payments/${id}/refunds`,
    said: (refund) => `od.refunds.sent_${refund.status === 'awaiting_approval' ? 'approval' : 'ok'}`,
    undone: 'od.refunds.undone',
    after: async () => {
      await client.invalidateQueries({ queryKey: ['payments', 'refunds', id] });
      refresh();
    },
  });

  if (!data) return null;
  const mayRefund =
    refundHere && !!session?.permissions.includes('payments.refund.create') && data.refundable;
  return (
    <Card sx={{ mt: 2 }} data-testid="payment-refunds-panel">
      <CardHeader title={translate('od.refunds.panel')} titleTypographyProps={{ variant: 'subtitle1' }} />
      <CardContent sx={{ pt: 0 }}>
        <Typography data-testid="refund-totals">
          {translate('od.refunds.totals', {
            paid: format.money(data.paid.amountMinor, data.paid.currency),
            refunded: format.money(data.refunded.amountMinor, data.paid.currency),
            left: format.money(data.left.amountMinor, data.paid.currency),
          })}
        </Typography>
        <RefundRows items={data.items} />
        {held && (
          <HeldNotice
            text={translate('od.refunds.sending', {
              amount: format.money(held.amount.amountMinor, held.amount.currency),
              seconds: UNDO_SECONDS,
            })}
            undo={translate('od.refunds.undo')}
            onUndo={undo}
          />
        )}
        {refundFrom && data.refundable && <RefundFromRecord place={refundFrom} />}
        {!refundFrom && mayRefund && !held && (
          <Button variant="outlined" onClick={() => setOpen(true)} data-testid="refund-open">
            {translate('od.refunds.action')}
          </Button>
        )}
        {open && (
          <PaymentRefundDialog
            refunds={data}
            onClose={() => setOpen(false)}
            onConfirm={(body) => {
              hold(body);
              setOpen(false);
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}

/** Each refund of the payment: how much, how, where it stands, why, and its receipt once paid back. */
function RefundRows({ items }: { items: RefundItem[] }) {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <Stack spacing={0.5} sx={{ my: 1 }}>
      {items.map((r) => (
        <Stack key={r.id} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="refund-row">
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
  );
}

/**
 * In place of Refund, for a payment whose purpose's module refunds from its own record: that record
 * asks what becomes of it (a token that keeps working, numbers released or held, a bill voided or
 * reduced), so the refund is made there; this links to it (issue 62).
 */
function RefundFromRecord({ place }: { place: RefundPlace }) {
  const translate = useTranslate();
  const record = place.words ? wordMessage(translate, place.words) : translate('od.refunds.its_record');
  return (
    <Alert severity="info" data-testid="refund-from-record">
      <Typography variant="body2" sx={{ mb: 1 }}>
        {translate('od.refunds.from_record_why')}
      </Typography>
      <Button
        variant="outlined"
        size="small"
        component={RouterLink}
        to={`/${place.resource}/${encodeURIComponent(place.id)}/show`}
        data-testid="refund-from-record-link"
      >
        {translate('od.refunds.from_record', { record })}
      </Button>
    </Alert>
  );
}

/** The Refund form of a payment: the amount left pre-filled, how it goes back, and a reason. */
function PaymentRefundDialog(props: {
  refunds: PaymentRefunds;
  onClose(): void;
  onConfirm(body: RefundBody): void;
}) {
  const translate = useTranslate();
  const format = useFormat();
  const { left, methods } = props.refunds;
  const { currency } = props.refunds.paid;
  const [amount, setAmount] = useState(typedMajor(left.amountMinor, currency));
  const [method, setMethod] = useState<Method>(methods[methods.length - 1] ?? 'cash');
  const [reason, setReason] = useState('');
  const minor = typedMinor(amount, currency);
  return (
    <RefundDialog
      title={translate('od.refunds.title')}
      action={translate('od.refunds.action')}
      testId="refund"
      reason={{ label: translate('od.refunds.reason'), value: reason, onChange: setReason }}
      valid={reason.trim() !== '' && minor > 0 && minor <= left.amountMinor}
      onClose={props.onClose}
      onConfirm={() =>
        props.onConfirm({ amount: { amountMinor: minor, currency }, method, reason: reason.trim() })
      }
    >
      <RefundAmountField
        label={translate('od.refunds.amount', { currency })}
        value={amount}
        onChange={setAmount}
        helperText={translate('od.refunds.left', { left: format.money(left.amountMinor, currency) })}
        testId="refund-amount"
      />
      <RefundMethodField
        label={translate('od.refunds.method')}
        value={method}
        onChange={setMethod}
        options={methods.map((m) => ({ value: m, label: translate(`payments.options.${m}`) }))}
      />
    </RefundDialog>
  );
}
