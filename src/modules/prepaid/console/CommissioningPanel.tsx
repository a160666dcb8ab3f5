import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { Alert, Button, Stack, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import {
  api,
  RecordPanelCard,
  type RecordPanelProps,
  useFormat,
} from '../../../../web/console/src/extensions/index.ts';
import type { MeterJson as MeterView } from '../browser.ts';
import { savePdf } from './save-pdf.ts';

/**
 * Commissioning a meter: right after it was registered with a generated key, the one-time
 * commissioning sheet (meter number, key, starting code; the server clears its copy on the first
 * download); and the meter's own API token, issued or rotated here and shown once.
 */
export default function CommissioningPanel({ id }: RecordPanelProps) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const format = useFormat();
  const client = useQueryClient();
  const base = `/api/prepaid/meters/${encodeURIComponent(id)}`;
  const key = ['prepaid.meter', id];
  const meter = useQuery({ queryKey: key, queryFn: () => api<MeterView>(base) });
  const [error, setError] = useState('');
  const [meterToken, setMeterToken] = useState('');
  async function run(work: () => Promise<void>) {
    setError('');
    try {
      await work();
    } catch (err) {
      setError((err as Error).message);
    }
    await client.invalidateQueries({ queryKey: key });
  }
  const printSheet = () =>
    run(async () => {
      const blob = await api<Blob>(`${base}/commissioning-sheet`, {
        method: 'POST',
        body: { language: locale },
        as: 'blob',
        headers: { accept: 'application/pdf' },
      });
      savePdf(blob, `commissioning-${meter.data?.number ?? id}.pdf`);
    });
  const issueToken = () =>
    run(async () => {
      const issued = await api<{ meterToken: string }>(`${base}/meter-token`, { method: 'POST', body: {} });
      setMeterToken(issued.meterToken);
    });
  const until = meter.data?.commissioningSheetUntil;
  const issuedAt = meter.data?.reporting.tokenIssuedAt;
  return (
    <RecordPanelCard testId="prepaid-commissioning" title={translate('prepaid.commissioning.title')}>
      <Stack spacing={2}>
        {until ? (
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Button variant="contained" startIcon={<PictureAsPdfIcon />} onClick={printSheet}>
              {translate('prepaid.commissioning.printSheet')}
            </Button>
            <Typography variant="body2" color="text.secondary">
              {translate('prepaid.commissioning.sheetOnce', { until: format.dateTime(until) })}
            </Typography>
          </Stack>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {translate('prepaid.commissioning.sheetGone')}
          </Typography>
        )}
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Button variant="outlined" onClick={issueToken}>
            {translate(issuedAt ? 'prepaid.commissioning.rotateToken' : 'prepaid.commissioning.issueToken')}
          </Button>
          <Typography variant="body2" color="text.secondary">
            {issuedAt
              ? translate('prepaid.commissioning.tokenIssuedAt', { at: format.dateTime(issuedAt) })
              : translate('prepaid.commissioning.noToken')}
          </Typography>
        </Stack>
        {meterToken && (
          <Alert severity="warning" data-testid="prepaid-meter-token">
            <Typography variant="body2">{translate('prepaid.commissioning.tokenOnce')}</Typography>
            <TextField
              value={meterToken}
              size="small"
              fullWidth
              slotProps={{
                htmlInput: { readOnly: true, 'aria-label': translate('prepaid.commissioning.token') },
              }}
              sx={{ mt: 1, fontFamily: 'monospace' }}
            />
          </Alert>
        )}
        {error && <Alert severity="error">{error}</Alert>}
      </Stack>
    </RecordPanelCard>
  );
}
