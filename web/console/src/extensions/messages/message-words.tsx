import { Chip, type ChipProps } from '@mui/material';
import { type TranslateFunction, useTranslate } from 'react-admin';
import { humanize } from '../../i18n/labels.ts';

const TONE: Record<string, ChipProps['color']> = {
  queued: 'default',
  sending: 'info',
  unconfirmed: 'warning',
  sent: 'success',
  failed: 'warning',
  dead: 'error',
  undeliverable: 'error',
};

/** Where a message stands in the outbox, as a coloured chip: the delivery log's and a person's page alike. */
export function StatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={TONE[status]}
      label={translate(`od.notifications.statuses.${status}`, { _: status })}
    />
  );
}

/**
 * A message's template in words (issue 54 item 5: the page showed `mess.payment_verified`): the
 * template `<area>.<name>` reads `<area>.sent_messages.<name>` from the area's labels, else its name
 * made readable ("Payment verified").
 */
export function templateWords(translate: TranslateFunction, template: string): string {
  const dot = template.indexOf('.');
  const key =
    dot > 0
      ? `${template.slice(0, dot)}.sent_messages.${template.slice(dot + 1)}`
      : `od.notifications.sent_messages.${template}`;
  return translate(key, { _: humanize(template) });
}
