import { Button, Stack, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useLocale, useRefresh, useTranslate } from 'react-admin';
import {
  api,
  formatMoney,
  HeldNotice,
  RecordPanelCard,
  type RecordPanelProps,
  UNDO_SECONDS,
  useHeld,
  useLiveTopic,
  useSession,
} from '../../../../web/console/src/extensions/index.ts';
import { type BillRefundAsk, BillRefundDialog } from './BillRefundDialog.tsx';
import type { Bill, Customer } from './desk-model.ts';
import { TakePayment } from './TakePayment.tsx';

/**
 * On a bill's page: its money (paid, returned, going back, awaiting approval, due), "Take payment"
 * while something is due, and "Refund" while money taken for it may go back (voiding or reducing an
 * active bill). Both wait 5 s with an Undo; the page follows the live stream.
 */
export default function BillMoneyPanel({ id }: RecordPanelProps) {
  const translate = useTranslate();
  const locale = useLocale();
  const session = useSession();
  const { bill, customer, load } = useBillMoney(id);
  const [open, setOpen] = useState(false);
  const refund = useBillRefund(id, load);
  if (!bill?.money || !customer) return null;
  const m = bill.money;
  const money = (minor: number) => formatMoney(minor, bill.currency, locale);
  const kept = m.paidMinor - m.refundedMinor - m.returningMinor - m.awaitingMinor;
  const may = (permission: string) => !!session?.permissions.includes(permission);
  return (
    <RecordPanelCard testId="exhibition-bill-money" title={translate('exhibition.money.title')}>
      <BillMoneyLines bill={bill} money={money} />
      {may('exhibition.bill.pay') && (
        <TakePayment
          customerId={customer.id}
          phone={customer.phone}
          currency={bill.currency}
          dueMinor={m.dueMinor}
          billIds={[bill.id]}
          onTaken={() => void load()}
        />
      )}
      {refund.held && (
        <HeldNotice
          testId="bill-refund-held"
          sx={{ my: 1 }}
          text={translate('exhibition.money.refundHolding', {
            amount: money(refund.held.amountMinor),
            seconds: UNDO_SECONDS,
          })}
          undo={translate('exhibition.money.undo')}
          onUndo={refund.undo}
        />
      )}
      {may('exhibition.bill.refund') && kept > 0 && !refund.held && (
        <Stack direction="row" sx={{ mt: 1 }}>
          <Button
            variant="outlined"
            color="warning"
            onClick={() => setOpen(true)}
            data-testid="bill-refund-open"
          >
            {translate('exhibition.money.refund')}
          </Button>
        </Stack>
      )}
      {refund.notice && (
        <Typography role="status" data-testid="bill-refund-notice" sx={{ mt: 1 }}>
          {refund.notice}
        </Typography>
      )}
      {open && (
        <BillRefundDialog
          bill={bill}
          keptMinor={kept}
          onClose={() => setOpen(false)}
          onConfirm={(ask) => {
            setOpen(false);
            refund.hold(ask);
          }}
        />
      )}
    </RecordPanelCard>
  );
}

/** The bill's money in words: paid, returned and due; waiting for the payer, going back, awaiting approval. */
function BillMoneyLines({ bill, money }: { bill: Bill; money: (minor: number) => string }) {
  const translate = useTranslate();
  const m = bill.money!;
  const line = (key: string, minor: number) =>
    minor > 0 && (
      <Typography data-testid={`bill-money-${key}`}>
        {translate(`exhibition.money.${key}`, { amount: money(minor) })}
      </Typography>
    );
  return (
    <>
      <Typography data-testid="bill-money-summary">
        {translate('exhibition.money.summary', {
          paid: money(m.paidMinor),
          refunded: money(m.refundedMinor),
          due: money(m.dueMinor),
        })}
      </Typography>
      {line('pending', m.pendingMinor)}
      {line('returning', m.returningMinor)}
      {line('awaiting', m.awaitingMinor)}
    </>
  );
}

/** The bill with its money and its customer (for the payer's phone), read again on every change to the tab. */
function useBillMoney(id: string) {
  const refreshRecord = useRefresh();
  const [bill, setBill] = useState<Bill>();
  const [customer, setCustomer] = useState<Customer>();
  const load = useCallback(async () => {
    const fresh = await api<Bill>(`/api/exhibition/bills/${encodeURIComponent(id)}`);
    setBill(fresh);
    setCustomer(await api<Customer>(`/api/exhibition/customers/${fresh.customerId}`));
  }, [id]);
  useEffect(() => void load().catch(() => undefined), [load]);
  useLiveTopic(
    ['exhibition.bills'],
    (m) => {
      if (bill && m.id === bill.customerId) void load().then(refreshRecord);
    },
    () => void load(),
  );
  return { bill, customer, load };
}

/** The bill's Refund: held `UNDO_MS` with an Undo, then sent once (one Idempotency-Key), and its outcome in words. */
function useBillRefund(id: string, reload: () => Promise<void>) {
  const translate = useTranslate();
  const refreshRecord = useRefresh();
  const [notice, setNotice] = useState('');
  const { held, hold, undo } = useHeld<BillRefundAsk>(async ({ amountMinor: _, ...body }, key) => {
    try {
      const { refunds } = await api<{ refunds: Array<{ status: string }> }>(
        `/api/exhibition/bills/${encodeURIComponent(id)}/refund`,
        { method: 'POST', body, headers: { 'Idempotency-Key': key } },
      );
      const status = refunds[0]?.status;
      const words =
        status === 'awaiting_approval'
          ? 'refundAwaiting'
          : status === 'succeeded'
            ? 'refundDone'
            : 'refundSent';
      setNotice(translate(`exhibition.money.${words}`));
    } catch (err) {
      setNotice(err instanceof Error ? err.message : String(err));
    }
    await reload();
    refreshRecord();
  });
  return {
    held,
    notice,
    hold: (ask: BillRefundAsk) => {
      setNotice('');
      hold(ask);
    },
    undo: () => {
      undo();
      setNotice(translate('exhibition.money.refundUndone'));
    },
  };
}
