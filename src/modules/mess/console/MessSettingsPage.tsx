import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
  InputAdornment,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { ApiError, api, fieldHelp, useSession } from '../../../../web/console/src/extensions/index.ts';
import type { MessSettingsJson as MessSettings } from '../browser.ts';
import { MealWindowsCard } from './MealWindowsCard.tsx';
import { SheetBackupCard } from './SheetBackupCard.tsx';
import { SmsSettingsCard } from './SmsSettingsCard.tsx';
import { useLocalWords } from './use-local-words.ts';
import { WardensCard } from './WardensCard.tsx';

interface Org {
  timeZone: string;
}

/**
 * The mess's settings as a manager sets them up: the time zone every cut-off and meal window is
 * read in (asked first while it is still UTC), the meal windows of the day, the cut-off time with that zone beside it, the cut
 * cap, the wardens who decide on Telegram, with one-time invite links for new ones, and the backup
 * spreadsheet with its proof of ownership.
 */
export default function MessSettingsPage() {
  const translate = useTranslate();
  const words = useLocalWords();
  const notify = useNotify();
  const client = useQueryClient();
  const session = useSession();
  const org = useQuery({ queryKey: ['opsdesk', 'org'], queryFn: () => api<Org>('/api/org') });
  const settings = useQuery({
    queryKey: ['mess', 'settings'],
    queryFn: () => api<MessSettings>('/api/mess/settings'),
  });
  const [zone, setZone] = useState('');
  const [cutoff, setCutoff] = useState('');
  const [cap, setCap] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);
  useEffect(() => {
    if (org.data) setZone(org.data.timeZone);
  }, [org.data]);
  useEffect(() => {
    if (!settings.data) return;
    setCutoff(settings.data.cutoffTime);
    setCap(settings.data.maxCutDaysPerCycle === null ? '' : String(settings.data.maxCutDaysPerCycle));
  }, [settings.data]);

  const run = async (work: () => Promise<void>) => {
    setProblem(null);
    try {
      await work();
      notify('od.common.saved', { type: 'success' });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err);
      notify(err.message, { type: 'error' });
    }
  };
  const saveZone = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const saved = await api<Org>('/api/org', { method: 'PATCH', body: { timeZone: zone.trim() } });
      client.setQueryData(['opsdesk', 'org'], saved);
    });
  };
  const saveCutoff = (e: FormEvent) => {
    e.preventDefault();
    if (!settings.data) return;
    const body: Partial<MessSettings> = {};
    if (cutoff !== settings.data.cutoffTime) body.cutoffTime = cutoff;
    const nextCap = cap.trim() === '' ? null : Number(cap);
    if (nextCap !== settings.data.maxCutDaysPerCycle) body.maxCutDaysPerCycle = nextCap;
    void run(async () => {
      client.setQueryData(['mess', 'settings'], await api('/api/mess/settings', { method: 'PATCH', body }));
    });
  };
  const patchSettings = (body: Partial<MessSettings>) =>
    run(async () => {
      client.setQueryData(['mess', 'settings'], await api('/api/mess/settings', { method: 'PATCH', body }));
    });
  const setScanReceipts = (on: boolean) => void patchSettings({ scanReceipts: on });
  const timeZone = org.data?.timeZone ?? '…';
  return (
    <Box sx={{ py: 2, maxWidth: 760 }}>
      <Title title={translate('mess.settings.title')} />
      <Stack spacing={2}>
        <Card>
          <CardContent component="form" onSubmit={saveZone}>
            <Typography variant="h6">{translate('mess.settings.zone_title')}</Typography>
            {/* The mess has no zone of its own: PATCH /api/org sets the organization's. */}
            <Typography variant="body2" color="text.secondary" data-testid="mess-zone-org">
              {translate('mess.settings.zone_org')}
            </Typography>
            {org.data?.timeZone === 'UTC' && (
              <Alert severity="warning" sx={{ my: 1 }} data-testid="mess-zone-warning">
                {translate('mess.settings.zone_utc')}
              </Alert>
            )}
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mt: 1 }}>
              <TextField
                label={translate('mess.settings.zone')}
                name="timeZone"
                value={zone}
                onChange={(e) => setZone(e.target.value)}
                {...fieldHelp(problem, 'timeZone', translate('mess.settings.zone_hint'))}
                size="small"
              />
              <Button type="submit" variant="outlined">
                {translate('ra.action.save')}
              </Button>
            </Stack>
          </CardContent>
        </Card>
        <MealWindowsCard timeZone={timeZone} canEdit={!!session?.permissions.includes('mess.setup.update')} />
        <Card>
          <CardContent>
            <FormControlLabel
              control={
                <Checkbox
                  checked={settings.data?.scanReceipts ?? false}
                  onChange={(e) => setScanReceipts(e.target.checked)}
                  name="scanReceipts"
                />
              }
              label={translate('mess.settings.scan_receipts')}
            />
            <Typography variant="body2" color="text.secondary">
              {translate('mess.settings.scan_receipts_hint')}
            </Typography>
          </CardContent>
        </Card>
        <SmsSettingsCard settings={settings.data} patch={patchSettings} />
        <Card>
          <CardContent component="form" onSubmit={saveCutoff}>
            <Typography variant="h6">{translate('mess.settings.cut_title')}</Typography>
            <Typography variant="body2" color="text.secondary">
              {translate('mess.settings.cut_hint', { zone: words.zone(timeZone) })}
            </Typography>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mt: 1 }}>
              <TextField
                label={translate('mess.settings.cutoff')}
                name="cutoffTime"
                value={cutoff}
                onChange={(e) => setCutoff(e.target.value)}
                {...fieldHelp(problem, 'cutoffTime', 'HH:MM')}
                size="small"
                slotProps={{
                  input: {
                    endAdornment: (
                      <InputAdornment position="end" data-testid="mess-cutoff-zone">
                        {words.zone(timeZone)}
                      </InputAdornment>
                    ),
                  },
                }}
              />
              <TextField
                label={translate('mess.settings.cap')}
                name="maxCutDaysPerCycle"
                value={cap}
                onChange={(e) => setCap(e.target.value)}
                {...fieldHelp(problem, 'maxCutDaysPerCycle', translate('mess.settings.cap_hint'))}
                size="small"
                type="number"
              />
              <Button type="submit" variant="outlined">
                {translate('ra.action.save')}
              </Button>
            </Stack>
          </CardContent>
        </Card>
        <WardensCard
          adminTelegramIds={settings.data?.adminTelegramIds ?? []}
          timeZone={org.data?.timeZone}
          run={run}
        />
        <SheetBackupCard />
      </Stack>
    </Box>
  );
}
