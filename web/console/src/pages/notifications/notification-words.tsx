import { Typography } from '@mui/material';
import { type TranslateFunction, useRecordContext } from 'react-admin';
import { humanize } from '../../i18n/labels.ts';

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

/** Whom a message went to: the person where the organization knows them, their address beside. */
export const recipientWords = (r: { to: string; toName?: string | null }): string =>
  r.toName ? `${r.toName} (${r.to})` : r.to;

/** The list's To cell: the person's name, their address under it in small print. */
export function RecipientField() {
  const record = useRecordContext<{ to: string; toName?: string | null }>();
  if (!record) return null;
  if (!record.toName) return <>{record.to}</>;
  return (
    <>
      {record.toName}
      <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
        {record.to}
      </Typography>
    </>
  );
}
