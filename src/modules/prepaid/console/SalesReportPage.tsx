import {
  Button,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useLocale, useTranslate } from 'react-admin';
import { api, TableHeadings, useSession } from '../../../../web/console/src/extensions/index.ts';
import type { SalesReportJson as Report } from '../browser.ts';
import { lastDays, SalesChart } from './SalesChart.tsx';

/** Sales per day by provider (a stacked chart), the reconciliation table and the CSV download. */
export default function SalesReportPage() {
  const translate = useTranslate();
  const locale = useLocale();
  const session = useSession();
  const [initial] = useState(() => lastDays(14, session?.organization.timeZone));
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const query = `from=${from}&to=${to}`;
  const { data } = useQuery({
    queryKey: ['prepaid', 'sales', from, to],
    queryFn: () => api<Report>(`/api/prepaid/reports/sales?${query}`),
  });
  const money = (minor: number, currency: string) => {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  };
  const currency = data?.sales[0]?.currency ?? data?.reconciliation[0]?.currency ?? 'USD';
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Title title={translate('prepaid.menu.sales')} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          type="date"
          size="small"
          sx={{ width: 190 }}
          label={translate('prepaid.report.from')}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          type="date"
          size="small"
          sx={{ width: 190 }}
          label={translate('prepaid.report.to')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
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
          <Table size="small" aria-label={translate('prepaid.report.reconciliation')}>
            <TableHeadings
              headings={[
                'prepaid.report.day',
                { label: 'prepaid.report.settled', align: 'right' },
                { label: 'prepaid.report.tokens', align: 'right' },
                { label: 'prepaid.report.difference', align: 'right' },
              ]}
            />
            <TableBody>
              {(data?.reconciliation ?? []).map((r) => (
                <TableRow key={`${r.day}-${r.currency}`}>
                  <TableCell>{r.day}</TableCell>
                  <TableCell align="right">
                    {r.settledPayments} · {money(r.settledAmountMinor, r.currency)}
                  </TableCell>
                  <TableCell align="right">
                    {r.tokens} · {money(r.tokenAmountMinor, r.currency)}
                  </TableCell>
                  <TableCell
                    align="right"
                    sx={{
                      color: r.difference ? 'error.main' : undefined,
                      fontWeight: r.difference ? 700 : undefined,
                    }}
                  >
                    {r.difference}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </Stack>
  );
}
