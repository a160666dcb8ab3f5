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
  TextField,
  type Theme,
  Typography,
  useMediaQuery,
} from '@mui/material';
import { type ChangeEvent, useState } from 'react';
import { useRefresh, useTranslate } from 'react-admin';
import { api } from '../api/http.ts';
import type { ResourceMeta } from '../api/resource-meta.ts';
import { guessMapping, parseCsv } from '../format/csv.ts';
import { labelOf } from '../i18n/labels.ts';
import { type ImportResult, ImportResultView } from './ImportResultView.tsx';

/**
 * CSV import: pick a file, map its columns, check with a dry run, then import; failed rows download as
 * CSV. Where the new records send messages (welcome e-mails), nothing is sent unless the box is ticked,
 * and the result says how many would be (issue 54, item 14).
 */
export function ImportButton({ meta }: { meta: ResourceMeta }) {
  const translate = useTranslate();
  const fullScreen = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
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
        <ImportSteps meta={meta} onClose={close} />
      </Dialog>
    </>
  );
}

/** The file, its mapping, the dry run and the import: what was chosen goes when the dialog closes. */
function ImportSteps({ meta, onClose }: { meta: ResourceMeta; onClose: () => void }) {
  const translate = useTranslate();
  const csv = useCsvImport(meta);
  const { file, result, busy } = csv;
  const label = (name: string) =>
    labelOf(translate, meta.columns.find((c) => c.name === name)?.label ?? name);
  const mapped = new Set(Object.values(csv.mapping));
  const missing = (meta.importable?.columns ?? [])
    .filter((c) => c.required && !mapped.has(c.name))
    .map((c) => label(c.name));
  const canCheck = !!file && !busy && file.rows > 0 && missing.length === 0;
  return (
    <>
      <DialogContent dividers>
        <Button component="label" variant="outlined" startIcon={<UploadFileIcon />}>
          {translate('od.import.choose_file')}
          <input hidden type="file" accept=".csv,text/csv" onChange={csv.pick} data-testid="import-file" />
        </Button>
        {file && (
          <ColumnMapping
            meta={meta}
            file={file}
            mapping={csv.mapping}
            missing={missing}
            label={label}
            onMapping={csv.changeMapping}
            notify={csv.notify}
            onNotify={csv.setNotify}
          />
        )}
        {busy && <LinearProgress sx={{ mt: 2 }} />}
        {csv.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {csv.error}
          </Alert>
        )}
        {result && (
          <ImportResultView
            meta={meta}
            result={result}
            dryRun={csv.dryRun}
            notify={csv.notify}
            label={label}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('od.common.close')}</Button>
        <Button onClick={() => csv.submit(true)} disabled={!canCheck}>
          {translate('od.import.dry_run')}
        </Button>
        <Button
          variant="contained"
          onClick={() => csv.submit(false)}
          disabled={!canCheck || !result || !csv.dryRun || result.valid === 0}
        >
          {translate('od.import.run')}
        </Button>
      </DialogActions>
    </>
  );
}

/** A CSV file read, its headers mapped to the resource's columns, sent as a dry run or an import. */
function useCsvImport(meta: ResourceMeta) {
  const refresh = useRefresh();
  const [file, setFile] = useState<CsvFile | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [result, setResult] = useState<ImportResult | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [notify, setNotify] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    e.target.value = '';
    if (!chosen) return;
    const text = await chosen.text();
    const rows = parseCsv(text);
    const headers = rows[0] ?? [];
    setFile({ name: chosen.name, text, headers, rows: Math.max(rows.length - 1, 0) });
    const columns = meta.importable?.columns ?? [];
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
  /** A header mapped anew: the last dry run no longer says what the import would do. */
  const changeMapping = (next: Record<string, string>) => {
    setMapping(next);
    setResult(null);
  };
  return { file, mapping, result, dryRun, notify, setNotify, busy, error, pick, submit, changeMapping };
}

interface CsvFile {
  name: string;
  text: string;
  headers: string[];
  rows: number;
}

interface ColumnMappingProps {
  meta: ResourceMeta;
  file: CsvFile;
  /** CSV header → the resource's column it fills (absent: skipped). */
  mapping: Record<string, string>;
  /** Required columns no header fills, as labels. */
  missing: string[];
  label: (name: string) => string;
  onMapping: (mapping: Record<string, string>) => void;
  notify: boolean;
  onNotify: (notify: boolean) => void;
}

/** The file chosen: its size, the column each header fills, whether to send messages, what is missing. */
function ColumnMapping({
  meta,
  file,
  mapping,
  missing,
  label,
  onMapping,
  notify,
  onNotify,
}: ColumnMappingProps) {
  const translate = useTranslate();
  const columns = meta.importable?.columns ?? [];
  const mapHeader = (header: string, column: string) => {
    const next = { ...mapping };
    if (column) next[header] = column;
    else delete next[header];
    onMapping(next);
  };
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="body2" color="text.secondary">
        {translate('od.import.file_rows', { rows: file.rows, columns: file.headers.length, file: file.name })}
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
            onChange={(e) => mapHeader(header, e.target.value)}
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
              onChange={(e) => onNotify(e.target.checked)}
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
  );
}
