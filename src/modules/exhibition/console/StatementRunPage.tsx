import { Button, Table, TableBody, TableCell, TableRow } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { api, TableHeadings, useFormat } from '../../../../web/console/src/extensions/index.ts';
import type { ImportWelcomeJson as ImportWelcome, StatementRunJson as Run } from '../browser.ts';
import { ExhibitionPicker, useExhibitionChoice } from './ExhibitionPicker.tsx';

const bar = (part: number, whole: number) => (whole === 0 ? 100 : Math.round((part / whole) * 100));

/** A progress bar: green, or amber once something failed. */
function Progress({ value, warn, testId }: { value: number; warn: boolean; testId?: string }) {
  return (
    <div
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      data-testid={testId}
      style={{ background: '#e4e6e1', borderRadius: 6, height: 18, overflow: 'hidden' }}
    >
      <div style={{ width: `${value}%`, background: warn ? '#c98a00' : '#0f7b3f', height: '100%' }} />
    </div>
  );
}

/**
 * Who was not reached: name, address, the outbox's verdict and how often it tried, and a button that
 * sends theirs again.
 */
function Failures(props: {
  failures: Run['failures'];
  testId: string;
  retryTestId: string;
  onRetry: () => void;
}) {
  const translate = useTranslate();
  return (
    <>
      <Table size="small" data-testid={props.testId}>
        <TableHeadings
          headings={[
            'exhibition.fields.name',
            'exhibition.fields.email',
            'exhibition.fields.status',
            'exhibition.statements.attemptsHeader',
          ]}
        />
        <TableBody>
          {props.failures.map((f) => (
            <TableRow key={f.customerId}>
              <TableCell>{f.name}</TableCell>
              <TableCell>{f.email}</TableCell>
              <TableCell>{translate(`exhibition.statements.status.${f.status}`, { _: f.status })}</TableCell>
              <TableCell>{f.attempts}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Button
        variant="outlined"
        size="small"
        sx={{ mt: 1 }}
        data-testid={props.retryTestId}
        onClick={props.onRetry}
      >
        {translate('exhibition.statements.retry')}
      </Button>
    </>
  );
}

/**
 * The end-of-exhibition run: e-mails every customer their statement (a background job), with its
 * progress (statements queued, sent, waiting for a retry, given up) refreshed every two seconds,
 * the customers whose e-mail failed listed, and a button that sends those again. Below, the same
 * view of the welcome e-mails of customers pre-registered from CSV imports.
 */
export default function StatementRunPage() {
  const translate = useTranslate();
  const format = useFormat();
  const queryClient = useQueryClient();
  const choice = useExhibitionChoice();
  const [error, setError] = useState('');
  const { exhibitionId } = choice;
  const runs = useQuery({
    queryKey: ['exhibition', 'statement-runs', exhibitionId],
    queryFn: () => api<Run[]>(`/api/exhibition/exhibitions/${exhibitionId}/statement-runs`),
    enabled: Boolean(exhibitionId),
    refetchInterval: (q) =>
      q.state.data?.some((r) => r.status === 'running' || r.pending > 0) ? 2_000 : false,
  });
  const welcome = useQuery({
    queryKey: ['exhibition', 'import-welcome', exhibitionId],
    queryFn: () => api<ImportWelcome>(`/api/exhibition/exhibitions/${exhibitionId}/import-welcome`),
    enabled: Boolean(exhibitionId),
    refetchInterval: (q) => ((q.state.data?.pending ?? 0) > 0 ? 2_000 : false),
  });
  const latest = runs.data?.[0];
  const act = async (call: () => Promise<unknown>) => {
    setError('');
    try {
      await call();
      await queryClient.invalidateQueries({ queryKey: ['exhibition'] });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const retry = (path: string) => () => void act(() => api(path, { method: 'POST' }));
  const start = () =>
    act(() => api(`/api/exhibition/exhibitions/${exhibitionId}/statement-runs`, { method: 'POST' }));
  return (
    <div style={{ padding: 16, maxWidth: 760 }}>
      <Title title={translate('exhibition.menu.statements')} />
      <p>{translate('exhibition.statements.intro')}</p>
      <ExhibitionPicker choice={choice} />{' '}
      <Button
        variant="contained"
        size="small"
        onClick={() => void start()}
        disabled={!exhibitionId || latest?.status === 'running'}
        data-testid="start-statement-run"
        sx={{ ml: 1 }}
      >
        {translate('exhibition.statements.start')}
      </Button>
      {error && (
        <p role="alert" style={{ color: 'var(--mui-palette-error-main)' }}>
          {error}
        </p>
      )}
      {latest && (
        <section data-testid="statement-run" data-status={latest.status} style={{ marginTop: 16 }}>
          <h3 style={{ margin: '8px 0' }}>
            {translate(`exhibition.statements.${latest.status}`)} · {format.dateTime(latest.createdAt)}
          </h3>
          <Progress value={bar(latest.queued, latest.total)} warn={latest.failed > 0} />
          <p data-testid="statement-run-counts">
            {translate('exhibition.statements.counts', {
              queued: latest.queued,
              total: latest.total,
              sent: latest.sent,
              pending: latest.pending,
              failed: latest.failed,
            })}
          </p>
          {latest.failures.length > 0 && (
            <>
              <h4>{translate('exhibition.statements.failures')}</h4>
              <Failures
                failures={latest.failures}
                testId="statement-run-failures"
                retryTestId="retry-statement-failures"
                onRetry={retry(`/api/exhibition/statement-runs/${latest.id}/retry-failed`)}
              />
            </>
          )}
        </section>
      )}
      {welcome.data && welcome.data.total > 0 && (
        <section data-testid="import-welcome" style={{ marginTop: 24 }}>
          <h3 style={{ margin: '8px 0' }}>{translate('exhibition.imports.title')}</h3>
          <Progress
            value={bar(welcome.data.sent + welcome.data.failed, welcome.data.total)}
            warn={welcome.data.failed > 0}
            testId="import-welcome-progress"
          />
          <p data-testid="import-welcome-counts">{translate('exhibition.imports.counts', welcome.data)}</p>
          {welcome.data.failures.length > 0 && (
            <>
              <h4>{translate('exhibition.imports.failures')}</h4>
              <Failures
                failures={welcome.data.failures}
                testId="import-welcome-failures"
                retryTestId="retry-import-welcome"
                onRetry={retry(`/api/exhibition/exhibitions/${exhibitionId}/import-welcome/retry-failed`)}
              />
            </>
          )}
        </section>
      )}
    </div>
  );
}
