import {
  Button,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  useTheme,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useLocale, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../../../web/console/src/extensions/index.ts';

type Method = 'momo' | 'airtel' | 'cash';
interface Report {
  timeZone: string;
  sales: Array<{
    day: string;
    method: Method;
    currency: string;
    paid: number;
    paidAmountMinor: number;
    unitsTenths: number;
  }>;
  reconciliation: Array<{
    day: string;
    currency: string;
    settledPayments: number;
    settledAmountMinor: number;
    tokens: number;
    tokenAmountMinor: number;
    difference: number;
  }>;
}

const METHODS: Method[] = ['momo', 'airtel', 'cash'];
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Sales per day by provider (a stacked chart), the reconciliation table and the CSV download. */
export default function SalesReportPage() {
  const translate = useTranslate();
  const locale = useLocale();
  const theme = useTheme();
  const [from, setFrom] = useState(isoDay(new Date(Date.now() - 13 * 86_400_000)));
  const [to, setTo] = useState(isoDay(new Date()));
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
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const byDay = new Map<string, Record<string, number | string>>();
  // Every day of the range, so a day without sales shows as a gap, not as a missing column.
  for (let t = Date.parse(from); t <= Date.parse(to) && byDay.size < 92; t += 86_400_000) {
    const day = isoDay(new Date(t));
    byDay.set(day, { day: day.slice(5), momo: 0, airtel: 0, cash: 0 });
  }
  for (const r of data?.sales ?? []) {
    const row = byDay.get(r.day) ?? { day: r.day.slice(5), momo: 0, airtel: 0, cash: 0 };
    row[r.method] = Number(row[r.method]) + r.paidAmountMinor / 10 ** digits;
    byDay.set(r.day, row);
  }
  const colours: Record<Method, string> = {
    momo: '#f9a825',
    airtel: theme.palette.error.main,
    cash: theme.palette.success.main,
  };
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
          <figure
            style={{ width: '100%', height: 280, margin: 0 }}
            aria-label={translate('prepaid.report.chart', { currency })}
          >
            <ResponsiveContainer>
              <BarChart data={[...byDay.values()]} margin={{ top: 8, right: 8, left: 8, bottom: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} vertical={false} />
                <XAxis dataKey="day" tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
                <YAxis tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
                <Tooltip />
                <Legend />
                {METHODS.map((m) => (
                  <Bar
                    key={m}
                    dataKey={m}
                    name={translate(`prepaid.options.${m}`)}
                    fill={colours[m]}
                    stackId="a"
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </figure>
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Table size="small" aria-label={translate('prepaid.report.reconciliation')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('prepaid.report.day')}</TableCell>
                <TableCell align="right">{translate('prepaid.report.settled')}</TableCell>
                <TableCell align="right">{translate('prepaid.report.tokens')}</TableCell>
                <TableCell align="right">{translate('prepaid.report.difference')}</TableCell>
              </TableRow>
            </TableHead>
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
