import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Grid,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../../../web/console/src/extensions/index.ts';
import {
  emptyRecipe,
  placeIssue,
  type RecipeField,
  type RecipeForm,
  recipesOfFile,
  toBody,
  toForm,
} from './recipe-form.ts';

interface PackageRow {
  id: string;
  version: number;
}
/** Problems by recipe and field (`"0.steps"`), and those of the package as a whole. */
interface Problems {
  fields: Record<string, string>;
  general: string[];
}
const NO_PROBLEMS: Problems = { fields: {}, general: [] };

/** The server's field errors placed on the editor's fields, each with where inside it and what was expected. */
function problemsOf(err: ApiError, translate: ReturnType<typeof useTranslate>): Problems {
  const out: Problems = { fields: {}, general: [] };
  for (const issue of err.problem.errors ?? []) {
    const words = err.fieldWords[issue.field] ?? issue.message;
    const expected =
      issue.code === 'invalid_type' && issue.expected
        ? ` (${translate(`coffee.editor.types.${String(issue.expected)}`, { _: String(issue.expected) })})`
        : '';
    const { recipe, field, inside } = placeIssue(issue.field);
    const text = `${inside ? `${inside}: ` : ''}${words}${expected}`;
    if (recipe !== undefined && field) {
      const key = `${recipe}.${field}`;
      out.fields[key] = out.fields[key] ? `${out.fields[key]}; ${text}` : text;
    } else
      out.general.push(
        recipe !== undefined
          ? `${translate('coffee.editor.recipe', { n: recipe + 1 })} ${inside}: ${words}${expected}`
          : `${issue.field}: ${words}`,
      );
  }
  if (!out.general.length && !Object.keys(out.fields).length) out.general.push(err.message);
  return out;
}

function RecipeCard({
  index,
  form,
  problems,
  onChange,
  onRemove,
}: {
  index: number;
  form: RecipeForm;
  problems: Record<string, string>;
  onChange: (form: RecipeForm) => void;
  onRemove?: () => void;
}) {
  const translate = useTranslate();
  const field = (name: RecipeField, label: string, extra: Record<string, unknown> = {}) => {
    const error = problems[`${index}.${name}`];
    return (
      <TextField
        fullWidth
        size="small"
        name={`recipes.${index}.${name}`}
        label={translate(`coffee.editor.${label}`)}
        value={form[name]}
        onChange={(e) => onChange({ ...form, [name]: e.target.value })}
        error={Boolean(error)}
        helperText={error ?? (extra.help as string | undefined)}
        multiline={Boolean(extra.rows)}
        minRows={extra.rows as number | undefined}
        slotProps={{ htmlInput: { 'data-testid': `recipe-${index}-${name}`, spellCheck: false } }}
        sx={extra.rows ? { '& textarea': { fontFamily: 'monospace', fontSize: 13 } } : undefined}
      />
    );
  };
  return (
    <Card variant="outlined" data-testid={`recipe-${index}`}>
      <CardHeader
        title={translate('coffee.editor.recipe', { n: index + 1 })}
        titleTypographyProps={{ variant: 'h6', component: 'h2' }}
        action={
          onRemove && (
            <Button color="error" onClick={onRemove}>
              {translate('coffee.editor.remove')}
            </Button>
          )
        }
      />
      <CardContent>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 4 }}>{field('name', 'name')}</Grid>
          <Grid size={{ xs: 6, md: 2 }}>{field('version', 'version')}</Grid>
          <Grid size={{ xs: 6, md: 3 }}>{field('category', 'category')}</Grid>
          <Grid size={{ xs: 12, md: 3 }}>{field('prepTimeSeconds', 'prep')}</Grid>
          <Grid size={12}>{field('description', 'description')}</Grid>
          <Grid size={{ xs: 12, md: 7 }}>
            {field('steps', 'steps', { rows: 6, help: translate('coffee.editor.steps_help') })}
          </Grid>
          <Grid size={{ xs: 12, md: 5 }}>
            {field('materials', 'materials', { rows: 6, help: translate('coffee.editor.materials_help') })}
          </Grid>
        </Grid>
      </CardContent>
    </Card>
  );
}

/**
 * The recipe package editor: recipes typed here, started from an earlier version, or read from an
 * uploaded JSON file (checked against the package schema at once); each save is the next version.
 * A refused save puts each problem next to its field, with where inside it and what was expected.
 */
