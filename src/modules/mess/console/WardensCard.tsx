import {
  Alert,
  Button,
  Card,
  CardContent,
  IconButton,
  List,
  ListItem,
  ListItemText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { api, formatDateTime } from '../../../../web/console/src/extensions/index.ts';
import type { WardenInviteJson as Invite, WardensJson as Wardens } from '../browser.ts';

/**
 * The wardens who decide on Telegram: remove one, or make a one-time invite link (or start command)
 * for a new one, with the invites sent and whether they were used. `run` saves and says so (the
 * settings page's).
 */
export function WardensCard({
  adminTelegramIds,
  timeZone,
  run,
}: {
  adminTelegramIds: string[];
  timeZone: string | undefined;
  run: (work: () => Promise<void>) => Promise<void>;
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const client = useQueryClient();
  const wardens = useQuery({
    queryKey: ['mess', 'wardens'],
    queryFn: () => api<Wardens>('/api/mess/wardens'),
  });
  const [invite, setInvite] = useState<Invite | null>(null);
  const [note, setNote] = useState('');
  const when = (iso: string) => formatDateTime(iso, locale, timeZone);
  const removeWarden = (id: string) =>
    void run(async () => {
      const ids = adminTelegramIds.filter((x) => x !== id);
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
  return (
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
  );
}
