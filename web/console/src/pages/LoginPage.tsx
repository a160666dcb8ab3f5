import LockIcon from '@mui/icons-material/LockOutlined';
import {
  Alert,
  Avatar,
  Box,
  Button,
  Card,
  CardContent,
  CircularProgress,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useState } from 'react';
import { LocalesMenuButton, ToggleThemeButton, useLogin, useTranslate } from 'react-admin';
import { ApiError, type FieldIssue } from '../api/http.ts';

/** Sign-in: e-mail and password; the server's problem detail shows under the form, in words. */
export function LoginPage() {
  const translate = useTranslate();
  const { email, setEmail, password, setPassword, busy, error, fieldError, submit } = useSignIn();

  return (
    <Box
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        bgcolor: 'background.default',
        p: 2,
      }}
    >
      <Box sx={{ position: 'absolute', top: 8, right: 8, display: 'flex' }}>
        <LocalesMenuButton />
        <ToggleThemeButton />
      </Box>
      <Card sx={{ width: '100%', maxWidth: 380 }}>
        <CardContent component="form" onSubmit={submit} noValidate sx={{ p: 3 }}>
          <LoginHeading />
          <TextField
            label={translate('od.login.email')}
            name="email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={!!fieldError('email')}
            helperText={fieldError('email')}
            fullWidth
            margin="normal"
            autoFocus
            required
          />
          <TextField
            label={translate('od.login.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={!!fieldError('password')}
            helperText={fieldError('password')}
            fullWidth
            margin="normal"
            required
          />
          {error && (
            <Alert severity="error" sx={{ mt: 1 }} data-testid="login-error">
              {translate('od.login.failed')}: {error}
            </Alert>
          )}
          <Button type="submit" variant="contained" fullWidth size="large" sx={{ mt: 2 }} disabled={busy}>
            {busy ? <CircularProgress size={22} color="inherit" /> : translate('od.login.submit')}
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
}

/** The sign-in's lock, title and the console's tagline. */
function LoginHeading() {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', mb: 2 }}>
      <Avatar sx={{ bgcolor: 'primary.main', mb: 1 }}>
        <LockIcon />
      </Avatar>
      <Typography variant="h5" component="h1">
        {translate('od.login.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('od.app.tagline')}
      </Typography>
    </Box>
  );
}

/** The e-mail and password sent to the auth provider; a refusal's words and its fields' problems. */
function useSignIn() {
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldIssue[]>([]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields([]);
    try {
      await login({ email, password });
    } catch (err) {
      // An ApiError's message is already in the console's language when it knows the code.
      setError((err as Error).message);
      setFields(err instanceof ApiError ? (err.problem.errors ?? []) : []);
      setBusy(false);
    }
  };
  const fieldError = (name: string) => fields.find((f) => f.field === name)?.message;
  return { email, setEmail, password, setPassword, busy, error, fieldError, submit };
}
