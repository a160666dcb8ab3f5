import { Alert, Stack } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Title, useNotify, useTranslate } from 'react-admin';
import { ApiError, api, SwitchesCard, useSession } from '../../../../web/console/src/extensions/index.ts';
import type { CoffeeSettingsJson as CoffeeSettings } from '../browser.ts';

/** The texts an on-call phone gets (issue 65), each switchable: the setting and its label. */
const SMS_SETTINGS: ReadonlyArray<[keyof CoffeeSettings, string]> = [
  ['smsAlarms', 'coffee.settings.sms_alarms'],
  ['smsRollouts', 'coffee.settings.sms_rollouts'],
];

/**
 * The fleet's settings: which texts the on-call staff reached by SMS get, each on by default;
 * changed by those who manage alarms, seen by those who read them.
 */
export default function CoffeeSettingsPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const session = useSession();
  const canEdit = Boolean(session?.permissions.includes('coffee.alarm.manage'));
  const settings = useQuery({
    queryKey: ['coffee', 'settings'],
    queryFn: () => api<CoffeeSettings>('/api/coffee/settings'),
  });
  const save = async (key: keyof CoffeeSettings, on: boolean) => {
    try {
      const saved = await api<CoffeeSettings>('/api/coffee/settings', {
        method: 'PATCH',
        body: { [key]: on },
      });
      client.setQueryData(['coffee', 'settings'], saved);
      notify('od.common.saved', { type: 'success' });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      notify(err.message, { type: 'error' });
    }
  };
  return (
    <Stack spacing={2} sx={{ mt: 2, maxWidth: 720 }}>
      <Title title={translate('coffee.settings.title')} />
      {settings.error ? <Alert severity="error">{String(settings.error)}</Alert> : null}
      <SwitchesCard
        testId="coffee-sms-settings"
        title={translate('coffee.settings.sms_title')}
        hint={translate('coffee.settings.sms_hint')}
        switches={SMS_SETTINGS.map(([name, label]) => ({
          name,
          label: translate(label),
          on: settings.data?.[name],
        }))}
        disabled={!canEdit || !settings.data}
        onChange={(name, on) => void save(name, on)}
      />
    </Stack>
  );
}
