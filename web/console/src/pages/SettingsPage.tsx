import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  Skeleton,
  TextField,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { LOCALES } from '../../../../src/core/i18n/index.ts';
import { ApiError, api, fieldHelp } from '../api/http.ts';
import { can } from '../api/session.ts';
import { useSession } from '../api/use-session.ts';

interface Organization {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  currency: string;
  languages: string[];
  settings: Record<string, unknown>;
}

/** The organization's name, time zone, currency and languages; read-only without the update permission. */
export default function SettingsPage() {
  const translate = useTranslate();
  const { editable, error, form, setForm, problem, busy, submit } = useOrgSettings();

  return (
    <Box sx={{ py: 2, maxWidth: 640 }}>
      <Title title={translate('od.settings.title')} />
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      <Card>
        <CardContent
          component="form"
          onSubmit={submit}
          sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
        >
          {!editable && <Alert severity="info">{translate('od.common.read_only')}</Alert>}
          {!form ? (
            <Skeleton variant="rounded" height={240} />
          ) : (
            <>
              <TextField label={translate('od.settings.slug')} value={form.slug} disabled />
              <TextField
                label={translate('od.settings.name')}
                name="name"
                value={form.name}
                onChange={(e) => setForm({ ...form, name: e.target.value })}
                disabled={!editable}
                {...fieldHelp(problem, 'name')}
              />
              <TextField
                label={translate('od.settings.time_zone')}
                name="timeZone"
                value={form.timeZone}
                onChange={(e) => setForm({ ...form, timeZone: e.target.value })}
                disabled={!editable}
                {...fieldHelp(problem, 'timeZone', 'Asia/Kolkata, Africa/Nairobi, America/Bogota…')}
              />
              <TextField
                label={translate('od.settings.currency')}
                name="currency"
                value={form.currency}
                onChange={(e) => setForm({ ...form, currency: e.target.value.toUpperCase() })}
                disabled={!editable}
                {...fieldHelp(problem, 'currency')}
              />
              <LanguageChoice
                languages={form.languages}
                editable={editable}
                problem={problem}
                onChange={(languages) => setForm({ ...form, languages })}
              />
              {problem && !problem.problem.errors?.length && (
                <Alert severity="error">{problem.message}</Alert>
              )}
              {editable && (
                <Box>
                  <Button type="submit" variant="contained" disabled={busy}>
                    {translate('od.common.save')}
                  </Button>
                </Box>
              )}
            </>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}

interface LanguageChoiceProps {
  languages: string[];
  editable: boolean;
  problem: ApiError | null;
  onChange: (languages: string[]) => void;
}

/** The languages the organization speaks, one box each, with the server's word on the choice. */
function LanguageChoice({ languages, editable, problem, onChange }: LanguageChoiceProps) {
  const translate = useTranslate();
  return (
    <Box>
      <FormLabel>{translate('od.settings.languages')}</FormLabel>
      <FormGroup row>
        {LOCALES.map((l) => (
          <FormControlLabel
            key={l}
            label={translate(`od.language_names.${l}`)}
            control={
              <Checkbox
                checked={languages.includes(l)}
                disabled={!editable}
                onChange={(e) =>
                  onChange(e.target.checked ? [...languages, l] : languages.filter((x) => x !== l))
                }
              />
            }
          />
        ))}
      </FormGroup>
      {fieldHelp(problem, 'languages').error && (
        <FormHelperText error>{fieldHelp(problem, 'languages').helperText}</FormHelperText>
      )}
    </Box>
  );
}

/** The organization as read, the form holding its edits, and the edits saved (PATCH /api/org). */
function useOrgSettings() {
  const notify = useNotify();
  const session = useSession();
  const client = useQueryClient();
  const editable = can(session, 'platform.settings.update');
  const { data, error } = useQuery({
    queryKey: ['opsdesk', 'org'],
    queryFn: () => api<Organization>('/api/org'),
  });
  const [form, setForm] = useState<Organization | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (data) setForm(data);
  }, [data]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    setBusy(true);
    setProblem(null);
    try {
      const saved = await api<Organization>('/api/org', {
        method: 'PATCH',
        body: {
          name: form.name,
          timeZone: form.timeZone,
          currency: form.currency,
          languages: form.languages,
        },
      });
      client.setQueryData(['opsdesk', 'org'], saved);
      notify('od.common.saved', { type: 'success' });
    } catch (err) {
      if (err instanceof ApiError) setProblem(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  return { editable, error, form, setForm, problem, busy, submit };
}
