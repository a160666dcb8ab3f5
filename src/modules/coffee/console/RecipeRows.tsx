import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { Box, Button, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import {
  emptyMaterial,
  emptyStep,
  type MaterialField,
  type MaterialRow,
  type RecipeForm,
  STEP_TYPES,
  type StepField,
  type StepRow,
  UNITS,
} from './recipe-form.ts';

interface Column<F> {
  name: F;
  label: string;
  width: number;
  options?: ReadonlyArray<{ value: string; label: string }>;
  numeric?: boolean;
}

/**
 * Rows of fields (a recipe's steps or materials): each field named `recipes.<i>.<list>.<row>.<field>`,
 * its error (from the server, by that path) under it; rows are added and removed.
 */
function Rows<R extends object, F extends keyof R & string>({
  index,
  list,
  rows,
  columns,
  problems,
  onChange,
  blank,
  addLabel,
}: {
  index: number;
  list: 'steps' | 'materials';
  rows: R[];
  columns: Column<F>[];
  problems: Record<string, string>;
  onChange: (rows: R[]) => void;
  blank: (n: number) => R;
  addLabel: string;
}) {
  const translate = useTranslate();
  const listError = problems[`${index}.${list}`];
  return (
    <Box data-testid={`recipe-${index}-${list}`}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        {translate(`coffee.editor.${list}`)}
      </Typography>
      <Stack spacing={1}>
        {rows.map((row, r) => {
          const rowError = problems[`${index}.${list}.${r}`];
          return (
            <Stack
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; their place is their identity
              key={r}
              direction="row"
              spacing={1}
              useFlexGap
              sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}
            >
              {columns.map((c) => {
                const error = problems[`${index}.${list}.${r}.${c.name}`];
                return (
                  <TextField
                    key={c.name}
                    size="small"
                    select={Boolean(c.options)}
                    sx={{ width: c.width }}
                    name={`recipes.${index}.${list}.${r}.${c.name}`}
                    label={translate(c.label)}
                    value={String(row[c.name] ?? '')}
                    onChange={(e) =>
                      onChange(rows.map((x, j) => (j === r ? { ...x, [c.name]: e.target.value } : x)))
                    }
                    error={Boolean(error)}
                    helperText={error}
                    slotProps={{
                      htmlInput: {
                        'data-testid': `recipe-${index}-${list}-${r}-${c.name}`,
                        ...(c.numeric ? { inputMode: 'decimal' } : {}),
                      },
                    }}
                  >
                    {c.options?.map((o) => (
                      <MenuItem key={o.value} value={o.value}>
                        {o.label}
                      </MenuItem>
                    ))}
                  </TextField>
                );
              })}
              <IconButton
                aria-label={translate('coffee.editor.remove_row', { n: r + 1 })}
                disabled={rows.length <= 1}
                onClick={() => onChange(rows.filter((_, j) => j !== r))}
              >
                <DeleteIcon />
              </IconButton>
              {rowError && (
                <Typography variant="caption" color="error" sx={{ width: '100%' }}>
                  {rowError}
                </Typography>
              )}
            </Stack>
          );
        })}
      </Stack>
      {listError && (
        <Typography variant="caption" color="error" data-testid={`recipe-${index}-${list}-error`}>
          {listError}
        </Typography>
      )}
      <Button size="small" sx={{ mt: 1 }} onClick={() => onChange([...rows, blank(rows.length + 1)])}>
        {translate(addLabel)}
      </Button>
    </Box>
  );
}

/** A recipe's steps and materials as rows, each field validated by the server and named in its error. */
export function RecipeRows({
  index,
  form,
  problems,
  onChange,
}: {
  index: number;
  form: RecipeForm;
  problems: Record<string, string>;
  onChange: (form: RecipeForm) => void;
}) {
  const translate = useTranslate();
  const stepTypes = STEP_TYPES.map((t) => ({ value: t, label: translate(`coffee.editor.step_types.${t}`) }));
  const units = UNITS.map((u) => ({ value: u, label: translate(`coffee.options.${u}`) }));
  const steps: Column<StepField>[] = [
    { name: 'key', label: 'coffee.editor.step_key', width: 100 },
    { name: 'name', label: 'coffee.editor.step_name', width: 200 },
    { name: 'type', label: 'coffee.editor.step_type', width: 150, options: stepTypes },
    { name: 'durationSeconds', label: 'coffee.editor.duration', width: 130, numeric: true },
    { name: 'temperature', label: 'coffee.editor.temperature', width: 150, numeric: true },
  ];
  const materials: Column<MaterialField>[] = [
    { name: 'materialCode', label: 'coffee.editor.material_code', width: 180 },
    { name: 'binIndex', label: 'coffee.editor.bin', width: 90, numeric: true },
    { name: 'amount', label: 'coffee.editor.amount', width: 120, numeric: true },
    { name: 'unit', label: 'coffee.editor.unit', width: 100, options: units },
  ];
  return (
    <Stack spacing={2}>
      <Rows<StepRow, StepField>
        index={index}
        list="steps"
        rows={form.steps}
        columns={steps}
        problems={problems}
        onChange={(rows) => onChange({ ...form, steps: rows })}
        blank={emptyStep}
        addLabel="coffee.editor.add_step"
      />
      <Rows<MaterialRow, MaterialField>
        index={index}
        list="materials"
        rows={form.materials}
        columns={materials}
        problems={problems}
        onChange={(rows) => onChange({ ...form, materials: rows })}
        blank={emptyMaterial}
        addLabel="coffee.editor.add_material"
      />
    </Stack>
  );
}
