import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ResourceMeta } from '../api/resource-meta.ts';
import { TableHeadings } from '../extensions/TableHeadings.tsx';

/** What a CSV import answers, dry run or not. */
export interface ImportResult {
  rows: number;
  valid: number;
  invalid: number;
  created: number;
  errors: { row: number; field: string | null; message: string }[];
  failedRowsCsv: string | null;
  /** Messages the new records send when asked, and those this run queued. */
  messages?: { wouldSend: number; queued: number };
}

/** Saves text as a CSV file, as the browser downloads one. */
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

interface ImportResultViewProps {
  meta: ResourceMeta;
  result: ImportResult;
  dryRun: boolean;
  notify: boolean;
  label: (name: string) => string;
}

/** A dry run's or an import's counts, the messages it sends or would, and its rows refused. */
export function ImportResultView({ meta, result, dryRun, notify, label }: ImportResultViewProps) {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 2 }} data-testid="import-result">
      <Alert severity={result.invalid ? 'warning' : 'success'}>
        {translate('od.import.result', { rows: result.rows, valid: result.valid, invalid: result.invalid })}
        {!dryRun && ` · ${translate('od.import.created', { smart_count: result.created })}`}
      </Alert>
      {meta.importable?.messages && result.messages && result.messages.wouldSend > 0 && (
        <Alert severity="info" sx={{ mt: 1 }} data-testid="import-messages">
          {messagesWords(translate, result.messages, dryRun, notify)}
        </Alert>
      )}
      {result.errors.length > 0 && <RefusedRows meta={meta} result={result} label={label} />}
    </Box>
  );
}

/** Messages queued, or those that will, would or were not sent, as the run went. */
function messagesWords(
  translate: ReturnType<typeof useTranslate>,
  messages: NonNullable<ImportResult['messages']>,
  dryRun: boolean,
  notify: boolean,
): string {
  if (messages.queued > 0) return translate('od.import.messages_queued', { smart_count: messages.queued });
  const key = dryRun
    ? notify
      ? 'od.import.messages_will'
      : 'od.import.messages_would'
    : 'od.import.messages_unsent';
  return translate(key, { smart_count: messages.wouldSend });
}

/** The rows refused (the first 200) with their field and reason, and all of them as a CSV to fix. */
function RefusedRows({ meta, result, label }: Pick<ImportResultViewProps, 'meta' | 'result' | 'label'>) {
  const translate = useTranslate();
  return (
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
  );
}
