import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { Button, MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { RecordPanelCard, type RecordPanelProps } from '../../../../web/console/src/extensions/index.ts';

/** The last twelve months, newest first (`2026-11`). */
const lastMonths = (now = new Date()) =>
  Array.from({ length: 12 }, (_, i) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7),
  );

/** An account's monthly statement PDF (the one the schedule sends on the 1st), for any month. */
export default function StatementPanel({ id }: RecordPanelProps) {
  const translate = useTranslate();
  const months = lastMonths();
  const [month, setMonth] = useState(months[1] ?? months[0]!);
  return (
    <RecordPanelCard testId="prepaid-statement" title={translate('prepaid.statement.title')}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <TextField
          select
          size="small"
          label={translate('prepaid.statement.month')}
          value={month}
          onChange={(e) => setMonth(e.target.value)}
        >
          {months.map((m) => (
            <MenuItem key={m} value={m}>
              {m}
            </MenuItem>
          ))}
        </TextField>
        <Button
          startIcon={<PictureAsPdfIcon />}
          href={`/api/prepaid/accounts/${encodeURIComponent(id)}/statement?month=${month}`}
          download={`statement-${month}.pdf`}
        >
          {translate('prepaid.statement.download')}
        </Button>
      </Stack>
    </RecordPanelCard>
  );
}
