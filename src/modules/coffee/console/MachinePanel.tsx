import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Checkbox,
  FormControlLabel,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type TranslateFunction, useNotify, useTranslate } from 'react-admin';
import {
  ApiError,
  api,
  type RecordPanelProps,
  TableHeadings,
  useFormat,
  useLiveTopic,
  useSession,
} from '../../../../web/console/src/extensions/index.ts';
import {
  COMMAND_PARAMS,
  type CommandParam,
  type CommandParamIssue,
  type CommandReason,
  type CommandType,
  commandParamIssues,
} from '../browser.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { commandDetail } from './command-detail.ts';

interface Command {
  id: string;
  type: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  detail: string | null;
  reason: CommandReason | null;
  createdAt: string;
  finishedAt: string | null;
}
interface MachineCommands {
  supported: CommandType[];
  retiredAt: string | null;
  items: Command[];
}

const UNFINISHED = new Set(['queued', 'sent']);

/**
 * The parameters typed for a command, as the device API takes them, checked by the same rule the
 * server applies (`commandParamIssues`); what is wrong, in words, by field name.
 */
function readParams(
  type: CommandType,
  fields: ReadonlyArray<CommandParam>,
  values: Record<string, string | boolean>,
  translate: TranslateFunction,
) {
  const params: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined || v === '' || v === false) continue;
    params[f.name] = f.kind === 'number' && v !== true && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  const problems: Record<string, string> = {};
  for (const issue of commandParamIssues(type, params)) problems[issue.name] = paramWords(translate, issue);
  return { params, problems };
}

function paramWords(translate: TranslateFunction, issue: CommandParamIssue): string {
  if (issue.problem === 'too_small' || issue.problem === 'too_big')
    return issue.max === undefined
      ? translate('coffee.machine.at_least', { min: issue.min })
      : translate('coffee.machine.between', { min: issue.min, max: issue.max });
  if (issue.problem === 'required' || issue.problem === 'not_number' || issue.problem === 'not_whole')
    return translate(`coffee.machine.${issue.problem}`);
  return translate('coffee.machine.not_valid');
}

