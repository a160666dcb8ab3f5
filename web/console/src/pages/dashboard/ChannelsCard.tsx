import { Alert, Button, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api } from '../../api/http.ts';
import { useSandbox } from '../sandbox/use-sandbox.ts';
import {
  type ChannelCounts,
  channelsWithProblems,
  type UndeliverableMessage,
  unconfiguredChannels,
} from './channel-problems.ts';

/** Where the console shows what the sandbox plays of each service. */
const SANDBOX_SCREEN = {
  email: '/sandbox/mail',
  momo: '/sandbox/phone',
  airtel: '/sandbox/phone',
  sms: '/sandbox/phone',
  whatsapp: '/simulator',
  telegram: '/simulator',
} as const;

/**
 * One line per channel the sandbox plays ("sandbox", not "not configured"), one per channel whose
 * messages failed or are stuck (with its last error while its sends fail), then one per channel
 * that is not configured, with how many messages it kept from going out.
 */
export default function ChannelsCard() {
  const translate = useTranslate();
  const sandbox = useSandbox();
  const { data } = useQuery({
    queryKey: ['opsdesk', 'unconfigured-channels'],
    queryFn: async () =>
      unconfiguredChannels(
        (await api<{ items: UndeliverableMessage[] }>('/api/notifications?status=undeliverable&perPage=200'))
          .items,
      ),
  });
  const { data: problems } = useQuery({
    queryKey: ['opsdesk', 'channel-problems'],
    queryFn: async () =>
      channelsWithProblems((await api<{ items: ChannelCounts[] }>('/api/health/channels')).items),
  });
  if (!data || !problems) return null;
  const failing = problems.map((c) => <ChannelProblem key={c.channel} counts={c} />);
  const played = (sandbox ?? []).map((service) => (
    <Alert
      key={service}
      severity="info"
      data-testid="channel-sandbox"
      action={
        <Button component={RouterLink} to={SANDBOX_SCREEN[service]} size="small" color="inherit">
          {translate('od.sandbox.open')}
        </Button>
      }
    >
      {translate('od.sandbox.channel', { service: translate(`od.sandbox.services.${service}`) })}
    </Alert>
  ));
  if (!data.length && !problems.length)
    return (
      <Stack spacing={1}>
        {played}
        <Typography color="text.secondary" data-testid="channels-ok">
          {translate('od.dashboard.channels_ok')}
        </Typography>
      </Stack>
    );
  return (
    <Stack spacing={1} data-testid="channels-attention">
      {played}
      {failing}
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

/**
 * A channel's messages that failed or are stuck, those it never confirmed (a prompt the person may not
 * have seen), and why its last sends failed when they did.
 */
function ChannelProblem({ counts }: { counts: ChannelCounts }) {
  const translate = useTranslate();
  const channel = translate(`od.channels.${counts.channel}`, { _: counts.channel });
  const failing = counts.failuresInRow > 0 && counts.lastFailure;
  return (
    <Alert
      severity={counts.failed > 0 || failing ? 'error' : 'warning'}
      data-testid="channel-problems"
      data-channel={counts.channel}
    >
      {translate('od.dashboard.channel_counts', { channel, failed: counts.failed, stuck: counts.stuck })}
      {counts.unconfirmed > 0
        ? ` ${translate('od.dashboard.channel_unconfirmed', { smart_count: counts.unconfirmed })}`
        : ''}
      {failing
        ? ` ${translate('od.dashboard.channel_last_error', { cause: counts.lastFailure?.message })}`
        : ''}
    </Alert>
  );
}
