import { Alert, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslate } from 'react-admin';
import { ApiError, api } from '../../../../web/console/src/extensions/index.ts';
import type { LegacyPassesJson as LegacyPasses } from '../browser.ts';

/**
 * The original system's QR passes during the switch (issue 42): the owner gives its old QR_SECRET
 * (write-only; the import keeps it when given) and, when they choose, the last day those passes open
 * the mess, and sees how many are still shown. Stopping them forgets the secret. The new passes go
 * out with the pass run above.
 */
export function LegacyPassesCard() {
  const translate = useTranslate();
  const client = useQueryClient();
  const key = ['mess', 'legacy-passes'];
  const view = useQuery({ queryKey: key, queryFn: () => api<LegacyPasses>('/api/mess/legacy-passes') });
  const [secret, setSecret] = useState('');
  const [until, setUntil] = useState<string | null>(null);
  const [error, setError] = useState('');
  const save = async (body: { qrSecret?: string | null; until?: string | null }) => {
    setError('');
    try {
      client.setQueryData(key, await api<LegacyPasses>('/api/mess/legacy-passes', { method: 'PUT', body }));
      setSecret('');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ ...(secret ? { qrSecret: secret } : {}), until: until ?? view.data?.until ?? null });
  };
  const data = view.data;
  if (!data) return null;
  return (
    <Card variant="outlined" data-testid="legacy-passes">
      <CardContent>
        <Stack spacing={2} component="form" onSubmit={submit}>
          <Typography variant="subtitle1">{translate('mess.legacyPasses.title')}</Typography>
          <Typography variant="body2">{translate('mess.legacyPasses.intro')}</Typography>
          <Alert severity={data.active ? 'warning' : 'info'} data-testid="legacy-passes-state">
            {data.active
              ? translate(data.until ? 'mess.legacyPasses.active' : 'mess.legacyPasses.activeNoEnd', {
                  until: data.until,
                  scans: data.scans,
                  students: data.students,
                })
              : translate('mess.legacyPasses.inactive')}
          </Alert>
          <TextField
            type="password"
            autoComplete="off"
            label={translate('mess.legacyPasses.secret')}
            helperText={
              data.qrSecret.set
                ? translate('mess.legacyPasses.secretSet', { last4: data.qrSecret.last4 ?? '' })
                : translate('mess.legacyPasses.secretUnset')
            }
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
          <TextField
            type="date"
            label={translate('mess.legacyPasses.until')}
            slotProps={{ inputLabel: { shrink: true } }}
            value={until ?? data.until ?? ''}
            onChange={(e) => setUntil(e.target.value || null)}
          />
          {error && <Alert severity="error">{error}</Alert>}
          <Stack direction="row" spacing={1}>
            <Button type="submit" variant="contained">
              {translate('mess.legacyPasses.save')}
            </Button>
            {data.active && (
              <Button color="warning" onClick={() => void save({ qrSecret: null })}>
                {translate('mess.legacyPasses.end')}
              </Button>
            )}
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
}
