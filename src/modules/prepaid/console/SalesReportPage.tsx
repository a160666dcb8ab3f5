import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useLocale, useTranslate } from 'react-admin';
import { api, DayRange, RowsTable, useSession } from '../../../../web/console/src/extensions/index.ts';
import { moneyIn, type SalesReportJson as Report } from '../browser.ts';
import { lastDays, SalesChart } from './SalesChart.tsx';
import { SalesTable } from './SalesTable.tsx';

/**
 * Sales per day by provider (a stacked chart), the same per day net of refunds (a table), the
 * reconciliation table and the CSV download.
 */
export default function SalesReportPage() {
  const translate = useTranslate();
  const locale = useLocale();
  const session = useSession();
  const [days, setDays] = useState(() => lastDays(14, session?.organization.timeZone));
  const { from, to } = days;
  const query = `from=${from}&to=${to}`;
  const { data } = useQuery({
    queryKey: ['prepaid', 'sales', from, to],
    queryFn: () => api<Report>(`/api/prepaid/reports/sales?${query}`),
  });
  const money = (minor: number, currency: string) => moneyIn(minor, currency, locale);
  const currency = data?.sales[0]?.currency ?? data?.reconciliation[0]?.currency ?? 'USD';
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Title title={translate('prepaid.menu.sales')} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <DayRange
          {...days}
          labels={{ from: translate('prepaid.report.from'), to: translate('prepaid.report.to') }}
          onChange={setDays}
        />
        <Button variant="outlined" href={`/api/prepaid/reports/sales?${query}&format=csv`} download>
          {translate('prepaid.report.csv')}
        </Button>
      </Stack>
      <Card>
        <CardContent>
          <SalesChart from={from} to={to} sales={data?.sales ?? []} currency={currency} />
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="subtitle1">{translate('prepaid.report.sales')}</Typography>
          <SalesTable sales={data?.sales ?? []} />
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <RowsTable
            rows={data?.reconciliation ?? []}
            columns={[
              { label: 'prepaid.report.day', cell: (r) => r.day },
              {
                label: 'prepaid.report.settled',
                align: 'right',
                cell: (r) => `${r.settledPayments} · ${money(r.settledAmountMinor, r.currency)}`,
              },
              {
                label: 'prepaid.report.tokens',
                align: 'right',
                cell: (r) => `${r.tokens} · ${money(r.tokenAmountMinor, r.currency)}`,
              },
              {
                label: 'prepaid.report.difference',
                align: 'right',
                // A day whose payments and tokens disagree stands out.
                cell: (r) => (
                  <Box
                    component="span"
                    sx={r.difference ? { color: 'error.main', fontWeight: 700 } : undefined}
                  >
                    {r.difference}
                  </Box>
                ),
              },
            ]}
            rowKey={(r) => `${r.day}-${r.currency}`}
            ariaLabel={translate('prepaid.report.reconciliation')}
          />
        </CardContent>
      </Card>
    </Stack>
  );
}
