import { Button, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useRefresh, useTranslate } from 'react-admin';
import {
  api,
  HeldNotice,
  RecordPanelCard,
  type RecordPanelProps,
  UNDO_SECONDS,
  useFormat,
  useHeldPost,
  useSession,
} from '../../../../web/console/src/extensions/index.ts';
import type { PurchaseRefundFactsJson as Facts } from '../browser.ts';
import { type PurchaseRefund, PurchaseRefundDialog } from './PurchaseRefundDialog.tsx';

/**
 * Money back on a purchase's page (Opsdesk's sale or the original system's, issue 62): what went back
 * and what is left; Refund opens the form with the token warning, and the refund waits `UNDO_MS` with
 * an Undo before it goes to the module's refund route (Idempotency-Key: a resend is the same refund).
 * Above the staff member's limit it waits for a second person, and the purchase does not change.
 */
export default function PurchaseRefundPanel({ id }: RecordPanelProps) {
  const translate = useTranslate();
  const format = useFormat();
  const session = useSession();
  const refresh = useRefresh();
  const client = useQueryClient();
  const { data: facts } = useQuery({ queryKey: refundKey(id), queryFn: () => api<Facts>(refundUrl(id)) });
  const [open, setOpen] = useState(false);
  const { held, hold, undo } = useHeldPost<PurchaseRefund, { refund: { status: string } }>({
    url: refundUrl(id),
    said: ({ refund }) =>
      refund.status === 'awaiting_approval' ? 'prepaid.refund.approval' : 'prepaid.refund.sent',
    undone: 'prepaid.refund.undone',
    after: async () => {
      await client.invalidateQueries({ queryKey: refundKey(id) });
      refresh();
    },
  });
  if (!facts) return null;
  const mayRefund = !!session?.permissions.includes('prepaid.purchase.refund') && facts.refundable;
  const money = (m: { amountMinor: number; currency: string }) => format.money(m.amountMinor, m.currency);
  return (
    <RecordPanelCard testId="prepaid-refund" title={translate('prepaid.refund.title')}>
      <Stack spacing={1}>
        <Typography data-testid="prepaid-refund-totals">
          {[
            facts.refunded.amountMinor > 0
              ? translate('prepaid.refund.refunded', { amount: money(facts.refunded) })
              : '',
            facts.left && facts.left.amountMinor > 0
              ? translate('prepaid.refund.left', { amount: money(facts.left) })
              : translate('prepaid.refund.nothingLeft'),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography>
        {held && (
          <HeldNotice
            testId="prepaid-refund-held"
            text={translate('prepaid.refund.sending', { amount: money(held.amount), seconds: UNDO_SECONDS })}
            undo={translate('prepaid.refund.undo')}
            onUndo={undo}
          />
        )}
        {mayRefund && !held && (
          <Button
            variant="outlined"
            sx={{ alignSelf: 'start' }}
            onClick={() => setOpen(true)}
            data-testid="prepaid-refund-open"
          >
            {translate('prepaid.refund.action')}
          </Button>
        )}
      </Stack>
      {open && (
        <PurchaseRefundDialog
          facts={facts}
          onClose={() => setOpen(false)}
          onConfirm={(body) => {
            setOpen(false);
            hold(body);
          }}
        />
      )}
    </RecordPanelCard>
  );
}

const refundUrl = (id: string) => `/api/prepaid/purchases/${encodeURIComponent(id)}/refund`;
const refundKey = (id: string) => ['prepaid', 'refund', id];
