import {
  Alert,
  Box,
  Button,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField,
  Typography,
  useTheme,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ApiError, api, TableHeadings } from '../../../../web/console/src/extensions/index.ts';
import { ServedDeniedChart } from './MealsChart.tsx';
import type { MessSummary } from './MessCards.tsx';
import { printPasses } from './print-passes.ts';
import { Section } from './Section.tsx';

interface FullSummary extends MessSummary {
  from: string;
  denials: { reason: string; count: number }[];
  payments: { cycleId: string; name: string; currency: string; paidMinor: number; students: number }[];
  cuts: { cuts: number; students: number };
}
interface ForecastRow {
  windowKey: string;
  date: string;
  mealName: string;
  eligible: number;
  expected: number;
}
interface Defaulters {
  cycle: { id: string; name: string } | null;
  currency: string;
  items: {
    id: string;
    name: string;
    rollNumber: string;
    room: string;
    dueMinor: number;
    paidMinor: number;
    balanceMinor: number;
    reachable: boolean;
  }[];
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/**
 * The mess reports as a manager reads them: meals served and denied per day (chart and table),
 * why scans were denied, payments per cycle (chart), cuts, approval times, the kitchen forecast,
 * and the defaulters of the current cycle with "remind all"; CSV and PDF export, and the passes
 * of every approved student to print.
 */
export default function MessReportsPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const theme = useTheme();
  const client = useQueryClient();
  const [locale] = useLocaleState();
  const [range, setRange] = useState({ from: '', to: '' });
  const query = new URLSearchParams(Object.entries(range).filter(([, v]) => /^\d{4}-\d{2}-\d{2}$/.test(v)));
  // The PDF in the reader's language where the report has it (English and Hindi), else English.
  const pdfQuery = new URLSearchParams([...query, ['lang', locale === 'hi' ? 'hi' : 'en']]);
  const summary = useQuery({
    queryKey: ['mess', 'report', query.toString()],
    queryFn: () => api<FullSummary>(`/api/mess/reports/summary?${query}`),
  });
  const forecast = useQuery({
    queryKey: ['mess', 'forecast', 6],
    queryFn: () => api<ForecastRow[]>('/api/mess/reports/forecast?count=6'),
  });
  const defaulters = useQuery({
    queryKey: ['mess', 'defaulters'],
    queryFn: () => api<Defaulters>('/api/mess/reports/defaulters'),
  });
  const [reminding, setReminding] = useState(false);
  const money = (minor: number, currency: string) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);
  const reason = (code: string) => translate(`mess.reasons.${code}`, { _: code.replaceAll('_', ' ') });

  const exportCsv = () => {
    const s = summary.data;
    if (!s) return;
    const rows: (string | number)[][] = [
      ['section', 'date', 'meal', 'served', 'denied'],
      ...s.meals.map((m) => ['meals', m.date, m.meal, m.allowed, m.denied]),
      [],
      ['section', 'reason', 'scans'],
      ...s.denials.map((d) => ['denials', d.reason, d.count]),
      [],
      ['section', 'cycle', 'paid_minor', 'currency', 'students'],
      ...s.payments.map((p) => ['payments', p.name, p.paidMinor, p.currency, p.students]),
      [],
      ['section', 'cuts', 'students_on_cut', 'pending', 'decided', 'avg_hours_to_decide'],
      [
        'cuts_approvals',
        s.cuts.cuts,
        s.cuts.students,
        s.approvals.pending,
        s.approvals.decided,
        s.approvals.avgHours ?? '',
      ],
      [],
      ['section', 'date', 'meal', 'eligible', 'expected'],
      ...(forecast.data ?? []).map((f) => ['forecast', f.date, f.mealName, f.eligible, f.expected]),
    ];
    const text = `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    a.download = `mess-report-${s.from}-${s.to}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const remindAll = async () => {
    setReminding(true);
    try {
      const r = await api<{ reminded: number; unreachable: number }>('/api/mess/defaulters/remind', {
        method: 'POST',
      });
      notify('mess.reports.reminded', {
        type: 'success',
        messageArgs: { reminded: r.reminded, unreachable: r.unreachable },
      });
      await client.invalidateQueries({ queryKey: ['mess', 'defaulters'] });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      notify(err.message, { type: 'error' });
    } finally {
      setReminding(false);
    }
  };

  const s = summary.data;
  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('mess.reports.title')} />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mb: 2, alignItems: 'flex-start' }}>
        <TextField
          size="small"
          type="date"
          label={translate('mess.fields.from')}
          value={range.from || s?.from || ''}
          onChange={(e) => setRange({ ...range, from: e.target.value })}
          sx={{ width: { sm: 170 } }}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          size="small"
          type="date"
          label={translate('mess.fields.to')}
          value={range.to || s?.to || ''}
          onChange={(e) => setRange({ ...range, to: e.target.value })}
          sx={{ width: { sm: 170 } }}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <Button variant="outlined" onClick={exportCsv} disabled={!s} sx={{ whiteSpace: 'nowrap' }}>
          {translate('mess.reports.csv')}
        </Button>
        <Button
          variant="outlined"
          href={`/api/mess/reports/summary.pdf?${pdfQuery}`}
          sx={{ whiteSpace: 'nowrap' }}
        >
          {translate('mess.reports.pdf')}
        </Button>
        <Button
          variant="outlined"
          onClick={() => printPasses().catch((err) => notify((err as Error).message, { type: 'error' }))}
          sx={{ whiteSpace: 'nowrap' }}
        >
          {translate('mess.reports.passes')}
        </Button>
      </Stack>
      {summary.error && <Alert severity="error">{(summary.error as Error).message}</Alert>}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '2fr 1fr' } }}>
        <Section
          title={translate('mess.reports.meals', { from: s?.from ?? '', to: s?.to ?? '' })}
          testId="mess-report-meals"
        >
          <ServedDeniedChart meals={s?.meals ?? []} />
        </Section>
        <Section title={translate('mess.reports.denials')} testId="mess-report-denials">
          {(s?.denials ?? []).length === 0 && (
            <Typography color="text.secondary">{translate('mess.student.none')}</Typography>
          )}
          {(s?.denials ?? []).map((d) => (
            <Stack key={d.reason} direction="row" sx={{ py: 0.5, justifyContent: 'space-between' }}>
              <Typography variant="body2">{reason(d.reason)}</Typography>
              <Typography variant="body2" sx={{ fontWeight: 700 }}>
                {d.count}
              </Typography>
            </Stack>
          ))}
        </Section>
        <Section title={translate('mess.reports.payments')} testId="mess-report-payments">
          <figure style={{ width: '100%', height: 200, margin: 0 }}>
            <ResponsiveContainer>
              <BarChart
                data={(s?.payments ?? []).map((p) => ({ name: p.name, paid: p.paidMinor / 100 }))}
                margin={{ top: 8, right: 8, left: 0, bottom: 0 }}
              >
                <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} vertical={false} />
                <XAxis dataKey="name" tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
                <YAxis tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
                <Tooltip />
                <Bar
                  isAnimationActive={false}
                  dataKey="paid"
                  name={translate('mess.student.paid')}
                  fill={theme.palette.primary.main}
                />
              </BarChart>
            </ResponsiveContainer>
          </figure>
          {(s?.payments ?? []).map((p) => (
            <Typography key={p.cycleId} variant="body2">
              {p.name}: {money(p.paidMinor, p.currency)} ·{' '}
              {translate('mess.reports.students', { smart_count: p.students })}
            </Typography>
          ))}
        </Section>
        <Section title={translate('mess.reports.cuts_approvals')} testId="mess-report-approvals">
          {s && (
            <Stack spacing={0.5}>
              <Typography variant="body2">
                {translate('mess.reports.cuts', { cuts: s.cuts.cuts, students: s.cuts.students })}
              </Typography>
              <Typography variant="body2">
                {translate('mess.reports.pending', { smart_count: s.approvals.pending })}
              </Typography>
              <Typography variant="body2">
                {translate('mess.reports.approval_time', {
                  decided: s.approvals.decided,
                  hours: s.approvals.avgHours ?? '—',
                })}
              </Typography>
            </Stack>
          )}
        </Section>
      </Box>
      <Box sx={{ display: 'grid', gap: 2, mt: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 2fr' } }}>
        <Section title={translate('mess.dashboard.forecast')} testId="mess-report-forecast">
          <Table size="small">
            <TableBody>
              {(forecast.data ?? []).map((f) => (
                <TableRow key={f.windowKey}>
                  <TableCell>{f.date}</TableCell>
                  <TableCell>{f.mealName}</TableCell>
                  <TableCell align="right">{f.expected}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
        <Section
          title={translate('mess.reports.defaulters', { cycle: defaulters.data?.cycle?.name ?? '—' })}
          testId="mess-defaulters"
        >
          <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center' }}>
            <Typography variant="body2" sx={{ flex: 1 }}>
              {translate('mess.reports.defaulters_count', {
                smart_count: defaulters.data?.items.length ?? 0,
              })}
            </Typography>
            <Button
              variant="contained"
              onClick={() => void remindAll()}
              disabled={reminding || !defaulters.data?.items.some((d) => d.reachable)}
            >
              {translate('mess.reports.remind_all')}
            </Button>
          </Stack>
          <Table size="small">
            <TableHeadings
              headings={[
                'mess.fields.rollNumber',
                'mess.fields.name',
                { label: 'mess.student.paid', align: 'right' },
                { label: 'mess.student.balance', align: 'right' },
              ]}
            />
            <TableBody>
              {(defaulters.data?.items ?? []).map((d) => (
                <TableRow key={d.id} data-defaulter={d.rollNumber}>
                  <TableCell>{d.rollNumber}</TableCell>
                  <TableCell>
                    <Link to={`/mess.students/${d.id}/show`}>{d.name}</Link>
                    {!d.reachable && (
                      <Typography component="span" variant="caption" color="text.secondary">
                        {' '}
                        · {translate('mess.reports.no_telegram')}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell align="right">{money(d.paidMinor, defaulters.data!.currency)}</TableCell>
                  <TableCell align="right">
                    <strong>{money(d.balanceMinor, defaulters.data!.currency)}</strong>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      </Box>
    </Box>
  );
}
