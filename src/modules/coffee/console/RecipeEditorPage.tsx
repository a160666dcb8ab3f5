import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  MenuItem,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../../../web/console/src/extensions/index.ts';
import { NO_PROBLEMS, type Problems, problemCount, problemsOf } from './editor-problems.ts';
import { RecipeCard } from './RecipeCard.tsx';
import {
  emptyRecipe,
  fromJson,
  type RecipeForm,
  recipesOfFile,
  toBody,
  toForm,
  toJson,
} from './recipe-form.ts';

interface PackageRow {
  id: string;
  version: number;
}

/**
 * The recipe package editor: recipes typed in a form (steps and materials as rows), started from an
 * earlier version, read from an uploaded JSON file (checked against the package schema at once) or
 * written as JSON in the advanced view; each save is the next version. A refused save puts each
 * problem under its field, saying what was expected.
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
  /** The advanced view's text while it is open (undefined: the form). */
  const [json, setJson] = useState<string | undefined>();
  const [jsonBad, setJsonBad] = useState(false);
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

  /** Sends the forms to `url`; the server's answer, or undefined when it refused (problems shown). */
  async function submit<T>(url: string, headers?: Record<string, string>): Promise<T | undefined> {
    const current = json === undefined ? forms : fromJson(json);
    if (!current) {
      setJsonBad(true);
      return undefined;
    }
    const body = toBody(current);
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
    setJson(undefined);
    const body = toBody(read);
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
      const count = problemCount(found);
      setUpload({
        ok: false,
        text: translate('coffee.editor.upload_bad', {
          file: file.name,
          problem: translate('coffee.editor.problems', { smart_count: count }),
        }),
      });
    }
  };

  const count = problemCount(problems);
  const switchView = (view: 'form' | 'json') => {
    if (view === 'json') return setJson(toJson(forms));
    const back = json === undefined ? forms : fromJson(json);
    if (!back) return setJsonBad(true);
    setForms(back);
    setJson(undefined);
    setJsonBad(false);
  };
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
      <ToggleButtonGroup
        exclusive
        size="small"
        sx={{ mb: 2 }}
        value={json === undefined ? 'form' : 'json'}
        onChange={(_, v) => v && switchView(v)}
      >
        <ToggleButton value="form" data-testid="editor-view-form">
          {translate('coffee.editor.view_form')}
        </ToggleButton>
        <ToggleButton value="json" data-testid="editor-view-json">
          {translate('coffee.editor.view_json')}
        </ToggleButton>
      </ToggleButtonGroup>
      {json === undefined ? (
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
      ) : (
        <TextField
          fullWidth
          multiline
          minRows={16}
          label={translate('coffee.editor.json')}
          value={json}
          onChange={(e) => {
            setJson(e.target.value);
            setJsonBad(false);
          }}
          error={jsonBad}
          helperText={jsonBad ? translate('coffee.editor.not_json') : translate('coffee.editor.json_help')}
          slotProps={{ htmlInput: { 'data-testid': 'editor-json', spellCheck: false } }}
          sx={{ '& textarea': { fontFamily: 'monospace', fontSize: 13 } }}
        />
      )}
      <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
        {json === undefined && (
          <Button onClick={() => setForms([...forms, emptyRecipe()])}>
            {translate('coffee.editor.add')}
          </Button>
        )}
        <Button variant="contained" onClick={save} data-testid="editor-save">
          {translate('coffee.editor.save')}
        </Button>
      </Stack>
    </Box>
  );
}
