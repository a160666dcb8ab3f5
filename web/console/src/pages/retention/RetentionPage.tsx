import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
  Link,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { ApiError, api } from '../../api/http.ts';
import { can } from '../../api/session.ts';
import { useSession } from '../../api/use-session.ts';
import { TableHeadings } from '../../extensions/TableHeadings.tsx';

interface Kind {
  kind: string;
  label: string;
  defaultDays: number;
  days: number | null;
  chosen: boolean;
}
interface Settings {
  kinds: Kind[];
  legalHold: boolean;
  legalHoldReason: string | null;
  jobsKeepDays: number;
}
interface Preview {
  held: boolean;
  kinds: Array<{ kind: string; rows: number; bytes: number }>;
}

const SETTINGS = ['opsdesk', 'retention', 'settings'];
const PREVIEW = ['opsdesk', 'retention', 'preview'];

const bytes = (n: number) => {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
};

/**
 * How long each kind of data is kept (each area's default shown beside the organization's choice),
 * what a cleanup would remove now, and the organization's legal hold. Read-only without
 * `retention.settings.manage`.
 */
export default function RetentionPage() {
  const translate = useTranslate();
  const session = useSession();
  const editable = can(session, 'retention.settings.manage');
  const { settings, preview, days, setDays, hold, setHold, reason, setReason, problem, busy, submit } =
    useRetentionSettings();

  return (
    <Box sx={{ py: 2, maxWidth: 960 }}>
      <Title title={translate('retention.page.title')} />
      {settings.error && <Alert severity="error">{(settings.error as Error).message}</Alert>}
      <Card>
        <CardContent
          component="form"
          onSubmit={submit}
          sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
        >
          <Typography variant="body2">{translate('retention.page.intro')}</Typography>
          {!editable && <Alert severity="info">{translate('od.common.read_only')}</Alert>}
          {settings.data?.legalHold && <Alert severity="warning">{translate('retention.page.held')}</Alert>}
          {!settings.data ? (
            <Skeleton variant="rounded" height={320} />
          ) : (
            <>
              <PeriodsTable
                kinds={settings.data.kinds}
                days={days}
                onDays={setDays}
                editable={editable}
                preview={preview.data}
                problem={problem}
              />
              <Typography variant="caption" color="text.secondary">
                {translate('retention.page.forever')}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {translate('retention.page.jobs', { days: settings.data.jobsKeepDays })}
              </Typography>
              <FormControlLabel
                label={translate('retention.page.legal_hold')}
                control={
                  <Checkbox checked={hold} disabled={!editable} onChange={(e) => setHold(e.target.checked)} />
                }
              />
              {hold && (
                <TextField
                  label={translate('retention.page.legal_hold_reason')}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  disabled={!editable}
                />
              )}
              {problem && !problem.problem.errors?.length && (
                <Alert severity="error">{problem.message}</Alert>
              )}
              <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
                {editable && (
                  <Button type="submit" variant="contained" disabled={busy}>
                    {translate('od.common.save')}
                  </Button>
                )}
                {can(session, 'retention.run.read') && (
                  <Link component={RouterLink} to="/retention.runs">
                    {translate('retention.page.runs')}
                  </Link>
                )}
              </Box>
            </>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}

interface PeriodsTableProps {
  kinds: Kind[];
  /** Days typed per kind (blank: kept forever). */
  days: Record<string, string>;
  onDays: (days: Record<string, string>) => void;
  editable: boolean;
  preview: Preview | undefined;
  problem: ApiError | null;
}

/** Each kind of data: its area's default, the organization's days, and what a cleanup would remove now. */
function PeriodsTable({ kinds, days, onDays, editable, preview, problem }: PeriodsTableProps) {
  const translate = useTranslate();
  const wouldGo = (kind: string) => preview?.kinds.find((k) => k.kind === kind);
  const fieldError = (kind: string) =>
    problem?.problem.errors?.find((e) => e.field === `periods.${kind}` || e.field === kind)?.message;
  return (
    <Table size="small" aria-label={translate('retention.page.title')}>
      <TableHeadings
        headings={[
          'retention.page.kind',
          { label: 'retention.page.default', align: 'right' },
          'retention.page.days',
          { label: 'retention.page.would_go', align: 'right' },
        ]}
      />
      <TableBody>
        {kinds.map((k) => {
          const go = wouldGo(k.kind);
          return (
            <TableRow key={k.kind} data-kind={k.kind}>
              <TableCell>{translate(k.label, { _: k.kind })}</TableCell>
              <TableCell align="right">{k.defaultDays}</TableCell>
              <TableCell>
                <TextField
                  size="small"
                  type="number"
                  name={k.kind}
                  value={days[k.kind] ?? ''}
                  placeholder="∞"
                  onChange={(e) => onDays({ ...days, [k.kind]: e.target.value })}
                  disabled={!editable}
                  error={!!fieldError(k.kind)}
                  helperText={fieldError(k.kind)}
                  slotProps={{
                    htmlInput: {
                      min: 1,
                      max: 3650,
                      'aria-label': translate(k.label, { _: k.kind }),
                    },
                  }}
                  sx={{ width: 120 }}
                />
              </TableCell>
              <TableCell align="right">
                {go
                  ? `${translate('retention.page.rows', { smart_count: go.rows })} · ${bytes(go.bytes)}`
                  : '…'}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** The retention settings and the cleanup's preview as read, the form's edits, and the edits saved. */
function useRetentionSettings() {
  const notify = useNotify();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: SETTINGS, queryFn: () => api<Settings>('/api/retention/settings') });
  const preview = useQuery({ queryKey: PREVIEW, queryFn: () => api<Preview>('/api/retention/preview') });
  const [days, setDays] = useState<Record<string, string>>({});
  const [hold, setHold] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!settings.data) return;
    setDays(
      Object.fromEntries(settings.data.kinds.map((k) => [k.kind, k.days === null ? '' : String(k.days)])),
    );
    setHold(settings.data.legalHold);
    setReason(settings.data.legalHoldReason ?? '');
  }, [settings.data]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const periods = Object.fromEntries(
        Object.entries(days).map(([kind, value]) => [kind, value.trim() === '' ? null : Number(value)]),
      );
      const saved = await api<Settings>('/api/retention/settings', {
        method: 'PATCH',
        body: { periods, legalHold: hold, legalHoldReason: reason.trim() || null },
      });
      client.setQueryData(SETTINGS, saved);
      await client.invalidateQueries({ queryKey: PREVIEW });
      notify('od.common.saved', { type: 'success' });
    } catch (err) {
      if (err instanceof ApiError) setProblem(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  return { settings, preview, days, setDays, hold, setHold, reason, setReason, problem, busy, submit };
}