/** Send a chosen command with its parameters. */
function SendCommand({
  id,
  supported,
  onSent,
}: {
  id: string;
  supported: CommandType[];
  onSent: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const [type, setType] = useState<CommandType | ''>('');
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const fields = type ? (COMMAND_PARAMS[type] ?? []) : [];
  const send = async () => {
    if (!type) return;
    const { params, problems } = readParams(type, fields, values, translate);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    try {
      await api(`/api/coffee/devices/${id}/commands`, {
        method: 'POST',
        body: { type, params },
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
      notify(translate('coffee.machine.sent'), { type: 'success' });
      setValues({});
      onSent();
    } catch (err) {
      if (err instanceof ApiError)
        setErrors(
          Object.fromEntries(Object.entries(err.fieldWords).map(([k, v]) => [k.replace(/^params\./, ''), v])),
        );
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    // useFlexGap: a field wrapped to a new line starts at the left edge, under the command.
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <TextField
        select
        size="small"
        sx={{ width: 240 }}
        label={translate('coffee.machine.command')}
        value={type}
        onChange={(e) => {
          setType(e.target.value as CommandType);
          setValues({});
          setErrors({});
        }}
        slotProps={{ htmlInput: { 'data-testid': 'machine-command-type' } }}
      >
        {supported.map((t) => (
          <MenuItem key={t} value={t}>
            {translate(`coffee.options.${t}`)}
          </MenuItem>
        ))}
      </TextField>
      {fields.map((f) =>
        f.kind === 'boolean' ? (
          <FormControlLabel
            key={f.name}
            label={translate(`coffee.params.${f.name}`)}
            control={
              <Checkbox
                checked={values[f.name] === true}
                onChange={(e) => setValues({ ...values, [f.name]: e.target.checked })}
              />
            }
          />
        ) : (
          <TextField
            key={f.name}
            size="small"
            name={f.name}
            required={f.required}
            type={f.kind === 'number' ? 'number' : 'text'}
            // Sized to what it takes (a few digits, a product name), not the card's width.
            fullWidth={false}
            sx={{ width: f.kind === 'number' ? 200 : 280 }}
            label={translate(`coffee.params.${f.name}`)}
            value={values[f.name] ?? ''}
            onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            error={Boolean(errors[f.name])}
            helperText={errors[f.name]}
            slotProps={{ htmlInput: { min: f.min, max: f.max } }}
          />
        ),
      )}
      {type && fields.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }}>
          {translate('coffee.machine.no_params')}
        </Typography>
      )}
      <Button variant="contained" disabled={!type} onClick={send}>
        {translate('coffee.machine.send')}
      </Button>
    </Stack>
  );
}

/**
 * A machine's page: send it a command with its parameters, restart it, give it a new token (shown
 * once) or retire it, each with a question that says what happens; its latest commands follow
 * live as the machine answers.
 */
export default function MachinePanel({ id, record }: RecordPanelProps) {
  const translate = useTranslate();
  const notify = useNotify();
  const format = useFormat();
  const client = useQueryClient();
  const key = ['coffee', 'machine', id];
  const commands = useQuery({
    queryKey: key,
    queryFn: () => api<MachineCommands>(`/api/coffee/devices/${id}/commands`),
  });
  const refetch = () => void client.invalidateQueries({ queryKey: key });
  useLiveTopic(['coffee.devices'], refetch, refetch);
  const [token, setToken] = useState('');
  const session = useSession();
  const can = (permission: string) => Boolean(session?.permissions.includes(permission));
  const serial = String(record.serial ?? '');
  const data = commands.data;
  const unfinished = data?.items.filter((c) => UNFINISHED.has(c.status)).length ?? 0;
  const act = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
    refetch();
  };
  return (
    <Card variant="outlined" data-testid="coffee-machine-panel">
      <CardHeader title={translate('coffee.machine.title')} />
      <CardContent>
        <Stack spacing={2}>
          {data?.retiredAt ? (
            <Alert severity="info" data-testid="machine-retired">
              {translate('coffee.machine.retired', { at: format.dateTime(data.retiredAt) })}
            </Alert>
          ) : (
            data && (
              <>
                {can('coffee.command.send') && (
                  <SendCommand id={id} supported={data.supported} onSent={refetch} />
                )}
                <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
                  {can('coffee.command.send') && data.supported.includes('restart') && (
                    <ConfirmButton
                      variant="outlined"
                      testId="machine-restart"
                      label={translate('coffee.machine.restart')}
                      question={translate('coffee.machine.restart_confirm', { serial })}
                      onConfirm={() =>
                        act(async () => {
                          await api(`/api/coffee/devices/${id}/commands`, {
                            method: 'POST',
                            body: { type: 'restart' },
                            headers: { 'idempotency-key': crypto.randomUUID() },
                          });
                          notify(translate('coffee.machine.sent'), { type: 'success' });
                        })
                      }
                    />
                  )}
                  {can('coffee.device.manage') && (
                    <ConfirmButton
                      variant="outlined"
                      testId="machine-rotate"
                      label={translate('coffee.machine.rotate')}
                      question={translate('coffee.machine.rotate_confirm', { serial })}
                      onConfirm={() =>
                        act(async () => {
                          const issued = await api<{ deviceToken: string }>(
                            `/api/coffee/devices/${id}/token`,
                            {
                              method: 'POST',
                            },
                          );
                          setToken(issued.deviceToken);
                        })
                      }
                    />
                  )}
                  {can('coffee.device.manage') && (
                    <ConfirmButton
                      variant="outlined"
                      color="error"
                      testId="machine-retire"
                      label={translate('coffee.machine.retire')}
                      question={translate('coffee.machine.retire_confirm', { serial, commands: unfinished })}
                      onConfirm={() =>
                        act(async () => {
                          await api(`/api/coffee/devices/${id}/retire`, { method: 'POST' });
                          setToken('');
                          notify(translate('coffee.machine.retired_done'), { type: 'success' });
                        })
                      }
                    />
                  )}
                </Stack>
              </>
            )
          )}
          {token && (
            <Alert
              severity="warning"
              data-testid="machine-token"
              sx={{ '& .MuiAlert-message': { width: '100%' } }}
            >
              <Typography variant="body2">{translate('coffee.machine.token_once')}</Typography>
              <TextField
                value={token}
                size="small"
                fullWidth
                slotProps={{ htmlInput: { readOnly: true, 'aria-label': translate('coffee.machine.token') } }}
                sx={{ mt: 1, fontFamily: 'monospace' }}
              />
            </Alert>
          )}
          <Box>
            <Typography variant="subtitle1">{translate('coffee.machine.latest')}</Typography>
            {data && data.items.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                {translate('coffee.machine.none')}
              </Typography>
            ) : (
              <Table size="small" data-testid="machine-commands">
                <TableHeadings
                  headings={[
                    'coffee.machine.command',
                    'coffee.fields.status',
                    'coffee.machine.queued_at',
                    'coffee.machine.attempts',
                    'coffee.machine.detail',
                  ]}
                />
                <TableBody>
                  {data?.items.map((c) => (
                    <TableRow key={c.id} data-type={c.type} data-status={c.status}>
                      <TableCell>{translate(`coffee.options.${c.type}`)}</TableCell>
                      <TableCell>{translate(`coffee.options.${c.status}`)}</TableCell>
                      <TableCell>{format.dateTime(c.createdAt)}</TableCell>
                      <TableCell>
                        {c.attempts} / {c.maxAttempts}
                      </TableCell>
                      <TableCell>{commandDetail(translate, c)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Box>
        </Stack>
      </CardContent>
    </Card>
  );
}
