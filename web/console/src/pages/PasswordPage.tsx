import { Alert, Box, Button, Card, CardContent, TextField } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { ApiError, api, fieldHelp } from '../api/http.ts';

/** Change my password; the server signs out my other sessions. */
export default function PasswordPage() {
  const translate = useTranslate();
  const { current, setCurrent, next, setNext, repeat, setRepeat, problem, done, mismatch, submit } =
    usePasswordChange();

  return (
    <Box sx={{ py: 2, maxWidth: 480 }}>
      <Title title={translate('od.account.password_title')} />
      <Card>
        <CardContent
          component="form"
          onSubmit={submit}
          sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
        >
          {done && <Alert severity="success">{translate('od.account.password_changed')}</Alert>}
          <TextField
            type="password"
            name="currentPassword"
            autoComplete="current-password"
            label={translate('od.account.current_password')}
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            {...fieldHelp(problem, 'currentPassword')}
            required
          />
          <TextField
            type="password"
            name="newPassword"
            autoComplete="new-password"
            label={translate('od.account.new_password')}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            {...fieldHelp(problem, 'newPassword')}
            required
          />
          <TextField
            type="password"
            autoComplete="new-password"
            label={translate('od.account.repeat_password')}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            error={mismatch}
            helperText={mismatch ? translate('od.account.mismatch') : undefined}
            required
          />
          {problem && !problem.problem.errors?.length && (
            <Alert severity="error" role="alert">
              {problem.message}
            </Alert>
          )}
          <Box>
            <Button type="submit" variant="contained" disabled={!current || next.length < 10 || mismatch}>
              {translate('od.common.save')}
            </Button>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
}

/** The three fields, the server's problem with them, and the change sent (the repeat must match). */
function usePasswordChange() {
  const notify = useNotify();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const mismatch = repeat.length > 0 && next !== repeat;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    setProblem(null);
    try {
      await api('/api/auth/password', {
        method: 'POST',
        body: { currentPassword: current, newPassword: next },
      });
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeat('');
      notify('od.account.password_changed', { type: 'success' });
    } catch (err) {
      if (err instanceof ApiError) setProblem(err);
      else throw err;
    }
  };
  return { current, setCurrent, next, setNext, repeat, setRepeat, problem, done, mismatch, submit };
}
