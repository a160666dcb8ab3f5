import BoltIcon from '@mui/icons-material/Bolt';
import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { Confirm, useListContext, useNotify, useRefresh, useTranslate, useUnselectAll } from 'react-admin';
import { errorKey } from '../../../../src/core/i18n/index.ts';
import { api } from '../api/http.ts';
import { type ActionMeta, type ResourceMeta, titleWords } from '../api/resource-meta.ts';
import { isReadOnlyRole } from '../api/session.ts';
import { useSession } from '../api/use-session.ts';
import { shortReference } from '../format/format.ts';
import { labelOf } from '../i18n/labels.ts';
import { type ActionResult, runAction } from './run-action.ts';

/** Actions this session may run: allowed by the server, and never for read-only roles. */
export function usableActions(meta: ResourceMeta, session: ReturnType<typeof useSession>, bulk: boolean) {
  if (isReadOnlyRole(session)) return [];
  return meta.actions.filter((a) => a.allowed && (!bulk || a.bulk));
}

/** Files this session may make of selected records (a PDF of their passes). */
export function usableDownloads(meta: ResourceMeta) {
  return (meta.downloads ?? []).filter((d) => d.allowed);
}

/**
 * Whether a record offers an action: the server lists the actions valid in the record's state as
 * `_actions` when any action depends on it (`availableWhen`); without that list every action is offered.
 */
export function offeredOn(record: Record<string, unknown> | undefined, action: string): boolean {
  const offered = record?._actions;
  return !Array.isArray(offered) || offered.includes(action);
}

interface ActionButtonProps {
  meta: ResourceMeta;
  action: ActionMeta;
  ids: (string | number)[];
  /** The records acted on, as the list or page has them: each is named by its title, never its id. */
  records: Record<string, unknown>[];
  onDone: () => void;
}

/** Runs one action on the records, after its question or its inputs where it has them; failures listed. */
function ActionButton({ meta, action, ids, records, onDone }: ActionButtonProps) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState<ActionResult['failed']>([]);
  const [asking, setAsking] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const label = labelOf(translate, action.label);
  const fields = action.inputFields ?? [];
  const missing = fields.some((f) => f.required && !values[f.name]?.trim());
  const nameOf = recordNamer(meta, records, translate);

  const confirmQuestion = () => confirmQuestionOf(translate, { action, label, ids, records, nameOf });

  const run = async () => {
    setBusy(true);
    try {
      const result = await runAction(meta, action.name, ids, inputOf(fields, values));
      const summary = summaryOf(translate, { label, ids, result, nameOf });
      notify(summary, { type: result.failed.length ? 'warning' : 'success' });
      setFailures(result.failed);
      refresh();
      if (!result.failed.length) onDone();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      setConfirming(false);
      setAsking(false);
    }
  };

  return (
    <>
      <Button
        size="small"
        startIcon={<BoltIcon />}
        disabled={busy}
        data-action={action.name}
        onClick={() => (fields.length ? setAsking(true) : action.confirm ? setConfirming(true) : run())}
      >
        {label}
      </Button>
      <Confirm
        isOpen={confirming}
        loading={busy}
        title={label}
        content={confirmQuestion()}
        cancel="od.resource.action_back"
        onConfirm={run}
        onClose={() => setConfirming(false)}
      />
      <ActionInputsDialog
        open={asking}
        label={label}
        fields={fields}
        values={values}
        onValues={setValues}
        ready={!busy && !missing}
        onCancel={() => setAsking(false)}
        onRun={run}
      />
      <ActionFailuresDialog
        label={label}
        failures={failures}
        nameOf={nameOf}
        onClose={() => setFailures([])}
      />
    </>
  );
}

type Translate = ReturnType<typeof useTranslate>;
type NameOf = (id: string | number) => string;

/** A record acted on by its title (else its name, else a short reference), never its bare id. */
function recordNamer(meta: ResourceMeta, records: Record<string, unknown>[], translate: Translate): NameOf {
  return (id) => {
    const record = records.find((r) => String(r.id) === String(id));
    const named = typeof record?.name === 'string' && record.name ? record.name : undefined;
    return titleWords(meta, record, translate) ?? named ?? shortReference(id);
  };
}

/** The action's inputs as typed, numbers as numbers; undefined for an action that asks none. */
function inputOf(fields: NonNullable<ActionMeta['inputFields']>, values: Record<string, string>) {
  if (!fields.length) return undefined;
  return Object.fromEntries(
    fields.map((f) => [f.name, f.type === 'number' ? Number(values[f.name]) : values[f.name]]),
  );
}

/**
 * The confirmation's question. One record is named with the action ('Start selling “Rifa del Día”?'),
 * never 'Run … on 1 record?' (issue 54, item 17); an action's own question may name its fields too
 * ('Cancel order %{name} of %{buyer}?'). Many records are counted.
 */
function confirmQuestionOf(
  translate: Translate,
  c: {
    action: ActionMeta;
    label: string;
    ids: (string | number)[];
    records: Record<string, unknown>[];
    nameOf: NameOf;
  },
): string {
  const [only] = c.ids;
  if (c.ids.length !== 1 || only === undefined)
    return translate('od.resource.action_confirm', { action: c.label, smart_count: c.ids.length });
  const name = c.nameOf(only);
  if (typeof c.action.confirm !== 'string')
    return translate('od.resource.action_confirm_one', { action: c.label, name });
  const record = c.records.find((r) => String(r.id) === String(only)) ?? {};
  // The record's text and number fields, for the action's own question ('—' where one is empty).
  const words = Object.fromEntries(
    Object.entries(record)
      .filter(([, v]) => v === null || typeof v === 'string' || typeof v === 'number')
      .map(([k, v]) => [k, v ?? '—']),
  );
  return translate(c.action.confirm, { _: labelOf(translate, c.action.confirm), ...words, name });
}

