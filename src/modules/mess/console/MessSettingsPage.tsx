import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
  IconButton,
  InputAdornment,
  List,
  ListItem,
  ListItemText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Title, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { ApiError, api, formatDateTime, useSession } from '../../../../web/console/src/extensions/index.ts';
import { MealWindowsCard } from './MealWindowsCard.tsx';
import { SheetBackupCard } from './SheetBackupCard.tsx';

interface MessSettings {
  adminTelegramIds: string[];
  cutoffTime: string;
  maxCutDaysPerCycle: number | null;
  phoneRegion: string;
  scanReceipts: boolean;
}
interface Org {
  timeZone: string;
}
interface Wardens {
  botUsername: string | null;
  wardens: { telegramId: string; name: string | null }[];
  invites: {
    id: string;
    note: string;
    createdBy: string;
    createdAt: string;
    expiresAt: string;
    usedAt: string | null;
    usedBy: string | null;
  }[];
}
interface Invite {
  link: string | null;
  startCommand: string;
  expiresAt: string;
}

const fieldError = (problem: ApiError | null, field: string) =>
  problem?.problem.errors?.find((e) => e.field === field)?.message;

/**
 * The mess's settings as a manager sets them up: the time zone every cut-off and meal window is
 * read in (asked first while it is still UTC), the meal windows of the day, the cut-off time with that zone beside it, the cut
 * cap, the wardens who decide on Telegram, with one-time invite links for new ones, and the backup
 * spreadsheet with its proof of ownership.
 */
export default function MessSettingsPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const client = useQueryClient();
  const session = useSession();
  const org = useQuery({ queryKey: ['opsdesk', 'org'], queryFn: () => api<Org>('/api/org') });
  const settings = useQuery({
    queryKey: ['mess', 'settings'],
    queryFn: () => api<MessSettings>('/api/mess/settings'),
  });
  const wardens = useQuery({
    queryKey: ['mess', 'wardens'],
    queryFn: () => api<Wardens>('/api/mess/wardens'),
  });
  const [zone, setZone] = useState('');
  const [cutoff, setCutoff] = useState('');
  const [cap, setCap] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [invite, setInvite] = useState<Invite | null>(null);
  const [note, setNote] = useState('');
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
  const setScanReceipts = (on: boolean) =>
    void run(async () => {
      client.setQueryData(
        ['mess', 'settings'],
        await api('/api/mess/settings', { method: 'PATCH', body: { scanReceipts: on } }),
      );
    });
  const removeWarden = (id: string) =>
    void run(async () => {
      const ids = (settings.data?.adminTelegramIds ?? []).filter((x) => x !== id);
      client.setQueryData(
        ['mess', 'settings'],
        await api('/api/mess/settings', { method: 'PATCH', body: { adminTelegramIds: ids } }),
      );
      await client.invalidateQueries({ queryKey: ['mess', 'wardens'] });
    });
  const createInvite = () =>
    void run(async () => {
      setInvite(
        await api<Invite>('/api/mess/warden-invites', {
          method: 'POST',
          body: note.trim() ? { note: note.trim() } : {},
        }),
      );
      await client.invalidateQueries({ queryKey: ['mess', 'wardens'] });
    });

  const timeZone = org.data?.timeZone ?? '…';
  const when = (iso: string) => formatDateTime(iso, locale, org.data?.timeZone);
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
                error={!!fieldError(problem, 'timeZone')}
                helperText={fieldError(problem, 'timeZone') ?? translate('mess.settings.zone_hint')}
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
        <Card>
          <CardContent component="form" onSubmit={saveCutoff}>
            <Typography variant="h6">{translate('mess.settings.cut_title')}</Typography>
            <Typography variant="body2" color="text.secondary">
              {translate('mess.settings.cut_hint', { zone: timeZone })}
            </Typography>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mt: 1 }}>
              <TextField
                label={translate('mess.settings.cutoff')}
                name="cutoffTime"
                value={cutoff}
                onChange={(e) => setCutoff(e.target.value)}
                error={!!fieldError(problem, 'cutoffTime')}
                helperText={fieldError(problem, 'cutoffTime') ?? 'HH:MM'}
                size="small"
                slotProps={{
                  input: {
                    endAdornment: (
                      <InputAdornment position="end" data-testid="mess-cutoff-zone">
                        {timeZone}
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
                error={!!fieldError(problem, 'maxCutDaysPerCycle')}
                helperText={fieldError(problem, 'maxCutDaysPerCycle') ?? translate('mess.settings.cap_hint')}
                size="small"
                type="number"
              />
              <Button type="submit" variant="outlined">
                {translate('ra.action.save')}
              </Button>
            </Stack>
          </CardContent>
        </Card>
        <Card>
          <CardContent>
            <Typography variant="h6">{translate('mess.settings.wardens_title')}</Typography>
            <Typography variant="body2" color="text.secondary">
              {translate('mess.settings.wardens_hint')}
            </Typography>
            <List dense>
              {(wardens.data?.wardens ?? []).map((w) => (
                <ListItem
                  key={w.telegramId}
                  disableGutters
                  secondaryAction={
                    <IconButton
                      edge="end"
                      aria-label={translate('mess.settings.remove')}
                      title={translate('mess.settings.remove')}
                      onClick={() => removeWarden(w.telegramId)}
                    >
                      ✕
                    </IconButton>
                  }
                >
                  <ListItemText
                    primary={w.name ?? translate('mess.settings.unnamed')}
                    secondary={`Telegram ${w.telegramId}`}
                  />
                </ListItem>
              ))}
              {wardens.data?.wardens.length === 0 && (
                <ListItem disableGutters>
                  <ListItemText primary={translate('mess.settings.no_wardens')} />
                </ListItem>
              )}
            </List>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
              <TextField
                label={translate('mess.settings.invite_note')}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                size="small"
              />
              <Button variant="contained" onClick={createInvite}>
                {translate('mess.settings.invite')}
              </Button>
            </Stack>
            {invite && (
              <Alert severity="info" sx={{ mt: 2, wordBreak: 'break-all' }} data-testid="mess-invite">
                {invite.link ? (
                  <>
                    {translate('mess.settings.invite_link')}{' '}
                    <a href={invite.link} target="_blank" rel="noreferrer">
                      {invite.link}
                    </a>
                  </>
                ) : (
                  <>
                    {translate('mess.settings.invite_command')} <code>{invite.startCommand}</code>
                  </>
                )}
                <br />
                {translate('mess.settings.invite_expires', { at: when(invite.expiresAt) })}
              </Alert>
            )}
            {(wardens.data?.invites.length ?? 0) > 0 && (
              <>
                <Typography variant="subtitle2" sx={{ mt: 2 }}>
                  {translate('mess.settings.invites')}
                </Typography>
                <List dense>
                  {wardens.data!.invites.map((i) => (
                    <ListItem key={i.id} disableGutters>
                      <ListItemText
                        primary={`${i.note || '—'} · ${i.createdBy}`}
                        secondary={
                          i.usedAt
                            ? translate('mess.settings.invite_used', {
                                by: i.usedBy ?? '',
                                at: when(i.usedAt),
                              })
                            : translate('mess.settings.invite_open', { at: when(i.expiresAt) })
                        }
                      />
                    </ListItem>
                  ))}
                </List>
              </>
            )}
          </CardContent>
        </Card>
        <SheetBackupCard />
      </Stack>
    </Box>
  );
}
