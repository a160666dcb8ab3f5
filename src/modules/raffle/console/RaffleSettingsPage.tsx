import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { ApiError, api, useSession } from '../../../../web/console/src/extensions/index.ts';

interface RaffleSettings {
  paymentAccount: string | null;
}

/** The seller's raffle settings: the account buyers pay into, which the bot names when they confirm. */
export default function RaffleSettingsPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const session = useSession();
  const canEdit = !!session?.permissions.includes('raffle.raffle.manage');
  const settings = useQuery({
    queryKey: ['raffle', 'settings'],
    queryFn: () => api<RaffleSettings>('/api/raffle/settings'),
  });
  const [account, setAccount] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);
  useEffect(() => {
    if (settings.data) setAccount(settings.data.paymentAccount ?? '');
  }, [settings.data]);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      const saved = await api<RaffleSettings>('/api/raffle/settings', {
        method: 'PATCH',
        body: { paymentAccount: account.trim() || null },
      });
      client.setQueryData(['raffle', 'settings'], saved);
      notify('od.common.saved', { type: 'success' });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err);
      notify(err.message, { type: 'error' });
    }
  };
  const error = problem?.problem.errors?.find((x) => x.field.endsWith('paymentAccount'))?.message;
  return (
    <Box sx={{ py: 2, maxWidth: 760 }}>
      <Title title={translate('raffle.settings.title')} />
      <Card>
        <CardContent component="form" onSubmit={save}>
          <Typography variant="h6" component="h2">
            {translate('raffle.settings.payment_title')}
          </Typography>
          {settings.data && !settings.data.paymentAccount && (
            <Alert severity="info" sx={{ my: 1 }} data-testid="raffle-account-missing">
              {translate('raffle.settings.payment_missing')}
            </Alert>
          )}
          <Stack spacing={1} sx={{ mt: 1 }}>
            <TextField
              name="paymentAccount"
              label={translate('raffle.settings.payment_account')}
              value={account}
              onChange={(e) => setAccount(e.target.value)}
              multiline
              minRows={2}
              fullWidth
              disabled={!canEdit}
              slotProps={{ htmlInput: { maxLength: 300 } }}
              error={!!error}
              helperText={error ?? translate('raffle.settings.payment_account_hint')}
            />
            {canEdit && (
              <Box>
                <Button type="submit" variant="contained">
                  {translate('ra.action.save')}
                </Button>
              </Box>
            )}
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
