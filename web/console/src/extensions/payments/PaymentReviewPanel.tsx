import { Card, CardContent, CardHeader } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { api } from '../../api/http.ts';
import { useSession } from '../../api/use-session.ts';
import { ReviewItemView } from './ReviewItemView.tsx';
import type { ReviewItem } from './review-types.ts';

/**
 * The review panel of one payment on a record's page (a payment, a raffle order, a mess fee): the
 * same proof, facts and verify/deny as the queue. Modules reach it through the console kit.
 */
export function PaymentReviewPanel({ paymentId }: { paymentId: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const client = useQueryClient();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const key = ['payments', 'review-item', paymentId];
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => api<ReviewItem>(`/api/payments/${paymentId}/review`),
  });
  const decide = async (verb: 'verify' | 'deny', body?: { reason: string }) => {
    setBusy(true);
    try {
      await api(`/api/payments/${paymentId}/${verb}`, { method: 'POST', body });
      notify(translate(verb === 'verify' ? 'od.review.verified' : 'od.review.denied'), { type: 'success' });
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      await client.invalidateQueries({ queryKey: key });
      refresh();
      setBusy(false);
    }
  };
  if (!data) return null;
  return (
    <Card sx={{ mt: 2 }} data-testid="payment-review-panel">
      <CardHeader title={translate('od.review.panel')} titleTypographyProps={{ variant: 'subtitle1' }} />
      <CardContent sx={{ pt: 0 }}>
        <ReviewItemView
          item={data}
          busy={busy}
          canDecide={!!session?.permissions.includes('payments.payment.verify')}
          onVerify={() => void decide('verify')}
          onDeny={(reason) => void decide('deny', { reason })}
        />
      </CardContent>
    </Card>
  );
}

/** On a payment's own page. */
export default function PaymentRecordPanel({ record }: { record: Record<string, unknown> }) {
  return <PaymentReviewPanel paymentId={String(record.id)} />;
}
