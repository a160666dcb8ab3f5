import { Button, Checkbox, FormControlLabel, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { type TranslateFunction, useNotify, useTranslate } from 'react-admin';
import { ApiError, api } from '../../../../web/console/src/extensions/index.ts';
import {
  COMMAND_PARAMS,
  type CommandParam,
  type CommandParamIssue,
  type CommandType,
  commandParamIssues,
  type MachineOverviewJson,
} from '../browser.ts';

/** The products "make a product" offers: the recipes of the package the machine runs, or what it sold. */
export type MachineProducts = MachineOverviewJson['products'];

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

const PRODUCT_SOURCE = {
  package: 'coffee.machine.products_package',
  sales: 'coffee.machine.products_sales',
  none: 'coffee.machine.no_products',
} as const;

/** Send a chosen command with its parameters; the product to make is picked from the machine's. */
export function SendCommand({
  id,
  supported,
  products,
  onSent,
}: {
  id: string;
  supported: CommandType[];
  products: MachineProducts | undefined;
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
  const text = (f: CommandParam) => ({
    size: 'small' as const,
    name: f.name,
    required: f.required,
    label: translate(`coffee.params.${f.name}`),
    value: values[f.name] ?? '',
    onChange: (e: { target: { value: string } }) => setValues({ ...values, [f.name]: e.target.value }),
    error: Boolean(errors[f.name]),
  });
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
        ) : f.name === 'product' ? (
          <TextField
            key={f.name}
            select
            {...text(f)}
            sx={{ width: 280 }}
            disabled={!products?.names.length}
            helperText={
              errors[f.name] ??
              (products ? translate(PRODUCT_SOURCE[products.from], { version: products.version }) : undefined)
            }
            slotProps={{ htmlInput: { 'data-testid': 'machine-product' } }}
          >
            {(products?.names ?? []).map((name) => (
              <MenuItem key={name} value={name}>
                {name}
              </MenuItem>
            ))}
          </TextField>
        ) : (
          <TextField
            key={f.name}
            {...text(f)}
            type={f.kind === 'number' ? 'number' : 'text'}
            // Sized to what it takes (a few digits, a product name), not the card's width.
            fullWidth={false}
            sx={{ width: f.kind === 'number' ? 200 : 280 }}
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
