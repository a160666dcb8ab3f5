import { Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { api } from '../../api/http.ts';
import { useFormat } from '../../format/useFormat.ts';

interface SandboxSms {
  messageId: string;
  to: string;
  from: string | null;
  text: string;
  segments: number;
  encoding: 'GSM-7' | 'UCS-2';
  cost: string;
  at: string;
  status: string;
  failureReason: string | null;
}

/**
 * The texts the sandbox's network carried to people's phones (issue 52), as the phone shows them:
 * who sent it, the words, its parts and what it cost. Owners and admins only (they hold tokens and
 * sign-in codes, like the caught mail); for others the list is not shown.
 */
export default function SandboxSmsList() {
  const translate = useTranslate();
  const format = useFormat();
  const { data } = useQuery({
    queryKey: ['opsdesk', 'sandbox', 'sms'],
    queryFn: () => api<{ items: SandboxSms[] }>('/api/sandbox/sms'),
    refetchInterval: 2000,
    retry: false,
  });
  if (!data || data.items.length === 0) return null;
  return (
    <Stack spacing={1.5} sx={{ mt: 3 }}>
      <Typography variant="h6">{translate('od.sandbox.sms.title')}</Typography>
      {data.items.map((sms) => (
        <Card key={sms.messageId} data-testid="phone-sms" data-status={sms.status}>
          <CardContent>
            <Typography variant="body2" color="text.secondary">
              {translate('od.sandbox.sms.to_from', { to: sms.to, from: sms.from ?? '—' })} ·{' '}
              {format.dateTime(sms.at)}
            </Typography>
            <Typography sx={{ whiteSpace: 'pre-wrap', my: 1 }} data-testid="phone-sms-text">
              {sms.text}
            </Typography>
            <Stack direction="row" spacing={1}>
              <Chip size="small" label={translate('od.sandbox.sms.parts', { smart_count: sms.segments })} />
              <Chip size="small" label={sms.encoding} />
              <Chip size="small" label={sms.cost} />
              <Chip
                size="small"
                color={sms.status === 'Failed' ? 'error' : 'success'}
                label={
                  sms.status === 'Failed'
                    ? translate('od.sandbox.sms.failed', { reason: sms.failureReason ?? '' })
                    : translate('od.sandbox.sms.delivered')
                }
              />
            </Stack>
          </CardContent>
        </Card>
      ))}
    </Stack>
  );
}
