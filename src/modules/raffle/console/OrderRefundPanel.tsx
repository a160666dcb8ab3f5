import { Button, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useRefresh, useTranslate } from 'react-admin';
import {
  HeldNotice,
  RecordPanelCard,
  UNDO_SECONDS,
  useFormat,
  useHeldPost,
} from '../../../../web/console/src/extensions/index.ts';
import { type RefundAsk, RefundAskDialog } from './RefundAskDialog.tsx';

/**
 * On a paid raffle order's page: "Cancel and refund" — the raffle's own refund of what is left of the
 * order's payment, its numbers back on sale or held off sale, through core payments' refund flow
 * (POST /api/raffle/orders/{id}/refund). Within the staff member's refund limit the order is cancelled
 * at once; above it the refund waits for a second person and the order stays paid. As the payment's
 * Refund panel, it waits `UNDO_MS` with an Undo before it is sent.
 */
export default function OrderRefundPanel({ record }: { record: Record<string, unknown> }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const format = useFormat();
  const client = useQueryClient();
  const id = String(record.id);
  const [open, setOpen] = useState(false);
  const { held, hold, undo } = useHeldPost<RefundAsk, { refund: { status: string } }>({
    url: `/api/raffle/orders/${id}/refund`,
    said: ({ refund }) =>
      refund.status === 'awaiting_approval' ? 'raffle.refund.waiting' : 'raffle.refund.done',
    undone: 'raffle.refund.undone',
    after: async () => {
      await client.invalidateQueries({ queryKey: ['payments', 'refunds'] });
      refresh();
    },
  });
  if (record.status !== 'paid') return null;
  const left = format.money(
    Number(record.amountMinor ?? 0) - Number(record.refundedMinor ?? 0),
    String(record.currency ?? ''),
  );
  return (
    <RecordPanelCard testId="raffle-order-refund" title={translate('raffle.refund.title')}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('raffle.refund.hint', { left })}
      </Typography>
      {held ? (
        <HeldNotice
          undoTestId="raffle-order-refund-undo"
          text={translate('raffle.refund.sending', { amount: left, seconds: UNDO_SECONDS })}
          undo={translate('raffle.refund.undo')}
          onUndo={undo}
        />
      ) : (
        <Button
          variant="outlined"
          color="warning"
          onClick={() => setOpen(true)}
          data-testid="raffle-order-refund-open"
        >
          {translate('raffle.refund.action')}
        </Button>
      )}
      {open && (
        <RefundAskDialog
          title={translate('raffle.refund.action')}
          text={translate('raffle.refund.confirm', { name: String(record.title ?? ''), amount: left })}
          reasonLabel={translate('raffle.refund.reason')}
          ticketsLabel={translate('raffle.refund.tickets')}
          tickets="release"
          color="warning"
          testId="raffle-order-refund"
          onClose={() => setOpen(false)}
          onConfirm={(ask) => {
            hold(ask);
            setOpen(false);
          }}
        />
      )}
    </RecordPanelCard>
  );
}
