import { Alert, Link, List, ListItem, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api, RecordPanelCard, useFormat } from '../../../../web/console/src/extensions/index.ts';
import type { OrderJson as PendingOrder } from '../browser.ts';

/**
 * On a raffle selling or closed: the orders still waiting for payment, each a link to its order,
 * named by its tickets and amount. They keep their tickets after sales close and the draw is
 * refused until each is paid, cancelled or its hold ends, so the seller sees which ones before
 * closing and before drawing (issue 41, item 11).
 */
export default function PendingOrdersPanel({ record }: { record: Record<string, unknown> }) {
  const translate = useTranslate();
  const format = useFormat();
  const id = String(record.id);
  const status = String(record.status);
  const watching = status === 'selling' || status === 'closed';
  const pending = useQuery({
    queryKey: ['raffle', 'pending-orders', id],
    queryFn: () =>
      api<{ items: PendingOrder[] }>(`/api/raffle/orders?raffleId=${id}&status=pending_payment&perPage=100`),
    enabled: watching,
  });
  // The server reads a hold past its end as expired: what it lists as pending still holds the draw.
  const live = pending.data?.items ?? [];
  if (!watching || live.length === 0) return null;
  return (
    <RecordPanelCard testId="raffle-pending-orders" title={translate('raffle.pending.title')}>
      <Alert severity="warning" sx={{ mb: 1 }}>
        {translate(status === 'closed' ? 'raffle.pending.closed' : 'raffle.pending.selling')}
      </Alert>
      <List dense disablePadding>
        {live.map((o) => (
          <ListItem key={o.id} disableGutters data-pending-order={o.id}>
            <Link component={RouterLink} to={`/raffle.orders/${o.id}/show`}>
              <Typography component="span" variant="body2">
                {translate('raffle.pending.order', {
                  numbers: o.numbers.join(', '),
                  amount: format.money(o.amountMinor, o.currency),
                  until: format.dateTime(o.expiresAt),
                })}
              </Typography>
            </Link>
          </ListItem>
        ))}
      </List>
    </RecordPanelCard>
  );
}