/** What the run did: one record as a sentence about it ("“Approve” done: Rohan Sharma"), many as counts. */
function summaryOf(
  translate: Translate,
  r: { label: string; ids: (string | number)[]; result: ActionResult; nameOf: NameOf },
): string {
  const [only] = r.ids;
  if (r.ids.length === 1 && only !== undefined)
    return translate(
      r.result.failed.length ? 'od.resource.action_failed_one' : 'od.resource.action_done_one',
      {
        action: r.label,
        name: r.nameOf(only),
      },
    );
  return translate('od.resource.action_done', {
    action: r.label,
    done: Array.isArray(r.result.done) ? r.result.done.length : r.result.done,
    failed: r.result.failed.length,
  });
}

interface ActionInputsDialogProps {
  open: boolean;
  label: string;
  fields: NonNullable<ActionMeta['inputFields']>;
  values: Record<string, string>;
  onValues: (values: Record<string, string>) => void;
  /** Every required field is filled and nothing is running. */
  ready: boolean;
  onCancel: () => void;
  onRun: () => void;
}

/** What an action asks before it runs (a reason, an amount). */
function ActionInputsDialog({
  open,
  label,
  fields,
  values,
  onValues,
  ready,
  onCancel,
  onRun,
}: ActionInputsDialogProps) {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onCancel} maxWidth="xs" fullWidth>
      <DialogTitle>{label}</DialogTitle>
      <DialogContent>
        {fields.map((f, i) => (
          <TextField
            key={f.name}
            name={f.name}
            label={labelOf(translate, `od.action_input.${f.name}`)}
            required={f.required}
            type={f.type === 'number' ? 'number' : 'text'}
            autoFocus={i === 0}
            fullWidth
            margin="dense"
            multiline={f.type === 'text' && (f.maxLength ?? 0) > 100}
            slotProps={{ htmlInput: { maxLength: f.maxLength } }}
            value={values[f.name] ?? ''}
            onChange={(e) => onValues({ ...values, [f.name]: e.target.value })}
          />
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={!ready} onClick={onRun} data-testid="action-input-submit">
          {label}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

interface ActionFailuresDialogProps {
  label: string;
  failures: ActionResult['failed'];
  nameOf: NameOf;
  onClose: () => void;
}

/** The records the action failed on, each by its name with the reason in words. */
function ActionFailuresDialog({ label, failures, nameOf, onClose }: ActionFailuresDialogProps) {
  const translate = useTranslate();
  return (
    <Dialog open={failures.length > 0} onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{label}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 1 }}>
          {translate('od.resource.action_failed_count', { smart_count: failures.length })}
        </Alert>
        <List dense>
          {failures.map((f) => (
            <ListItem key={f.id} data-failed={f.id}>
              <ListItemText
                primary={nameOf(f.id)}
                secondary={translate(errorKey(f.code), { _: f.message })}
              />
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('od.common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** Buttons for the selected rows of a list (react-admin passes `selectedIds` via context). */
export function BulkActionButtons({ meta }: { meta: ResourceMeta }) {
  const session = useSession();
  const { selectedIds, data } = useListContext();
  const unselectAll = useUnselectAll(meta.name);
  const selected = new Set(selectedIds ?? []);
  const rows = (data ?? []).filter((r) => selected.has(r.id));
  // Offered only when every selected row offers it: "deny proof" never shows on orders without a proof.
  const actions = usableActions(meta, session, true).filter((a) => rows.every((r) => offeredOn(r, a.name)));
  return (
    <>
      {usableDownloads(meta).map((d) => (
        <DownloadButton key={d.name} meta={meta} download={d} ids={selectedIds ?? []} />
      ))}
      {actions.map((a) => (
        <ActionButton
          key={a.name}
          meta={meta}
          action={a}
          ids={selectedIds ?? []}
          records={rows}
          onDone={() => unselectAll()}
        />
      ))}
    </>
  );
}

/**
 * Makes a file of the selected records (`POST {path}/downloads/{name}`) and hands it to the
 * browser as a download; the selection stays, so staff can print again or act on the same rows.
 */
function DownloadButton({
  meta,
  download,
  ids,
}: {
  meta: ResourceMeta;
  download: NonNullable<ResourceMeta['downloads']>[number];
  ids: (string | number)[];
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const label = labelOf(translate, download.label);
  const run = async () => {
    setBusy(true);
    try {
      const blob = await api<Blob>(`${meta.path}/downloads/${download.name}`, {
        method: 'POST',
        body: { ids },
        as: 'blob',
        headers: { accept: '*/*' },
      });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${download.name}.${blob.type === 'application/pdf' ? 'pdf' : 'bin'}`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      startIcon={<DownloadIcon />}
      disabled={busy}
      data-download={download.name}
      onClick={run}
    >
      {label}
    </Button>
  );
}

/** Buttons for one record (detail page): every allowed action the record offers in its state. */
export function RecordActionButtons({
  meta,
  record,
}: {
  meta: ResourceMeta;
  record: Record<string, unknown>;
}) {
  const session = useSession();
  const id = record.id as string | number;
  return (
    <>
      {usableActions(meta, session, false)
        .filter((a) => offeredOn(record, a.name))
        .map((a) => (
          <ActionButton
            key={a.name}
            meta={meta}
            action={a}
            ids={[id]}
            records={[record]}
            onDone={() => undefined}
          />
        ))}
    </>
  );
}
