import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ImportableModule, ImportRun } from './import-run.types.ts';

/** A run: its progress bar (records done of the total) while it goes, then its report. */
export function ImportRunCard({ run, meta }: { run: ImportRun; meta: ImportableModule }) {
  const translate = useTranslate();
  const labelOf = (model: string | null) => meta.models.find((m) => m.model === model)?.label ?? model ?? '';
  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid={run.dryRun ? 'import-dry-run' : 'import-run'}>
      <CardContent>
        {run.status === 'running' && <RunProgress run={run} model={labelOf(run.currentModel)} />}
        {run.status === 'failed' && (
          <Alert severity="error">{translate('imports.page.failed', { error: run.error ?? '' })}</Alert>
        )}
        {run.status === 'done' && run.report && <RunReport run={run} labelOf={labelOf} />}
      </CardContent>
    </Card>
  );
}

function RunProgress({ run, model }: { run: ImportRun; model: string }) {
  const translate = useTranslate();
  const percent = run.total ? Math.round((run.done / run.total) * 100) : 0;
  const words = translate('imports.page.progress', {
    done: run.done.toLocaleString(),
    total: run.total.toLocaleString(),
    model,
  });
  return (
    <Box data-testid="import-progress">
      <Typography variant="subtitle2">
        {translate(run.dryRun ? 'imports.page.checking' : 'imports.page.importing')}
      </Typography>
      <LinearProgress
        variant={run.total ? 'determinate' : 'indeterminate'}
        value={percent}
        sx={{ my: 1, height: 8, borderRadius: 1 }}
        aria-label={words}
      />
      <Typography variant="body2" color="text.secondary" data-testid="import-progress-words">
        {run.total ? words : translate('imports.page.reading')}
      </Typography>
    </Box>
  );
}

function RunReport({ run, labelOf }: { run: ImportRun; labelOf: (model: string | null) => string }) {
  const translate = useTranslate();
  const report = run.report!;
  const notes = report.models.flatMap((m) =>
    Object.entries(m.notes).map(([note, n]) => ({ model: m.label, note, n })),
  );
  return (
    <Box data-testid="import-report">
      <LinearProgress
        variant="determinate"
        value={100}
        sx={{ mb: 1, height: 8, borderRadius: 1 }}
        aria-label={translate('imports.page.progress', { done: run.done, total: run.total, model: '' })}
        data-testid="import-progress-done"
      />
      <Alert severity={report.issues.some((i) => i.kind === 'refused') ? 'warning' : 'success'}>
        {translate(run.dryRun ? 'imports.page.dry_report' : 'imports.page.final_report')}
        {' · '}
        {translate('imports.page.source', { source: run.source, seconds: report.seconds.toFixed(1) })}
      </Alert>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" sx={{ mt: 1 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('imports.page.model')}</TableCell>
              <TableCell align="right">{translate('imports.page.records')}</TableCell>
              <TableCell align="right">
                {translate(run.dryRun ? 'imports.page.would_create' : 'imports.page.created')}
              </TableCell>
              <TableCell align="right">
                {translate(run.dryRun ? 'imports.page.would_update' : 'imports.page.updated')}
              </TableCell>
              <TableCell align="right">{translate('imports.page.unchanged')}</TableCell>
              <TableCell align="right">{translate('imports.page.skipped')}</TableCell>
              <TableCell align="right">{translate('imports.page.refused')}</TableCell>
              <TableCell align="right">{translate('imports.page.flagged')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {report.models.map((m) => (
              <TableRow key={m.model} data-model={m.model}>
                <TableCell>{m.label}</TableCell>
                <TableCell align="right">{m.read}</TableCell>
                <TableCell align="right">{m.created}</TableCell>
                <TableCell align="right">{m.updated}</TableCell>
                <TableCell align="right">{m.unchanged}</TableCell>
                <TableCell align="right">{m.skipped}</TableCell>
                <TableCell align="right">{m.refused}</TableCell>
                <TableCell align="right">{m.flagged}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      {report.found.length > 0 && report.models.every((m) => m.read === 0) && (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="import-found">
          {translate('imports.page.found', { found: report.found.join(', ') })}
        </Alert>
      )}
      {notes.length > 0 && (
        <Box sx={{ mt: 2 }} data-testid="import-notes">
          <Typography variant="subtitle2">{translate('imports.page.notes_title')}</Typography>
          {notes.map(({ model, note, n }) => (
            <Typography key={`${model}:${note}`} variant="body2">
              {model}: {n.toLocaleString()} × {note}
            </Typography>
          ))}
        </Box>
      )}
      <Typography variant="body2" sx={{ mt: 1 }} data-testid="import-messages">
        {report.messages.queued
          ? translate('imports.page.messages_queued', { smart_count: report.messages.queued })
          : report.messages.wouldSend
            ? translate('imports.page.messages_would', { smart_count: report.messages.wouldSend })
            : translate('imports.page.messages_none')}
      </Typography>
      {report.issues.length > 0 && <RunIssues run={run} labelOf={labelOf} />}
    </Box>
  );
}

/** Every refused or flagged record: the first 500 on the page, all of them in the CSV. */
function RunIssues({ run, labelOf }: { run: ImportRun; labelOf: (model: string | null) => string }) {
  const translate = useTranslate();
  const issues = run.report!.issues;
  return (
    <>
      <Box sx={{ mt: 2, display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="subtitle2">
          {translate('imports.page.issues_title', { smart_count: issues.length })}
        </Typography>
        <Button
          size="small"
          startIcon={<DownloadIcon />}
          href={`/api/imports/runs/${run.id}/issues.csv`}
          data-testid="import-issues-csv"
        >
          {translate('imports.page.download')}
        </Button>
      </Box>
      <Box sx={{ maxHeight: 320, overflow: 'auto' }}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('imports.page.record')}</TableCell>
              <TableCell>{translate('imports.page.kind')}</TableCell>
              <TableCell>{translate('imports.page.field')}</TableCell>
              <TableCell>{translate('imports.page.reason')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {issues.slice(0, 500).map((issue) => (
              <TableRow
                key={`${issue.kind}:${issue.model}:${issue.pk}:${issue.field ?? ''}`}
                data-kind={issue.kind}
              >
                <TableCell>
                  {labelOf(issue.model)} #{issue.pk}
                </TableCell>
                <TableCell>
                  {translate(
                    issue.kind === 'refused' ? 'imports.page.kind_refused' : 'imports.page.kind_flagged',
                  )}
                </TableCell>
                <TableCell>{issue.field ?? '—'}</TableCell>
                <TableCell>{issue.reason}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </>
  );
}
