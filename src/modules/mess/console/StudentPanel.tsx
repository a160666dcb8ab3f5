import {
  Alert,
  Box,
  Button,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import {
  ApiError,
  api,
  formatDateTime,
  TableHeadings,
  useSession,
} from '../../../../web/console/src/extensions/index.ts';
import { CashFeeForm } from './CashFeeForm.tsx';
import { printPasses } from './print-passes.ts';
import { Section } from './Section.tsx';

interface Overview {
  student: { id: string; name: string; rollNumber: string; status: string; statusReason: string | null };
  timeZone: string;
  cutoffTime: string;
  earliestCutStart: string;
  dues: {
    currency: string;
    cycles: {
      cycleId: string;
      name: string;
      feeMinor: number;
      cutDays: number;
      rebateMinor: number;
      paidMinor: number;
      balanceMinor: number;
    }[];
  };
  payments: {
    id: string;
    cycle: string;
    amountMinor: number;
    currency: string;
    method: string;
    status: string;
    reference: string | null;
    receivedOn: string | null;
    note: string | null;
    createdAt: string;
  }[];
  cuts: { id: string; from: string; to: string; cancellable: boolean }[];
  scans: { id: string; at: string; decision: string; reason: string | null; meal: string | null }[];
}

const STATUS_COLOUR: Record<string, 'success' | 'warning' | 'error' | 'default' | 'info'> = {
  approved: 'success',
  pending: 'warning',
  denied: 'error',
  suspended: 'error',
  verified: 'success',
  settled: 'success',
  submitted: 'warning',
  allowed: 'success',
};

/** One record as a line that wraps on a phone (no table wider than the screen). */
function Line({ children, ...data }: { children: ReactNode } & Record<`data-${string}`, string>) {
  return (
    <Box
      {...data}
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        columnGap: 2,
        rowGap: 0.5,
        py: 1,
        borderBottom: 1,
        borderColor: 'divider',
        '&:last-of-type': { borderBottom: 0 },
      }}
    >
      {children}
    </Box>
  );
}

/**
 * A student's page below the record's details: the QR pass (approved students), dues per cycle,
 * fee payments (linked to the payment's page to verify; cash recorded here), mess cuts (book or cancel on the
 * student's behalf, with the cut-off and its time zone) and the last scans.
 */
