import { Chip, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import {
  api,
  RecordPanelCard,
  type RecordPanelProps,
  RowsTable,
  useFormat,
} from '../../../../web/console/src/extensions/index.ts';
import { type ConsumptionJson as ConsumptionView, kwhIn, type MeterJson as MeterView } from '../browser.ts';

interface TokenRow {
  id: string;
  token: string;
  count: number;
  kwh: number;
  state: 'keyed_in' | 'waiting' | 'unused';
  createdAt: string;
  keyedInAt: string | null;
}

const STATE_COLOR = { keyed_in: 'success', waiting: 'default', unused: 'warning' } as const;

/**
 * What the meter itself says: its last report, balance and days left from its register, and which
 * of its tokens it reported keying in (the ones left unused too long flagged).
 */
export default function MeterReportsPanel({ id }: RecordPanelProps) {
  const translate = useTranslate();
  const format = useFormat();
  const meter = useQuery({
    queryKey: ['prepaid.meter', id],
    queryFn: () => api<MeterView>(`/api/prepaid/meters/${encodeURIComponent(id)}`),
  });
  const usage = useQuery({
    queryKey: ['prepaid.meter.consumption', id],
    queryFn: () => api<ConsumptionView>(`/api/prepaid/meters/${encodeURIComponent(id)}/consumption`),
  });
  const tokens = useQuery({
    queryKey: ['prepaid.meter.tokens', id],
    queryFn: () =>
      api<{ items: TokenRow[] }>(
        `/api/prepaid/console/tokens?meterId=${encodeURIComponent(id)}&sort=createdAt&order=desc&perPage=20`,
      ),
  });
  const reportedAt = meter.data?.reporting.reportedAt;
  const u = usage.data;
  const kwh = (tenths: number) => kwhIn(tenths, format.locale);
  return (
    <RecordPanelCard testId="prepaid-meter-reports" title={translate('prepaid.meterReports.title')}>
      <Stack spacing={2}>
        <Typography variant="body2" color="text.secondary">
          {reportedAt
            ? translate('prepaid.meterReports.lastReport', { at: format.dateTime(reportedAt) })
            : translate('prepaid.meterReports.never')}
        </Typography>
        {u && (
          <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Typography data-testid="prepaid-meter-balance" data-estimated={u.estimated}>
              {translate(u.estimated ? 'prepaid.meterReports.estimate' : 'prepaid.meterReports.balance', {
                kwh: kwh(u.balanceTenths),
              })}
            </Typography>
            <Typography>
              {u.daysLeft === null
                ? translate('prepaid.meterReports.daysUnknown')
                : translate('prepaid.meterReports.daysLeft', { days: u.daysLeft })}
            </Typography>
            {u.dailyTenths !== null && (
              <Typography>{translate('prepaid.meterReports.daily', { kwh: kwh(u.dailyTenths) })}</Typography>
            )}
          </Stack>
        )}
        {u && (
          <Typography variant="body2" color="text.secondary" data-testid="prepaid-meter-balance-basis">
            {`${translate(`prepaid.meterReports.basis.${u.basis}`)} ${
              u.estimated ? translate(`prepaid.meterReports.trust.${u.doubt ?? 'trusted'}`) : ''
            }`.trim()}
          </Typography>
        )}
        <RowsTable
          rows={tokens.data?.items ?? []}
          columns={[
            { label: 'prepaid.fields.token', cell: (t) => t.token, sx: { fontFamily: 'monospace' } },
            { label: 'prepaid.fields.tokenCount', cell: (t) => t.count },
            { label: 'prepaid.fields.kwh', cell: (t) => kwh(Math.round(t.kwh * 10)) },
            { label: 'prepaid.fields.issuedAt', cell: (t) => format.dateTime(t.createdAt) },
            {
              label: 'prepaid.fields.tokenState',
              cell: (t) => (
                <Chip
                  size="small"
                  color={STATE_COLOR[t.state]}
                  label={
                    t.keyedInAt
                      ? `${translate('prepaid.tokenStates.keyed_in')} · ${format.dateTime(t.keyedInAt)}`
                      : translate(`prepaid.tokenStates.${t.state}`)
                  }
                />
              ),
            },
          ]}
          rowKey={(t) => t.id}
          rowData={(t) => ({ 'data-token-count': t.count })}
          ariaLabel={translate('prepaid.meterReports.tokens')}
        />
      </Stack>
    </RecordPanelCard>
  );
}
