import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  FormControlLabel,
  FormHelperText,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { ApiError, api, useSession } from '../../../../web/console/src/extensions/index.ts';
import type { RaffleSettings } from '../browser.ts';

/**
 * The seller's raffle settings: the account buyers pay into, which the bot names when they confirm;
 * whether a buyer WhatsApp cannot reach is texted instead (issue 65).
 */
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
  // What the seller typed, or null for "the saved account". Not copied from the answer in an effect:
  // that ran after the field was on screen and wiped what had been typed meanwhile, so Save sent none.
  const [typed, setTyped] = useState<string | null>(null);
  const account = typed ?? settings.data?.paymentAccount ?? '';
  const [problem, setProblem] = useState<ApiError | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      const saved = await api<RaffleSettings>('/api/raffle/settings', {
        method: 'PATCH',
        body: { paymentAccount: account.trim() || null },
      });
      client.setQueryData(['raffle', 'settings'], saved);
      setTyped(null);
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
            <Alert severity="warning" sx={{ my: 1 }} data-testid="raffle-account-missing">
              {translate('raffle.settings.payment_missing')}
            </Alert>
          )}
          <Stack spacing={1} sx={{ mt: 1 }}>
            <TextField
              name="paymentAccount"
              label={translate('raffle.settings.payment_account')}
              value={account}
              onChange={(e) => setTyped(e.target.value)}
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
      <SmsFallbackCard settings={settings.data} canEdit={canEdit} />
    </Box>
  );
}

/** Whether a buyer WhatsApp cannot reach is texted the order's outcome or the prize instead (issue 65). */
function SmsFallbackCard({ settings, canEdit }: { settings: RaffleSettings | undefined; canEdit: boolean }) {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const switchSms = async (smsFallback: boolean) => {
    try {
      const saved = await api<RaffleSettings>('/api/raffle/settings', {
        method: 'PATCH',
        body: { smsFallback },
      });
      client.setQueryData(['raffle', 'settings'], saved);
      notify('od.common.saved', { type: 'success' });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      notify(err.message, { type: 'error' });
    }
  };
  return (
    <Card sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate('raffle.settings.sms_title')}
        </Typography>
        <FormControlLabel
          control={
            <Switch
              name="smsFallback"
              checked={settings?.smsFallback ?? true}
              disabled={!canEdit || !settings}
              onChange={(e) => void switchSms(e.target.checked)}
            />
          }
          label={translate('raffle.settings.sms_fallback')}
        />
        <FormHelperText>{translate('raffle.settings.sms_fallback_hint')}</FormHelperText>
      </CardContent>
    </Card>
  );
}
