import { Box, Link } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { PaymentRefundPanel, PaymentReviewPanel } from '../../../../web/console/src/extensions/index.ts';

/**
 * On a raffle order's page: a link to its payment (the one that paid it, else the latest proof) and
 * that payment in the same review panel as the payments queue, with its refunds; the order's own
 * Cancel and refund gives its money back (its numbers released or held), not core's Refund.
 */
export default function OrderPaymentPanel({ record }: { record: Record<string, unknown> }) {
  const translate = useTranslate();
  const paymentId = typeof record.paymentId === 'string' && record.paymentId ? record.paymentId : null;
  if (!paymentId) return null;
  return (
    <>
      <Box sx={{ mt: 2 }}>
        <Link
          component={RouterLink}
          to={`/payments.payments/${paymentId}/show`}
          data-testid="order-payment-link"
        >
          {translate('raffle.panel.open_payment')}
        </Link>
      </Box>
      <PaymentReviewPanel paymentId={paymentId} />
      <PaymentRefundPanel paymentId={paymentId} refundHere={false} />
    </>
  );
}