export default function StudentPanel({ id }: { id: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const session = useSession();
  const timeZone = session?.organization.timeZone;
  const phone = useMediaQuery(useTheme().breakpoints.down('sm'));
  const client = useQueryClient();
  const key = ['mess', 'student', id];
  const { data, error } = useQuery({
    queryKey: key,
    queryFn: () => api<Overview>(`/api/mess/students/${id}/overview`),
  });
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);
  if (error) return <Alert severity="error">{(error as Error).message}</Alert>;
  if (!data) return null;
  const money = (minor: number, currency: string) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);
  // Like every date in the console (the record's details above): on the organization's clock.
  const when = (iso: string) => formatDateTime(iso, locale, timeZone);
  const word = (group: string, value: string) =>
    translate(`mess.${group}.${value}`, { _: value.replaceAll('_', ' ') });
  const approved = data.student.status === 'approved';
  // Every query of the page: the record's details and its history above show what was just done too.
  const refresh = () => client.invalidateQueries();
  const failed = (err: unknown) => {
    if (!(err instanceof ApiError)) throw err;
    setProblem(err);
    notify(err.message, { type: 'error' });
  };
  const bookCut = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      await api(`/api/mess/students/${id}/cuts`, {
        method: 'POST',
        body: { from: from || data.earliestCutStart, to: to || from || data.earliestCutStart },
      });
      notify('mess.student.cut_booked', { type: 'success' });
      setFrom('');
      setTo('');
      await refresh();
    } catch (err) {
      failed(err);
    }
  };
  const cancelCut = async (cutId: string) => {
    setProblem(null);
    try {
      await api(`/api/mess/students/${id}/cuts/${cutId}`, { method: 'DELETE' });
      notify('mess.student.cut_cancelled', { type: 'success' });
      await refresh();
    } catch (err) {
      failed(err);
    }
  };
  const fieldError = (f: string) => problem?.problem.errors?.find((x) => x.field === f)?.message;

  return (
    <Stack data-testid="mess-student-panel" spacing={2} sx={{ mt: 2, minWidth: 0 }}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Box sx={{ flex: { md: '0 0 260px' } }}>
          <Section title={translate('mess.student.pass')} testId="mess-pass">
            {approved ? (
              <Box sx={{ textAlign: 'center' }}>
                <img
                  src={`/api/mess/students/${id}/pass.png`}
                  alt={translate('mess.student.pass_alt', { name: data.student.name })}
                  style={{
                    width: 200,
                    height: 200,
                    imageRendering: 'pixelated',
                    background: '#fff',
                    padding: 8,
                  }}
                />
                <Box>
                  <Button
                    size="small"
                    onClick={() =>
                      printPasses([id]).catch((err) => notify((err as Error).message, { type: 'error' }))
                    }
                  >
                    {translate('mess.student.print_pass')}
                  </Button>
                </Box>
              </Box>
            ) : (
              <Typography color="text.secondary">
                {translate('mess.student.no_pass', { status: word('options', data.student.status) })}
                {data.student.statusReason ? ` — ${data.student.statusReason}` : ''}
              </Typography>
            )}
          </Section>
        </Box>
        <Section title={translate('mess.student.dues')} testId="mess-dues">
          {phone ? (
            data.dues.cycles.map((c) => (
              <Line key={c.cycleId}>
                <Typography sx={{ width: '100%', fontWeight: 500 }}>{c.name}</Typography>
                <Typography variant="body2">
                  {translate('mess.fields.fee')}: {money(c.feeMinor, data.dues.currency)}
                </Typography>
                <Typography variant="body2">
                  {translate('mess.student.rebate')}: {money(c.rebateMinor, data.dues.currency)} ({c.cutDays})
                </Typography>
                <Typography variant="body2">
                  {translate('mess.student.paid')}: {money(c.paidMinor, data.dues.currency)}
                </Typography>
                <Typography variant="body2" sx={{ fontWeight: 700 }}>
                  {translate('mess.student.balance')}: {money(c.balanceMinor, data.dues.currency)}
                </Typography>
              </Line>
            ))
          ) : (
            <Table size="small">
              <TableHeadings
                headings={[
                  'mess.fields.cycle',
                  { label: 'mess.fields.fee', align: 'right' },
                  { label: 'mess.student.rebate', align: 'right' },
                  { label: 'mess.student.paid', align: 'right' },
                  { label: 'mess.student.balance', align: 'right' },
                ]}
              />
              <TableBody>
                {data.dues.cycles.map((c) => (
                  <TableRow key={c.cycleId}>
                    <TableCell>{c.name}</TableCell>
                    <TableCell align="right">{money(c.feeMinor, data.dues.currency)}</TableCell>
                    <TableCell align="right">
                      {money(c.rebateMinor, data.dues.currency)} ({c.cutDays})
                    </TableCell>
                    <TableCell align="right">{money(c.paidMinor, data.dues.currency)}</TableCell>
                    <TableCell align="right">
                      <strong>{money(c.balanceMinor, data.dues.currency)}</strong>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Section>
      </Stack>
      <Section title={translate('mess.student.payments')} testId="mess-payments">
        {session?.permissions.includes('mess.payment.create') && (
          <CashFeeForm
            studentId={id}
            cycles={data.dues.cycles}
            currency={data.dues.currency}
            timeZone={data.timeZone}
            onRecorded={refresh}
          />
        )}
        {data.payments.length === 0 ? (
          <Typography color="text.secondary">{translate('mess.student.none')}</Typography>
        ) : (
          data.payments.map((p) => (
            <Line key={p.id} data-payment={p.id}>
              <Typography sx={{ fontWeight: 500 }}>{money(p.amountMinor, p.currency)}</Typography>
              <Chip
                size="small"
                color={STATUS_COLOUR[p.status] ?? 'default'}
                label={word('payment', p.status)}
              />
              <Typography variant="body2">{p.cycle}</Typography>
              <Typography variant="body2">{word('method', p.method)}</Typography>
              {p.reference && (
                <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
                  {p.reference}
                </Typography>
              )}
              {p.note && <Typography variant="body2">“{p.note}”</Typography>}
              <Typography variant="body2" color="text.secondary">
                {p.receivedOn
                  ? translate('mess.student.cash_received_on', { date: p.receivedOn })
                  : when(p.createdAt)}
              </Typography>
              <Box sx={{ ml: 'auto' }}>
                <Link to={`/payments.payments/${p.id}/show`}>
                  {p.status === 'submitted'
                    ? translate('mess.student.review')
                    : translate('mess.student.open')}
                </Link>
              </Box>
            </Line>
          ))
        )}
      </Section>
      <Section title={translate('mess.student.cuts')} testId="mess-cuts">
        {approved && (
          <Box component="form" onSubmit={bookCut} sx={{ mb: 2 }}>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {translate('mess.student.cut_hint', {
                earliest: data.earliestCutStart,
                cutoff: data.cutoffTime,
                zone: data.timeZone,
              })}
            </Typography>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
              <TextField
                size="small"
                name="from"
                label={translate('mess.fields.from')}
                placeholder={data.earliestCutStart}
                value={from}
                onChange={(e) => setFrom(e.target.value)}
                error={!!fieldError('from')}
                helperText={fieldError('from') ?? 'YYYY-MM-DD'}
              />
              <TextField
                size="small"
                name="to"
                label={translate('mess.fields.to')}
                placeholder={from || data.earliestCutStart}
                value={to}
                onChange={(e) => setTo(e.target.value)}
                error={!!fieldError('to')}
                helperText={fieldError('to') ?? 'YYYY-MM-DD'}
              />
              <Button type="submit" variant="contained">
                {translate('mess.student.book_cut')}
              </Button>
            </Stack>
          </Box>
        )}
        {data.cuts.length === 0 ? (
          <Typography color="text.secondary">{translate('mess.student.none')}</Typography>
        ) : (
          data.cuts.map((c) => (
            <Line key={c.id} data-cut={`${c.from}:${c.to}`}>
              <Typography>
                {c.from} → {c.to}
              </Typography>
              {c.cancellable && (
                <Button size="small" color="error" sx={{ ml: 'auto' }} onClick={() => void cancelCut(c.id)}>
                  {translate('mess.student.cancel_cut')}
                </Button>
              )}
            </Line>
          ))
        )}
      </Section>
      <Section title={translate('mess.student.scans')} testId="mess-scans">
        {data.scans.length === 0 ? (
          <Typography color="text.secondary">{translate('mess.student.none')}</Typography>
        ) : (
          data.scans.map((x) => (
            <Line key={x.id}>
              <Chip
                size="small"
                color={STATUS_COLOUR[x.decision] ?? 'error'}
                label={word('options', x.decision)}
              />
              <Typography variant="body2">{x.meal ?? '—'}</Typography>
              {x.reason && <Typography variant="body2">{word('reasons', x.reason)}</Typography>}
              <Typography variant="body2" color="text.secondary">
                {when(x.at)}
              </Typography>
            </Line>
          ))
        )}
      </Section>
    </Stack>
  );
}
