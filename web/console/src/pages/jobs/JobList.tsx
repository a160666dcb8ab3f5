import ReplayIcon from '@mui/icons-material/Replay';
import { Button, Chip, type ChipProps, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import {
  DataTable,
  FunctionField,
  List,
  SelectInput,
  TextInput,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { api } from '../../api/http.ts';
import { can } from '../../api/session.ts';
import { useSession } from '../../api/use-session.ts';
import { EmptyRows } from '../../extensions/EmptyRows.tsx';
import { tableScrollsInItsFrame } from '../../extensions/table-frame.ts';
import { ZonedDateField } from '../../format/ZonedDateField.tsx';
import { systemActorKey } from '../../i18n/system-actors.ts';

const STATES = ['created', 'active', 'retry', 'failed', 'dead', 'completed', 'cancelled'] as const;
const TONE: Record<string, ChipProps['color']> = {
  created: 'default',
  active: 'info',
  retry: 'warning',
  failed: 'error',
  dead: 'error',
  completed: 'success',
  cancelled: 'default',
};

const filters = [
  <SelectInput
    key="state"
    source="state"
    label="od.jobs.state"
    alwaysOn
    choices={STATES.map((s) => ({ id: s, name: `od.jobs.states.${s}` }))}
  />,
  <TextInput key="name" source="name" label="od.jobs.name" />,
];

function RetryButton() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  // A job that recorded why its work failed (a refused reply) has nothing to run again.
  if (!record?.retryable) return null;
  return (
    <Button
      size="small"
      startIcon={<ReplayIcon />}
      disabled={busy}
      onClick={async (e) => {
        e.stopPropagation();
        setBusy(true);
        try {
          await api(`/api/jobs/${record.id}/retry`, { method: 'POST' });
          notify('od.jobs.retried', { type: 'success' });
          refresh();
        } catch (err) {
          notify((err as Error).message, { type: 'error' });
        } finally {
          setBusy(false);
        }
      }}
    >
      {translate('od.jobs.retry')}
    </Button>
  );
}

interface JobRecord {
  lastError: string | null;
  failure: { code: string; details: Record<string, unknown> } | null;
}

/**
 * A job's last error in the reader's language: a failure the job recorded reads as its code's words
 * (`errors.<code>`, the channel named), with the server's English as the fallback.
 */
function LastError({ job }: { job: JobRecord }) {
  const translate = useTranslate();
  if (!job.lastError) return '—';
  const details = job.failure?.details ?? {};
  const channel = typeof details.channel === 'string' ? details.channel : undefined;
  const words = job.failure
    ? translate(`errors.${job.failure.code}`, {
        ...details,
        ...(channel ? { channel: translate(`od.notifications.channels.${channel}`, { _: channel }) } : {}),
        _: job.lastError,
      })
    : job.lastError;
  return (
    <Tooltip title={words}>
      <Typography variant="body2" noWrap sx={{ maxWidth: 280 }} color="error" data-testid="job-error">
        {words}
      </Typography>
    </Tooltip>
  );
}

/** Background jobs of the organization, filterable by state; failed and dead ones can be retried. */
export default function JobList() {
  const translate = useTranslate();
  const session = useSession();
  const retry = can(session, 'platform.job.retry');
  return (
    <List
      title={translate('od.menu.jobs')}
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      empty={false}
    >
      <DataTable bulkActionButtons={false} rowClick={false} empty={<EmptyRows />} sx={tableScrollsInItsFrame}>
        <DataTable.Col source="name" label="od.jobs.name" disableSort>
          {/* A job by its words ("Admin bot cards update"), never its code (`mess.cards-settle`). */}
          <FunctionField
            render={(r) => (
              <span data-job={r.name}>
                {translate(systemActorKey(String(r.name)), { _: String(r.name) })}
              </span>
            )}
          />
        </DataTable.Col>
        <DataTable.Col source="state" label="od.jobs.state" disableSort>
          <FunctionField
            render={(r) => (
              <Chip
                size="small"
                color={TONE[r.state]}
                label={translate(`od.jobs.states.${r.state}`)}
                data-state={r.state}
              />
            )}
          />
        </DataTable.Col>
        <DataTable.Col source="attempts" label="od.jobs.attempts" disableSort>
          <FunctionField render={(r) => `${r.attempts} / ${r.retryLimit + 1}`} />
        </DataTable.Col>
        <DataTable.Col source="lastError" label="od.jobs.last_error" disableSort>
          <FunctionField render={(r) => <LastError job={r} />} />
        </DataTable.Col>
        <DataTable.Col source="createdAt" label="od.jobs.created" disableSort>
          <ZonedDateField source="createdAt" showTime />
        </DataTable.Col>
        {retry ? (
          <DataTable.Col label=" " disableSort>
            <RetryButton />
          </DataTable.Col>
        ) : null}
      </DataTable>
    </List>
  );
}
