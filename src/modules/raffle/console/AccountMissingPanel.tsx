import { Alert, Button } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api } from '../../../../web/console/src/extensions/index.ts';
import type { RaffleSettings } from '../browser.ts';

/**
 * On a raffle's page while it is drafted or selling and no account buyers pay into is set (issue 66):
 * buyers are not told where to pay (the bot can only say the seller will write in the chat), so the
 * seller is told, with the way to the raffle settings where the account is set.
 */
export default function AccountMissingPanel({ record }: { record: Record<string, unknown> }) {
  const translate = useTranslate();
  const settings = useQuery({
    queryKey: ['raffle', 'settings'],
    queryFn: () => api<RaffleSettings>('/api/raffle/settings'),
  });
  const open = record.status === 'draft' || record.status === 'selling';
  if (!open || !settings.data || settings.data.paymentAccount) return null;
  return (
    <Alert
      severity="warning"
      data-testid="raffle-panel-account-missing"
      action={
        <Button component={RouterLink} to="/raffle/settings" color="inherit" size="small">
          {translate('raffle.panel.account_set')}
        </Button>
      }
    >
      {translate('raffle.panel.account_missing')}
    </Alert>
  );
}
