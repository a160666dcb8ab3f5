import { useQuery } from '@tanstack/react-query';
import { api, PaymentReviewPanel } from '../../../../web/console/src/extensions/index.ts';

/** On a raffle order's page: its latest payment in the same review panel as the payments queue. */
export default function OrderPaymentPanel({ record }: { record: Record<string, unknown> }) {
  const { data } = useQuery({
    queryKey: ['raffle', 'order-payment', record.id],
    queryFn: () =>
      api<{ items: { id: string }[] }>(
        `/api/payments?purposeType=raffle.order&purposeId=${encodeURIComponent(String(record.id))}&limit=1`,
      ),
  });
  const latest = data?.items[0];
  return latest ? <PaymentReviewPanel paymentId={latest.id} /> : null;
}
