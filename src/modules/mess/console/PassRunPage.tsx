import { Alert, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { ApiError, api } from '../../../../web/console/src/extensions/index.ts';
import type { PassRun } from '../browser.ts';
import { LegacyPassesCard } from './LegacyPassesCard.tsx';

/**
 * Regenerating every approved student's meal pass after the pass key was rotated: a button that
 * starts the job, and its progress (passes signed again, messages sent, waiting, failed, students
 * without Telegram) refreshed every two seconds while it runs or messages wait.
 */
export default function PassRunPage() {
  const translate = useTranslate();
  const client = useQueryClient();
  const [error, setError] = useState('');
  const latest = useQuery({
    queryKey: ['mess', 'pass-runs', 'latest'],
    queryFn: () => api<PassRun | null>('/api/mess/pass-runs/latest'),
    refetchInterval: (q) =>
      q.state.data?.status === 'running' || (q.state.data?.pending ?? 0) > 0 ? 2_000 : false,
  });
  const run = latest.data;
  const start = async () => {
    setError('');
    try {
      client.setQueryData(
        ['mess', 'pass-runs', 'latest'],
        await api<PassRun>('/api/mess/pass-runs', { method: 'POST' }),
      );
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const percent = run ? (run.total === 0 ? 100 : Math.round((run.done / run.total) * 100)) : 0;
  return (
    <Stack spacing={2} sx={{ p: 2, maxWidth: 760 }}>
      <Title title={translate('mess.menu.passes')} />
      <Typography variant="body2">{translate('mess.passRun.intro')}</Typography>
      <div>
        <Button
          variant="contained"
          onClick={() => void start()}
          disabled={run?.status === 'running'}
          data-testid="start-pass-run"
        >
          {translate('mess.passRun.start')}
        </Button>
      </div>
      {error && <Alert severity="error">{error}</Alert>}
      {run && (
        <section data-testid="pass-run" data-status={run.status}>
          <Typography variant="subtitle1">
            {translate(run.status === 'running' ? 'mess.passRun.running' : 'mess.passRun.done', {
              done: run.done,
              total: run.total,
            })}
          </Typography>
          <LinearProgress
            variant="determinate"
            value={percent}
            color={run.failed > 0 ? 'warning' : 'primary'}
            data-testid="pass-run-progress"
          />
          <Typography variant="body2" data-testid="pass-run-counts" sx={{ mt: 1 }}>
            {translate('mess.passRun.counts', {
              sent: run.sent,
              pending: run.pending,
              failed: run.failed,
              noChat: run.noChat,
            })}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {translate('mess.passRun.keys', { keys: run.keyIds.join(', ') || '—' })}
          </Typography>
        </section>
      )}
      <LegacyPassesCard />
    </Stack>
  );
}
