import { Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { useFormat } from './useFormat.ts';

/**
 * react-admin's `DateField` in the console's one format: the organization's zone, written out, in
 * the staff member's language. DateField uses the browser's zone and says none.
 */
export function ZonedDateField({
  source,
  showTime = false,
  emptyText = '',
}: {
  source: string;
  showTime?: boolean;
  emptyText?: string;
}) {
  const record = useRecordContext();
  const format = useFormat();
  const value = record?.[source];
  const empty = value === null || value === undefined || value === '';
  return (
    <Typography component="span" variant="body2">
      {empty ? emptyText : showTime ? format.dateTime(value) : format.date(value)}
    </Typography>
  );
}
