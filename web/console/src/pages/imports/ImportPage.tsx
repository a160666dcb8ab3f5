import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { type ChangeEvent, useEffect, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { ApiError, api } from '../../api/http.ts';
import { parseCsv } from '../../format/csv.ts';
import { ImportRunCard } from './ImportRunCard.tsx';
import type { ImportableModule, ImportRun } from './import-run.types.ts';

interface CsvFile {
  name: string;
  content: string;
  model: string;
  headers: string[];
  rows: number;
  /** header → field name (the header itself unless changed). */
  fields: Record<string, string>;
}

type Upload =
  | { format: 'dumpdata'; file: { name: string; content: string } }
  | { format: 'csv'; files: CsvFile[] };

/**
 * `core.student.csv`, `core_student.csv`, `student.csv` or its table's name (`students.csv`, as psql
 * exports it) → its model, as the server reads names.
 */
function modelOfName(models: ImportableModule['models'], name: string): string {
  const base = name.toLowerCase().replace(/\.csv$/, '');
  return (
    models.find(({ model, table }) => {
      const [app, short] = model.split('.');
      return base === model || base === `${app}_${short}` || base === short || base === table;
    })?.model ?? ''
  );
}

const newKey = () => crypto.randomUUID();

/** The answers typed, without the blank ones; undefined when none was typed. */
function answered(answers: Record<string, string>): Record<string, string> | undefined {
  const given = Object.entries(answers).filter(([, v]) => v.trim() !== '');
  return given.length ? Object.fromEntries(given) : undefined;
}

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
  const [format, setFormat] = useState<'dumpdata' | 'csv'>('dumpdata');
  const [upload, setUpload] = useState<Upload | null>(null);
  const [notify, setNotify] = useState(false);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [dry, setDry] = useState<ImportRun | null>(null);
  const [run, setRun] = useState<ImportRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per attempt: a double click or a retried request starts one run.
  const [key, setKey] = useState(newKey);
  const current = run ?? dry;

  // Follows the run under way until its job has finished.
  useEffect(() => {
    if (current?.status !== 'running') return;
    const timer = setInterval(async () => {
      try {
        const next = await api<ImportRun>(`/api/imports/runs/${current.id}`);
        (next.dryRun ? setDry : setRun)(next);
      } catch (err) {
        setError((err as Error).message);
      }
    }, 400);
    return () => clearInterval(timer);
  }, [current]);

  const reset = () => {
    setDry(null);
    setRun(null);
    setError(null);
    setKey(newKey());
  };
  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(e.target.files ?? [])];
    e.target.value = '';
    if (!chosen.length || !meta) return;
    reset();
    if (format === 'dumpdata') {
      const file = chosen[0]!;
      setUpload({ format: 'dumpdata', file: { name: file.name, content: await file.text() } });
      return;
    }
    const models = meta.models;
    const files = await Promise.all(
      chosen.map(async (file) => {
        const content = await file.text();
        const rows = parseCsv(content);
        const headers = rows[0] ?? [];
        return {
          name: file.name,
          content,
          model: modelOfName(models, file.name),
          headers,
          rows: Math.max(rows.length - 1, 0),
          fields: Object.fromEntries(headers.map((h) => [h, h])),
        };
      }),
    );
    setUpload({ format: 'csv', files });
  };
  const editCsv = (i: number, change: Partial<CsvFile>) => {
    if (upload?.format !== 'csv') return;
    reset();
    setUpload({ format: 'csv', files: upload.files.map((f, j) => (j === i ? { ...f, ...change } : f)) });
  };

  const start = async (dryRun: boolean) => {
    if (!upload) return;
    setBusy(true);
    setError(null);
    const source =
      upload.format === 'dumpdata'
        ? upload
        : {
            format: 'csv',
            files: upload.files.map((f) => ({
              name: f.name,
              content: f.content,
              model: f.model || undefined,
            })),
            mapping: Object.fromEntries(
              upload.files
                .filter((f) => f.model)
                .map((f) => [
                  f.model,
                  Object.fromEntries(Object.entries(f.fields).filter(([h, field]) => field && field !== h)),
                ]),
            ),
          };
    try {
      const started = await api<ImportRun>(`/api/imports/${module}/runs`, {
        method: 'POST',
        headers: { 'idempotency-key': `${key}:${dryRun ? 'dry' : 'run'}` },
        body: dryRun
          ? { dryRun, notify, source, ...(answered(answers) ? { answers: answered(answers) } : {}) }
          : { dryRun, notify, sameSourceAs: dry?.id },
      });
      if (dryRun) {
        setDry(started);
        setRun(null);
      } else setRun(started);
    } catch (err) {
      const fields = err instanceof ApiError ? Object.values(err.fieldWords ?? {}) : [];
      setError([(err as Error).message, ...fields].join(' · '));
    } finally {
      setBusy(false);
    }
  };

  if (isLoading) return <LinearProgress />;
  const moduleName = translate(`od.menu.groups.${module}`, { _: module });
  if (!meta)
    return (
      <Box sx={{ p: 2 }}>
        <Title title={translate('imports.menu')} />
        <Alert severity="info">{translate('imports.page.none')}</Alert>
      </Box>
    );
  const dryDone = dry?.status === 'done';
  const csvIncomplete = upload?.format === 'csv' && upload.files.some((f) => !f.model);
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

      <Card variant="outlined">
        <CardContent>
          <Typography variant="subtitle2">{translate('imports.page.format')}</Typography>
          <RadioGroup
            row
            value={format}
            onChange={(e) => {
              setFormat(e.target.value as 'dumpdata' | 'csv');
              setUpload(null);
              reset();
            }}
          >
            <FormControlLabel
              value="dumpdata"
              control={<Radio />}
              label={translate('imports.page.dumpdata')}
              disabled={busy || current?.status === 'running'}
            />
            <FormControlLabel
              value="csv"
              control={<Radio />}
              label={translate('imports.page.csv')}
              disabled={busy || current?.status === 'running'}
            />
          </RadioGroup>
          <Button
            component="label"
            variant="outlined"
            startIcon={<UploadFileIcon />}
            disabled={busy || current?.status === 'running'}
            sx={{ mt: 1 }}
          >
            {translate(format === 'dumpdata' ? 'imports.page.choose_dumpdata' : 'imports.page.choose_csv')}
            <input
              hidden
              type="file"
              multiple={format === 'csv'}
              accept={format === 'dumpdata' ? '.json,application/json' : '.csv,text/csv'}
              onChange={pick}
              data-testid="import-files"
            />
          </Button>
          {upload?.format === 'dumpdata' && (
            <Typography variant="body2" sx={{ mt: 1 }} data-testid="import-file-name">
              {translate('imports.page.file')}: {upload.file.name}
            </Typography>
          )}
          {upload?.format === 'csv' && (
            <Box sx={{ mt: 2 }}>
              <Typography variant="body2" color="text.secondary">
                {translate('imports.page.column_hint')}
              </Typography>
              {upload.files.map((file, i) => (
                <Box key={file.name} sx={{ mt: 2 }}>
                  <Stack
                    direction={{ xs: 'column', sm: 'row' }}
                    spacing={2}
                    sx={{ alignItems: { sm: 'center' } }}
                  >
                    <Typography variant="subtitle2" sx={{ minWidth: 180 }}>
                      {file.name} · {translate('imports.page.rows')}: {file.rows}
                    </Typography>
                    <TextField
                      select
                      size="small"
                      label={translate('imports.page.model')}
                      value={file.model}
                      onChange={(e) => editCsv(i, { model: e.target.value })}
                      sx={{ minWidth: 240 }}
                      error={!file.model}
                    >
                      {meta.models.map((m) => (
                        <MenuItem key={m.model} value={m.model}>
                          {m.label} ({m.model})
                        </MenuItem>
                      ))}
                    </TextField>
                  </Stack>
                  <Box
                    sx={{
                      mt: 1,
                      display: 'grid',
                      gap: 1,
                      gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', md: '1fr 1fr 1fr' },
                    }}
                  >
                    {file.headers.map((header) => (
                      <TextField
                        key={header}
                        size="small"
                        label={translate('imports.page.column_field', { header })}
                        value={file.fields[header] ?? ''}
                        onChange={(e) => editCsv(i, { fields: { ...file.fields, [header]: e.target.value } })}
                      />
                    ))}
                  </Box>
                </Box>
              ))}
            </Box>
          )}
          {meta.questions.length > 0 && (
            <Box sx={{ mt: 2 }} data-testid="import-questions">
              <Typography variant="subtitle2">{translate('imports.page.questions')}</Typography>
              {meta.questions.map((q) => (
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
                  onChange={(e) => {
                    setAnswers({ ...answers, [q.key]: e.target.value });
                    reset();
                  }}
                  slotProps={{ htmlInput: { 'data-question': q.key } }}
                />
              ))}
            </Box>
          )}
          {meta.notifies && (
            <FormControlLabel
              sx={{ mt: 2, display: 'flex' }}
              control={
                <Checkbox
                  checked={notify}
                  onChange={(e) => {
                    setNotify(e.target.checked);
                    setRun(null);
                  }}
                />
              }
              label={translate('imports.page.notify', { what: meta.notifies })}
            />
          )}
          <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap' }} useFlexGap>
            <Button
              variant={dryDone ? 'outlined' : 'contained'}
              onClick={() => start(true)}
              disabled={!upload || busy || csvIncomplete || current?.status === 'running'}
            >
              {translate('imports.page.dry_run')}
            </Button>
            <Button
              variant="contained"
              color="warning"
              onClick={() => start(false)}
              disabled={!dryDone || busy || !!run}
            >
              {translate('imports.page.run')}
            </Button>
            {run?.status === 'done' && (
              <Button
                onClick={() => {
                  setUpload(null);
                  reset();
                }}
              >
                {translate('imports.page.again')}
              </Button>
            )}
          </Stack>
          {dryDone && !run && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {translate('imports.page.run_hint')}
            </Typography>
          )}
        </CardContent>
      </Card>

      {error && (
        <Alert severity="error" sx={{ mt: 2 }} data-testid="import-error">
          {error}
        </Alert>
      )}
      {current && <ImportRunCard run={current} meta={meta} />}
    </Box>
  );
}
