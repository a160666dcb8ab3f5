import { Alert, Box, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { ApiError, api } from '../../../../web/console/src/extensions/index.ts';
import type { MailTextJson } from '../browser.ts';

const MAILS = ['exhibition.welcome', 'exhibition.statement', 'exhibition.money_returned'] as const;
const LANGUAGES = ['en', 'es', 'fr', 'hi', 'rw'] as const;
type Wording = { subject: string; body: string };
type Mail = (typeof MAILS)[number];
type Language = (typeof LANGUAGES)[number];

/** The refusal's words under the field it names: an unknown placeholder in the reader's language. */
function useFieldProblem(problem: unknown) {
  const translate = useTranslate();
  return (field: 'subject' | 'body') => {
    if (!(problem instanceof ApiError)) return { error: false };
    const issues = problem.problem.errors?.filter((e) => e.field === field) ?? [];
    if (issues.length === 0) return { error: false };
    const words = issues.map((e) =>
      e.code === 'unknown_placeholder'
        ? translate('exhibition.mailTexts.unknownPlaceholder', { name: String(e.expected ?? '') })
        : e.message,
    );
    return { error: true, helperText: words.join(' ') };
  };
}

/**
 * The customers' e-mails as the desk words them (issue 66 item 7): pick an e-mail and a language,
 * edit its subject and text with the placeholders listed, preview it with a sample customer, save,
 * or go back to the default words. The e-mails this organization sends from then on use them.
 */
export default function MailTextsPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const [mail, setMail] = useState<Mail>('exhibition.welcome');
  const [language, setLanguage] = useState<Language>('en');
  const [draft, setDraft] = useState<Wording>({ subject: '', body: '' });
  const [preview, setPreview] = useState<Wording | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const texts = useQuery({
    queryKey: ['exhibition', 'mail-texts'],
    queryFn: () => api<MailTextJson[]>('/api/exhibition/mail-texts'),
  });
  const current = texts.data?.find((t) => t.template === mail && t.locale === language);
  useEffect(() => {
    if (current) setDraft({ subject: current.subject, body: current.body });
    setPreview(null);
    setProblem(null);
  }, [current]);
  const url = `/api/exhibition/mail-texts/${mail}/${language}`;

  const run = async (work: () => Promise<void>) => {
    setProblem(null);
    try {
      await work();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err);
      notify(err.message, { type: 'error' });
    }
  };
  const showPreview = () =>
    run(async () => setPreview(await api<Wording>(`${url}/preview`, { method: 'POST', body: draft })));
  const save = () =>
    run(async () => {
      await api(url, { method: 'PUT', body: draft });
      notify('exhibition.mailTexts.saved', { type: 'success' });
      await client.invalidateQueries({ queryKey: ['exhibition', 'mail-texts'] });
    });
  const reset = () =>
    run(async () => {
      await api(url, { method: 'DELETE' });
      notify('exhibition.mailTexts.resetDone', { type: 'success' });
      await client.invalidateQueries({ queryKey: ['exhibition', 'mail-texts'] });
    });

  return (
    <Box sx={{ p: 2, maxWidth: 900 }} data-testid="mail-texts">
      <Title title={translate('exhibition.mailTexts.title')} />
      <MailPicker mail={mail} language={language} onMail={setMail} onLanguage={setLanguage} />
      {current && (
        <MailTextEditor
          current={current}
          draft={draft}
          onDraft={setDraft}
          problem={problem}
          onPreview={() => void showPreview()}
          onSave={() => void save()}
          onReset={() => void reset()}
        />
      )}
      {preview && <MailPreview preview={preview} />}
    </Box>
  );
}

/** Which e-mail, in which language. */
function MailPicker(props: {
  mail: Mail;
  language: Language;
  onMail: (m: Mail) => void;
  onLanguage: (l: Language) => void;
}) {
  const translate = useTranslate();
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2 }}>
      <TextField
        select
        size="small"
        label={translate('exhibition.mailTexts.mail')}
        value={props.mail}
        onChange={(e) => props.onMail(e.target.value as Mail)}
        sx={{ minWidth: 260 }}
      >
        {MAILS.map((m) => (
          <MenuItem key={m} value={m}>
            {translate(`exhibition.mailTexts.mails.${m}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={translate('exhibition.mailTexts.language')}
        value={props.language}
        onChange={(e) => props.onLanguage(e.target.value as Language)}
        sx={{ minWidth: 180 }}
      >
        {LANGUAGES.map((l) => (
          <MenuItem key={l} value={l}>
            {translate(`exhibition.mailTexts.languages.${l}`)}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}

/** The subject and text of the chosen e-mail, its placeholders, and what to do with them. */
function MailTextEditor(props: {
  current: MailTextJson;
  draft: Wording;
  onDraft: (d: Wording) => void;
  problem: unknown;
  onPreview: () => void;
  onSave: () => void;
  onReset: () => void;
}) {
  const translate = useTranslate();
  const fieldProblem = useFieldProblem(props.problem);
  const { current, draft } = props;
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="body2" data-testid="mail-text-state" sx={{ mb: 1 }}>
          {translate(current.edited ? 'exhibition.mailTexts.edited' : 'exhibition.mailTexts.isDefault')}
        </Typography>
        <Typography variant="body2">{translate('exhibition.mailTexts.placeholders')}</Typography>
        <Box component="p" data-testid="mail-text-placeholders" sx={{ mt: 0.5 }}>
          {current.placeholders.map((p) => (
            <Box component="code" key={p} sx={{ mr: 1.5, fontSize: '0.95em' }}>
              {`{{${p}}}`}
            </Box>
          ))}
        </Box>
        <Stack spacing={2}>
          <TextField
            label={translate('exhibition.mailTexts.subject')}
            value={draft.subject}
            onChange={(e) => props.onDraft({ ...draft, subject: e.target.value })}
            {...fieldProblem('subject')}
          />
          <TextField
            label={translate('exhibition.mailTexts.body')}
            value={draft.body}
            onChange={(e) => props.onDraft({ ...draft, body: e.target.value })}
            multiline
            minRows={6}
            {...fieldProblem('body')}
          />
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Button variant="outlined" onClick={props.onPreview}>
              {translate('exhibition.mailTexts.preview')}
            </Button>
            <Button variant="contained" onClick={props.onSave}>
              {translate('exhibition.mailTexts.save')}
            </Button>
            <Button disabled={!current.edited} onClick={props.onReset}>
              {translate('exhibition.mailTexts.reset')}
            </Button>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
}

/** The e-mail as a sample customer would read it. */
function MailPreview({ preview }: { preview: Wording }) {
  const translate = useTranslate();
  return (
    <Alert severity="info" icon={false} sx={{ mt: 2 }} data-testid="mail-text-preview">
      <Typography variant="body2">{translate('exhibition.mailTexts.previewTitle')}</Typography>
      <Typography variant="subtitle1" component="p" sx={{ fontWeight: 600, mt: 1 }}>
        {preview.subject}
      </Typography>
      <Box component="p" sx={{ whiteSpace: 'pre-wrap', m: 0 }}>
        {preview.body}
      </Box>
    </Alert>
  );
}
