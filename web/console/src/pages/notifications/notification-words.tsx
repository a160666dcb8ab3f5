import { Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';

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
