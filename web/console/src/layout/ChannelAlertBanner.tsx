import { Alert, AlertTitle, Button } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api } from '../api/http.ts';
import { can } from '../api/session.ts';
import { useSession } from '../api/use-session.ts';
import { useFormat } from '../format/useFormat.ts';

/** A channel account that keeps failing, as `GET /api/health/alerts` answers it. */
interface ChannelAlert {
  channel: string;
  failingSince: string | null;
  alertedAt: string;
  failuresInRow: number;
  cause: { code: string; message: string } | null;
}

/** Who sees the banner: those who can change the settings that fix it (owners and admins). */
const FIXES_SETTINGS = 'platform.settings.update';

/**
 * On every screen, for owners and admins: each channel account that keeps failing, since when, and
 * the channel's last error in its own words. Looked at again every minute, so it goes away once a
 * send on that channel succeeds (the server clears it) without a reload.
 */
export function ChannelAlertBanner() {
  const translate = useTranslate();
  const format = useFormat();
  const allowed = can(useSession(), FIXES_SETTINGS);
  const { data } = useQuery({
    queryKey: ['opsdesk', 'channel-alerts'],
    queryFn: () => api<{ items: ChannelAlert[] }>('/api/health/alerts'),
    enabled: allowed,
    refetchInterval: 60_000,
  });
  if (!allowed || !data?.items.length) return null;
  return data.items.map((alert) => (
    <Alert
      key={alert.channel}
      severity="error"
      data-testid="channel-alert"
      data-channel={alert.channel}
      sx={{ borderRadius: 0 }}
      action={
        <Button component={RouterLink} to="/settings" size="small" color="inherit">
          {translate('od.channel_alert.fix')}
        </Button>
      }
    >
      <AlertTitle>
        {translate('od.channel_alert.title', {
          channel: translate(`od.notifications.channels.${alert.channel}`, { _: alert.channel }),
        })}
      </AlertTitle>
      {translate('od.channel_alert.body', {
        smart_count: alert.failuresInRow,
        since: format.dateTime(alert.failingSince ?? alert.alertedAt),
        cause: alert.cause?.message ?? '',
      })}
    </Alert>
  ));
}
