import { Box, Link, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api, StatValue, useFormat, useSession } from '../../../../web/console/src/extensions/index.ts';
import { moneyIn } from '../browser.ts';
import { type DaySales, lastDays, SalesChart } from './SalesChart.tsx';

const DAYS = 14;

/**
 * The vendor's dashboard: what was sold today, net of refunds, and a chart of the last two weeks, by
 * provider.
 */
export default function SalesCard() {
  const translate = useTranslate();
  const format = useFormat();
  const session = useSession();
  const [range] = useState(() => lastDays(DAYS, session?.organization.timeZone));
  const { data } = useQuery({
    queryKey: ['prepaid', 'sales', range.from, range.to],
    queryFn: () => api<{ sales: DaySales[] }>(`/api/prepaid/reports/sales?from=${range.from}&to=${range.to}`),
    refetchInterval: 60_000,
  });
  const sales = data?.sales ?? [];
  const currency = sales[0]?.currency ?? session?.organization.currency ?? 'USD';
  const today = sales.filter((s) => s.day === range.to);
  const sum = (rows: DaySales[], pick: (s: DaySales) => number) => rows.reduce((n, s) => n + pick(s), 0);
  const paid = (rows: DaySales[]) =>
    data
      ? moneyIn(
          // takings net of what went back (issue 62)
          sum(rows, (s) => s.netAmountMinor),
          currency,
          format.locale,
        )
      : '…';
  return (
    <Box data-testid="prepaid-sales-card">
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: '1fr 1fr', mb: 1 }}>
        <StatValue
          size="h4"
          value={paid(today)}
          hint={translate('prepaid.dashboard.today', { smart_count: sum(today, (s) => s.paid) })}
          testId="prepaid-sold-today"
        />
        <StatValue
          size="h4"
          value={paid(sales)}
          hint={translate('prepaid.dashboard.fortnight', { smart_count: sum(sales, (s) => s.paid) })}
        />
      </Box>
      {data && sales.length === 0 ? (
        <Typography color="text.secondary">{translate('prepaid.dashboard.none')}</Typography>
      ) : (
        <SalesChart from={range.from} to={range.to} sales={sales} currency={currency} height={200} />
      )}
      <Link component={RouterLink} to="/prepaid/sales">
        {translate('prepaid.dashboard.open')}
      </Link>
    </Box>
  );
}