export default function RecipeEditorPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [from, setFrom] = useState(search.get('from') ?? '');
  const [forms, setForms] = useState<RecipeForm[]>([emptyRecipe()]);
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [upload, setUpload] = useState<{ ok: boolean; text: string } | undefined>();
  const fileInput = useRef<HTMLInputElement>(null);
  const packages = useQuery({
    queryKey: ['coffee', 'packages', 'all'],
    queryFn: () => api<{ items: PackageRow[] }>('/api/coffee/console/packages?perPage=100'),
  });
  useEffect(() => {
    if (!from) return;
    void api<{ recipes: Record<string, unknown>[] }>(`/api/coffee/recipe-packages/${from}`).then(
      (p) => {
        setForms(p.recipes.map(toForm));
        setProblems(NO_PROBLEMS);
      },
      (err: Error) => notify(err.message, { type: 'error' }),
    );
  }, [from, notify]);

  const badJsonProblems = (badJson: string[]): Problems => ({
    fields: Object.fromEntries(badJson.map((k) => [k, translate('coffee.editor.not_json')])),
    general: [],
  });

  /** Sends the forms to `url`; the server's answer, or undefined when it refused (problems shown). */
  async function submit<T>(url: string, headers?: Record<string, string>): Promise<T | undefined> {
    const body = toBody(forms);
    if ('badJson' in body) {
      setProblems(badJsonProblems(body.badJson));
      return undefined;
    }
    try {
      const answer = await api<T>(url, { method: 'POST', body, headers });
      setProblems(NO_PROBLEMS);
      return answer;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblems(problemsOf(err, translate));
      return undefined;
    }
  }

  const save = async () => {
    const saved = await submit<{ id: string; version: number }>('/api/coffee/recipe-packages', {
      'idempotency-key': crypto.randomUUID(),
    });
    if (!saved) return;
    notify(translate('coffee.editor.saved', { version: saved.version }), { type: 'success' });
    navigate(`/coffee.packages/${saved.id}/show`);
  };

  const readFile = async (file: File) => {
    let recipes: Record<string, unknown>[] | undefined;
    try {
      recipes = recipesOfFile(JSON.parse(await file.text()));
      if (!recipes) {
        setUpload({
          ok: false,
          text: translate('coffee.editor.upload_bad', {
            file: file.name,
            problem: translate('coffee.editor.upload_shape'),
          }),
        });
        return;
      }
    } catch {
      setUpload({
        ok: false,
        text: translate('coffee.editor.upload_bad', {
          file: file.name,
          problem: translate('coffee.editor.upload_not_json'),
        }),
      });
      return;
    }
    const read = recipes.map(toForm);
    setForms(read);
    setFrom('');
    const body = toBody(read);
    if ('badJson' in body) return;
    try {
      await api('/api/coffee/recipe-packages/check', { method: 'POST', body });
      setProblems(NO_PROBLEMS);
      setUpload({
        ok: true,
        text: translate('coffee.editor.upload_ok', { file: file.name, count: read.length }),
      });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const found = problemsOf(err, translate);
      setProblems(found);
      const count = Object.keys(found.fields).length + found.general.length;
      setUpload({
        ok: false,
        text: translate('coffee.editor.upload_bad', {
          file: file.name,
          problem: translate('coffee.editor.problems', { smart_count: count }),
        }),
      });
    }
  };

  const count = Object.keys(problems.fields).length + problems.general.length;
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('coffee.editor.title')} />
      <Typography variant="h5" component="h1">
        {translate('coffee.editor.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate('coffee.editor.intro')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          select
          size="small"
          sx={{ width: 240 }}
          label={translate('coffee.editor.start_from')}
          value={from || 'empty'}
          onChange={(e) => {
            const v = e.target.value === 'empty' ? '' : e.target.value;
            setFrom(v);
            if (!v) setForms([emptyRecipe()]);
          }}
          slotProps={{ htmlInput: { 'data-testid': 'editor-start-from' } }}
        >
          <MenuItem value="empty">{translate('coffee.editor.empty')}</MenuItem>
          {(packages.data?.items ?? []).map((p) => (
            <MenuItem key={p.id} value={p.id}>
              v{p.version}
            </MenuItem>
          ))}
        </TextField>
        <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => fileInput.current?.click()}>
          {translate('coffee.editor.upload')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="editor-upload"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void readFile(file);
            e.target.value = '';
          }}
        />
      </Stack>
      {upload && (
        <Alert severity={upload.ok ? 'success' : 'error'} sx={{ mb: 2 }} data-testid="editor-upload-result">
          {upload.text}
        </Alert>
      )}
      {count > 0 && (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="editor-problems">
          {translate('coffee.editor.problems', { smart_count: count })}
          {problems.general.map((g) => (
            <div key={g}>{g}</div>
          ))}
        </Alert>
      )}
      <Stack spacing={2}>
        {forms.map((f, i) => (
          <RecipeCard
            // biome-ignore lint/suspicious/noArrayIndexKey: recipes have no id until saved; their place is their identity here
            key={i}
            index={i}
            form={f}
            problems={problems.fields}
            onChange={(next) => setForms(forms.map((x, j) => (j === i ? next : x)))}
            onRemove={forms.length > 1 ? () => setForms(forms.filter((_, j) => j !== i)) : undefined}
          />
        ))}
      </Stack>
      <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
        <Button onClick={() => setForms([...forms, emptyRecipe()])}>{translate('coffee.editor.add')}</Button>
        <Button variant="contained" onClick={save} data-testid="editor-save">
          {translate('coffee.editor.save')}
        </Button>
      </Stack>
    </Box>
  );
}
