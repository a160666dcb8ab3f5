import AddIcon from '@mui/icons-material/Add';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useRefresh, useTranslate } from 'react-admin';
import { ApiError, api, fieldHelp } from '../../api/http.ts';
import { useSession } from '../../api/use-session.ts';

/** Creates a token, then shows its secret exactly once with a copy button. */
export function CreateTokenDialog() {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [days, setDays] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const reset = () => {
    if (secret) refresh();
    setOpen(false);
    setName('');
    setScopes([]);
    setDays('');
    setProblem(null);
    setSecret(null);
    setCopied(false);
  };

  const create = async () => {
    setProblem(null);
    try {
      const res = await api<{ token: string }>('/api/tokens', {
        method: 'POST',
        body: { name, scopes, ...(days ? { expiresInDays: Number(days) } : {}) },
      });
      setSecret(res.token);
    } catch (err) {
      if (err instanceof ApiError) setProblem(err);
      else throw err;
    }
  };
  const copy = async () => {
    if (!secret) return;
    await copySecret(secret);
    setCopied(true);
  };

  return (
    <>
      <Button startIcon={<AddIcon />} onClick={() => setOpen(true)} size="small">
        {translate('od.tokens.create')}
      </Button>
      <Dialog open={open} onClose={secret ? reset : () => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>
          {secret ? translate('od.tokens.secret_title') : translate('od.tokens.create')}
        </DialogTitle>
        <DialogContent>
          {secret ? (
            <SecretShown secret={secret} />
          ) : (
            <TokenFields
              name={name}
              onName={setName}
              scopes={scopes}
              onScopes={setScopes}
              days={days}
              onDays={setDays}
              problem={problem}
            />
          )}
        </DialogContent>
        <TokenActions
          secret={secret}
          copied={copied}
          canCreate={!!name.trim() && scopes.length > 0}
          onCopy={copy}
          onClose={reset}
          onCancel={() => setOpen(false)}
          onCreate={create}
        />
      </Dialog>
    </>
  );
}

/** Copies the secret; where the clipboard API is refused, by selecting the field and copying. */
async function copySecret(secret: string) {
  try {
    await navigator.clipboard.writeText(secret);
  } catch {
    const field = document.getElementById('token-secret') as HTMLInputElement | null;
    field?.select();
    document.execCommand('copy');
  }
}

/** The new token's secret, shown this once. */
function SecretShown({ secret }: { secret: string }) {
  const translate = useTranslate();
  return (
    <Box>
      <Alert severity="warning" sx={{ mb: 2 }}>
        {translate('od.tokens.secret_hint')}
      </Alert>
      <TextField
        id="token-secret"
        value={secret}
        fullWidth
        slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'token-secret' } }}
        onFocus={(e) => e.target.select()}
      />
    </Box>
  );
}

interface TokenFieldsProps {
  name: string;
  onName: (name: string) => void;
  scopes: string[];
  onScopes: (scopes: string[]) => void;
  /** Days until it expires, as typed (blank: never). */
  days: string;
  onDays: (days: string) => void;
  problem: ApiError | null;
}

/** The token's name, its scopes (among the permissions I hold) and its lifetime. */
function TokenFields({ name, onName, scopes, onScopes, days, onDays, problem }: TokenFieldsProps) {
  const translate = useTranslate();
  const session = useSession();
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: 1 }}>
      <TextField
        label={translate('od.tokens.name')}
        value={name}
        onChange={(e) => onName(e.target.value)}
        {...fieldHelp(problem, 'name')}
        autoFocus
      />
      <Autocomplete
        multiple
        options={session?.permissions ?? []}
        value={scopes}
        onChange={(_e, v) => onScopes(v)}
        renderValue={(value, getItemProps) =>
          value.map((option, index) => (
            <Chip size="small" label={option} {...getItemProps({ index })} key={option} />
          ))
        }
        renderInput={(params) => (
          <TextField {...params} label={translate('od.tokens.scopes')} {...fieldHelp(problem, 'scopes')} />
        )}
      />
      <TextField
        label={translate('od.tokens.expires_in_days')}
        type="number"
        value={days}
        onChange={(e) => onDays(e.target.value)}
        {...fieldHelp(problem, 'expiresInDays')}
      />
      {problem && !problem.problem.errors?.length && <Alert severity="error">{problem.message}</Alert>}
    </Box>
  );
}

interface TokenActionsProps {
  secret: string | null;
  copied: boolean;
  /** A name and at least one scope are given. */
  canCreate: boolean;
  onCopy: () => void;
  onClose: () => void;
  onCancel: () => void;
  onCreate: () => void;
}

/** Before: cancel or create; after: copy the secret or close. */
function TokenActions({ secret, copied, canCreate, onCopy, onClose, onCancel, onCreate }: TokenActionsProps) {
  const translate = useTranslate();
  return (
    <DialogActions>
      {secret ? (
        <>
          <Button startIcon={<ContentCopyIcon />} onClick={onCopy} variant="contained">
            {copied ? translate('od.common.copied') : translate('od.common.copy')}
          </Button>
          <Button onClick={onClose}>{translate('od.common.close')}</Button>
        </>
      ) : (
        <>
          <Button onClick={onCancel}>{translate('od.common.cancel')}</Button>
          <Button onClick={onCreate} variant="contained" disabled={!canCreate}>
            {translate('od.tokens.create')}
          </Button>
        </>
      )}
    </DialogActions>
  );
}
