import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField,
  type Theme,
  Typography,
  useMediaQuery,
} from '@mui/material';
import { type ChangeEvent, useState } from 'react';
import { useRefresh, useTranslate } from 'react-admin';
import { api } from '../api/http.ts';
import type { ResourceMeta } from '../api/resource-meta.ts';
import { TableHeadings } from '../extensions/TableHeadings.tsx';
import { guessMapping, parseCsv } from '../format/csv.ts';
import { labelOf } from '../i18n/labels.ts';

interface ImportResult {
  rows: number;
  valid: number;
  invalid: number;
  created: number;
  errors: { row: number; field: string | null; message: string }[];
  failedRowsCsv: string | null;
  /** Messages the new records send when asked, and those this run queued. */
  messages?: { wouldSend: number; queued: number };
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * CSV import: pick a file, map its columns, check with a dry run, then import; failed rows download as
 * CSV. Where the new records send messages (welcome e-mails), nothing is sent unless the box is ticked,
 * and the result says how many would be (issue 54, item 14).
 */
export function ImportButton({ meta }: { meta: ResourceMeta }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const fullScreen = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<{ name: string; text: string; headers: string[]; rows: number } | null>(
    null,
  );
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [result, setResult] = useState<ImportResult | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [notify, setNotify] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const columns = meta.importable?.columns ?? [];
  const label = (name: string) =>
    labelOf(translate, meta.columns.find((c) => c.name === name)?.label ?? name);

  const close = () => {
    setOpen(false);
    setFile(null);
    setMapping({});
    setResult(null);
    setError(null);
    setNotify(false);
  };
  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    e.target.value = '';
    if (!chosen) return;
    const text = await chosen.text();
    const rows = parseCsv(text);
    const headers = rows[0] ?? [];
    setFile({ name: chosen.name, text, headers, rows: Math.max(rows.length - 1, 0) });
    setMapping(
      guessMapping(
        headers,
        columns.map((c) => ({ name: c.name, label: meta.columns.find((m) => m.name === c.name)?.label })),
      ),
    );
    setResult(null);
    setError(null);
  };
  const submit = async (dry: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api<ImportResult>(`${meta.path}/import?dryRun=${dry}&notify=${notify}`, {
        method: 'POST',
        body: { csv: file.text, mapping },
      });
      setResult(res);
      setDryRun(dry);
      if (!dry) refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const mapped = new Set(Object.values(mapping));
  const missing = columns.filter((c) => c.required && !mapped.has(c.name)).map((c) => label(c.name));

  return (
    <>
      <Button
        size="small"
        startIcon={<UploadFileIcon />}
        onClick={() => setOpen(true)}
        data-testid="import-button"
      >
        {translate('od.resource.import')}
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="md" fullScreen={fullScreen}>
        <DialogTitle>{translate('od.import.title', { name: labelOf(translate, meta.label) })}</DialogTitle>
        <DialogContent dividers>
          <Button component="label" variant="outlined" startIcon={<UploadFileIcon />}>
            {translate('od.import.choose_file')}
            <input hidden type="file" accept=".csv,text/csv" onChange={pick} data-testid="import-file" />
          </Button>
          {file && (
            <Box sx={{ mt: 2 }}>
              <Typography variant="body2" color="text.secondary">
                {translate('od.import.file_rows', {
                  rows: file.rows,
                  columns: file.headers.length,
                  file: file.name,
                })}
              </Typography>
              {file.rows === 0 && <Alert severity="warning">{translate('od.import.empty_file')}</Alert>}
              <Typography variant="subtitle2" sx={{ mt: 2, mb: 1 }}>
                {translate('od.import.mapping')}
              </Typography>
              <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
                {file.headers.map((header) => (
                  <TextField
                    key={header}
                    select
                    size="small"
                    label={header}
                    value={mapping[header] ?? ''}
                    onChange={(e) => {
                      const next = { ...mapping };
                      if (e.target.value) next[header] = e.target.value;
                      else delete next[header];
                      setMapping(next);
                      setResult(null);
                    }}
                  >
                    <MenuItem value="">
                      <em>{translate('od.import.skip')}</em>
                    </MenuItem>
                    {columns.map((c) => (
                      <MenuItem key={c.name} value={c.name}>
                        {label(c.name)}
                        {c.required ? ' *' : ''}
                      </MenuItem>
                    ))}
                  </TextField>
                ))}
              </Box>
              {meta.importable?.messages && (
                <FormControlLabel
                  sx={{ mt: 1 }}
                  control={
                    <Checkbox
                      checked={notify}
                      onChange={(e) => setNotify(e.target.checked)}
                      data-testid="import-notify"
                    />
                  }
                  label={translate('od.import.notify')}
                />
              )}
              {missing.length > 0 && (
                <Alert severity="warning" sx={{ mt: 2 }}>
                  {translate('od.import.required_missing', { list: missing.join(', ') })}
                </Alert>
              )}
            </Box>
          )}
          {busy && <LinearProgress sx={{ mt: 2 }} />}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
          {result && (
            <Box sx={{ mt: 2 }} data-testid="import-result">
              <Alert severity={result.invalid ? 'warning' : 'success'}>
                {translate('od.import.result', {
                  rows: result.rows,
                  valid: result.valid,
                  invalid: result.invalid,
                })}
                {!dryRun && ` · ${translate('od.import.created', { smart_count: result.created })}`}
              </Alert>
              {meta.importable?.messages && result.messages && result.messages.wouldSend > 0 && (
                <Alert severity="info" sx={{ mt: 1 }} data-testid="import-messages">
                  {result.messages.queued > 0
                    ? translate('od.import.messages_queued', { smart_count: result.messages.queued })
                    : translate(
                        dryRun
                          ? notify
                            ? 'od.import.messages_will'
                            : 'od.import.messages_would'
                          : 'od.import.messages_unsent',
                        { smart_count: result.messages.wouldSend },
                      )}
                </Alert>
              )}
              {result.errors.length > 0 && (
                <>
                  <Typography variant="subtitle2" sx={{ mt: 2 }}>
                    {translate('od.import.errors')}
                  </Typography>
                  <Box sx={{ maxHeight: 240, overflow: 'auto' }}>
                    <Table size="small">
                      <TableHeadings headings={['od.import.row', 'od.import.field', 'od.import.message']} />
                      <TableBody>
                        {result.errors.slice(0, 200).map((e) => (
                          <TableRow key={`${e.row}-${e.field}`}>
                            <TableCell>{e.row}</TableCell>
                            <TableCell>{e.field ? label(e.field) : '—'}</TableCell>
                            <TableCell>{e.message}</TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  </Box>
                  {result.failedRowsCsv && (
                    <Button
                      sx={{ mt: 1 }}
                      startIcon={<DownloadIcon />}
                      onClick={() => download(`${meta.name}-failed-rows.csv`, result.failedRowsCsv ?? '')}
                    >
                      {translate('od.import.download_failed')}
                    </Button>
                  )}
                </>
              )}
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{translate('od.common.close')}</Button>
          <Button onClick={() => submit(true)} disabled={!file || busy || !file.rows || missing.length > 0}>
            {translate('od.import.dry_run')}
          </Button>
          <Button
            variant="contained"
            onClick={() => submit(false)}
            disabled={
              !file || busy || !file.rows || missing.length > 0 || !result || !dryRun || result.valid === 0
            }
          >
            {translate('od.import.run')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
