import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
  LinearProgress,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { api } from '../../api/http.ts';
import { ImportRunCard } from './ImportRunCard.tsx';
import type { ImportableModule } from './import-run.types.ts';
import { type CsvFile, type ImportFormat, type Upload, uploadOf } from './import-source.ts';
import { SourcePicker } from './SourcePicker.tsx';
import { type ImportRunState, useImportRun } from './use-import-run.ts';

/**
 * The import of one module from the system it replaces (issue 42 item 1): the original's files
 * (a Django dumpdata, or CSV files per model with their columns mapped), a dry run with its report,
 * then the import of the same files with its progress and final report.
 */
export default function ImportPage() {
  const translate = useTranslate();
  const { module = '' } = useParams();
  const { data: importable, isLoading } = useQuery({
    queryKey: ['opsdesk', 'imports'],
    queryFn: () => api<{ modules: ImportableModule[] }>('/api/imports'),
  });
  const meta = importable?.modules.find((m) => m.module === module);
  const runs = useImportRun(module);

  if (isLoading) return <LinearProgress />;
  const moduleName = translate(`od.menu.groups.${module}`, { _: module });
  if (!meta)
    return (
      <Box sx={{ p: 2 }}>
        <Title title={translate('imports.menu')} />
        <Alert severity="info">{translate('imports.page.none')}</Alert>
      </Box>
    );
  return (
    <Box sx={{ p: { xs: 1, sm: 2 }, maxWidth: 1100 }} data-testid="import-page">
      <Title title={translate('imports.page.title', { module: moduleName })} />
      <Typography variant="h5" component="h1">
        {translate('imports.page.title', { module: moduleName })}
      </Typography>
      <Typography variant="subtitle1" color="text.secondary">
        {translate('imports.page.original', { original: meta.original })}
      </Typography>
      <Typography variant="body2" sx={{ mt: 1, mb: 2 }}>
        {translate('imports.page.intro')}
      </Typography>
      <ImportForm meta={meta} runs={runs} />
      {runs.error && (
        <Alert severity="error" sx={{ mt: 2 }} data-testid="import-error">
          {runs.error}
        </Alert>
      )}
      {runs.current && <ImportRunCard run={runs.current} meta={meta} />}
    </Box>
  );
}

/** The files, the module's questions, whether to notify, and the dry run and import buttons. */
function ImportForm({ meta, runs }: { meta: ImportableModule; runs: ImportRunState }) {
  const translate = useTranslate();
  const [format, setFormat] = useState<ImportFormat>('dumpdata');
  const [upload, setUpload] = useState<Upload | null>(null);
  const [notify, setNotify] = useState(false);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const { current, busy, reset } = runs;

  const chooseFormat = (next: ImportFormat) => {
    setFormat(next);
    setUpload(null);
    reset();
  };
  const readFiles = async (chosen: File[]) => {
    reset();
    setUpload(await uploadOf(format, chosen, meta.models));
  };
  const editCsv = (i: number, change: Partial<CsvFile>) => {
    if (upload?.format !== 'csv') return;
    reset();
    setUpload({ format: 'csv', files: upload.files.map((f, j) => (j === i ? { ...f, ...change } : f)) });
  };
  const startAgain = () => {
    setUpload(null);
    reset();
  };

  const running = current?.status === 'running';
  const csvIncomplete = upload?.format === 'csv' && upload.files.some((f) => !f.model);
  return (
    <Card variant="outlined">
      <CardContent>
        <SourcePicker
          format={format}
          upload={upload}
          models={meta.models}
          locked={busy || running}
          onFormat={chooseFormat}
          onFiles={readFiles}
          onCsvChange={editCsv}
        />
        <ImportQuestions
          questions={meta.questions}
          answers={answers}
          onAnswer={(key, value) => {
            setAnswers({ ...answers, [key]: value });
            reset();
          }}
        />
        {meta.notifies && (
          <FormControlLabel
            sx={{ mt: 2, display: 'flex' }}
            control={
              <Checkbox
                checked={notify}
                onChange={(e) => {
                  setNotify(e.target.checked);
                  runs.forgetRun();
                }}
              />
            }
            label={translate('imports.page.notify', { what: meta.notifies })}
          />
        )}
        <ImportActions
          runs={runs}
          canDryRun={!!upload && !csvIncomplete}
          onDryRun={() => upload && runs.startDryRun(upload, notify, answers)}
          onImport={() => runs.startImport(notify)}
          onAgain={startAgain}
        />
      </CardContent>
    </Card>
  );
}

interface ImportQuestionsProps {
  questions: ImportableModule['questions'];
  answers: Record<string, string>;
  onAnswer: (key: string, value: string) => void;
}

/** What the module asks before it imports (a secret typed as a password). */
function ImportQuestions({ questions, answers, onAnswer }: ImportQuestionsProps) {
  const translate = useTranslate();
  if (!questions.length) return null;
  return (
    <Box sx={{ mt: 2 }} data-testid="import-questions">
      <Typography variant="subtitle2">{translate('imports.page.questions')}</Typography>
      {questions.map((q) => (
        <TextField
          key={q.key}
          size="small"
          fullWidth
          sx={{ mt: 1, maxWidth: 520 }}
          label={q.label}
          type={q.secret ? 'password' : 'text'}
          autoComplete="off"
          required={q.required}
          value={answers[q.key] ?? ''}
          onChange={(e) => onAnswer(q.key, e.target.value)}
          slotProps={{ htmlInput: { 'data-question': q.key } }}
        />
      ))}
    </Box>
  );
}

interface ImportActionsProps {
  runs: ImportRunState;
  /** Files are chosen and each CSV file has its model. */
  canDryRun: boolean;
  onDryRun: () => void;
  onImport: () => void;
  onAgain: () => void;
}

/** The dry run first; the import once the dry run is done; another import once that one is. */
function ImportActions({ runs, canDryRun, onDryRun, onImport, onAgain }: ImportActionsProps) {
  const translate = useTranslate();
  const { dry, run, current, busy } = runs;
  const dryDone = dry?.status === 'done';
  return (
    <>
      <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap' }} useFlexGap>
        <Button
          variant={dryDone ? 'outlined' : 'contained'}
          onClick={onDryRun}
          disabled={!canDryRun || busy || current?.status === 'running'}
        >
          {translate('imports.page.dry_run')}
        </Button>
        <Button variant="contained" color="warning" onClick={onImport} disabled={!dryDone || busy || !!run}>
          {translate('imports.page.run')}
        </Button>
        {run?.status === 'done' && <Button onClick={onAgain}>{translate('imports.page.again')}</Button>}
      </Stack>
      {dryDone && !run && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate('imports.page.run_hint')}
        </Typography>
      )}
    </>
  );
}
