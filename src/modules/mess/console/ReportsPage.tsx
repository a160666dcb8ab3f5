import {
  Alert,
  Box,
  Button,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
  useTheme,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, DayRange } from '../../../../web/console/src/extensions/index.ts';
import { DefaultersSection } from './DefaultersSection.tsx';
import { ServedDeniedChart } from './MealsChart.tsx';
import { printPasses } from './print-passes.ts';
import { type ForecastRow, type FullSummary, reportCsv } from './reports-csv.ts';
import { Section } from './Section.tsx';
import { useLocalWords } from './use-local-words.ts';

/**
 * The mess reports as a manager reads them: meals served and denied per day (chart and table),
 * why scans were denied, payments per cycle (chart), cuts, approval and payment verification times, the kitchen forecast,
 * and the defaulters of the current cycle with "remind all"; CSV and PDF export, and the passes
 * of every approved student to print.
 */
export default function MessReportsPage() {
  const [translate, words] = [useTranslate(), useLocalWords()];
  const notify = useNotify();
  const theme = useTheme();
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
  const money = (minor: number, currency: string) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);
  const reason = (code: string) => translate(`mess.reasons.${code}`, { _: code.replaceAll('_', ' ') });

  const exportCsv = () => {
    const s = summary.data;
    if (!s) return;
    const text = reportCsv(s, forecast.data ?? [], reason);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    a.download = `mess-report-${s.from}-${s.to}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const s = summary.data;
  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('mess.reports.title')} />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mb: 2, alignItems: 'flex-start' }}>
        <DayRange
          from={range.from || s?.from || ''}
          to={range.to || s?.to || ''}
          labels={{ from: translate('mess.fields.from'), to: translate('mess.fields.to') }}
          onChange={setRange}
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
              <Typography variant="body2" data-testid="mess-verification-time">
                {translate('mess.reports.verification_time', {
                  decided: s.verification.decided,
                  hours: s.verification.medianHours ?? '—',
                })}
              </Typography>
              <Typography variant="body2">
                {translate('mess.reports.verification_waiting', {
                  smart_count: s.verification.waiting,
                  hours: s.verification.oldestWaitingHours ?? '—',
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
                  <TableCell>{words.meal(f.mealName)}</TableCell>
                  <TableCell align="right">{f.expected}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
        <DefaultersSection money={money} />
      </Box>
    </Box>
  );
}
