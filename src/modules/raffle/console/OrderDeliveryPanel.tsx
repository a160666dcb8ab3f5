import { Link, List, ListItem, ListItemText } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api, RecordPanelCard, useFormat } from '../../../../web/console/src/extensions/index.ts';
import type { DeliveryJson as Delivery } from '../browser.ts';

const REASONS = ['whatsapp_window_closed', 'channel_not_configured', 'invalid_recipient'];

/**
 * On a raffle order's page: every message to the buyer about it and where it stands, in words; a
 * message that cannot reach the buyer says why and what to configure (the missing template).
 */
export default function OrderDeliveryPanel({ record }: { record: Record<string, unknown> }) {
  const translate = useTranslate();
  const format = useFormat();
  const { data } = useQuery({
    queryKey: ['raffle', 'order-delivery', record.id, record.status],
    queryFn: () => api<{ delivery?: Delivery[] }>(`/api/raffle/orders/${String(record.id)}`),
  });
  const delivery = data?.delivery ?? [];
  const message = (template: string) => translate(`raffle.messages.${template.replace(/^raffle\./, '')}`);
  const reasonOf = (d: Delivery) =>
    translate(`raffle.delivery.reason.${d.reason && REASONS.includes(d.reason) ? d.reason : 'other'}`, {
      name: d.configure?.suggestedName ?? d.template,
    });
  return (
    <RecordPanelCard testId="order-delivery-panel" title={translate('raffle.delivery.title')}>
      {data && delivery.length === 0 && translate('raffle.delivery.none')}
      <List dense disablePadding>
        {delivery.map((d) => (
          <ListItem key={d.notificationId} disableGutters data-testid="order-delivery" data-state={d.state}>
            <ListItemText
              primary={`${message(d.template)} — ${translate(`raffle.delivery.state.${d.state}`)}${
                d.state === 'not_deliverable' ? `: ${reasonOf(d)}` : ''
              }`}
              secondary={
                <>
                  {format.dateTime(d.sentAt ?? d.queuedAt)}
                  {d.configure && (
                    <>
                      {' · '}
                      {translate('raffle.delivery.configure', {
                        name: d.configure.suggestedName ?? d.configure.template,
                        parameters: d.configure.parameters.join(', '),
                        setting: d.configure.setting,
                      })}
                    </>
                  )}{' '}
                  <Link component={RouterLink} to={`/notifications/${d.notificationId}/show`}>
                    {translate('raffle.delivery.open')}
                  </Link>
                </>
              }
            />
          </ListItem>
        ))}
      </List>
    </RecordPanelCard>
  );
}
