import { Alert, Button, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api } from '../api/http.ts';
import { type UndeliverableMessage, unconfiguredChannels } from './channel-problems.ts';

/** One line per channel that is not configured, with how many messages it kept from going out. */
export default function ChannelsCard() {
  const translate = useTranslate();
  const { data } = useQuery({
    queryKey: ['opsdesk', 'unconfigured-channels'],
    queryFn: async () =>
      unconfiguredChannels(
        (await api<{ items: UndeliverableMessage[] }>('/api/notifications?status=undeliverable&limit=200'))
          .items,
      ),
  });
  if (!data) return null;
  if (!data.length)
    return (
      <Typography color="text.secondary" data-testid="channels-ok">
        {translate('od.dashboard.channels_ok')}
      </Typography>
    );
  return (
    <Stack spacing={1} data-testid="channels-not-configured">
      {data.map((c) => (
        <Alert
          key={c.channel}
          severity="warning"
          action={
            <Button component={RouterLink} to="/settings" size="small" color="inherit">
              {translate('od.dashboard.channels_fix')}
            </Button>
          }
        >
          {translate('od.dashboard.channel_not_configured', {
            channel: translate(`od.channels.${c.channel}`, { _: c.channel }),
            smart_count: c.count,
          })}
        </Alert>
      ))}
    </Stack>
  );
}
