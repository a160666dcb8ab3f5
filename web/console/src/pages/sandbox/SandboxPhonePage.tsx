import { Alert, Box, Button, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { ApiError, api } from '../../api/http.ts';
import { useFormat } from '../../format/useFormat.ts';
import SandboxSmsList from './SandboxSmsList.tsx';
import UssdHandset from './UssdHandset.tsx';

interface PhoneRequest {
  provider: 'momo' | 'airtel';
  reference: string;
  payer: string;
  amount: string;
  currency: string;
  message: string;
  status: 'pending' | 'approved' | 'failed';
  reason: string | null;
  /** Money that came back to the payer on it (a refund), as the network carries it. */
  refunded?: string | null;
  prompt: { requestedAt: string; autoApproveAt: string | null; expiresAt: string; ignored: boolean } | null;
}

const seconds = (iso: string, now: number) => Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));

/**
 * Why a request was not paid, in the reader's words (issue 54, item 10): the sandbox plays MTN
 * MoMo's reason codes (`APPROVAL_REJECTED`) and Airtel's English sentences; neither is shown raw.
 */
function reasonKind(
  reason: string,
): 'declined' | 'not_enough_funds' | 'timed_out' | 'payer_not_found' | 'other' {
  if (/APPROVAL_REJECTED|declin|reject|cancel/i.test(reason)) return 'declined';
  if (/NOT_ENOUGH_FUNDS|insufficient|not enough/i.test(reason)) return 'not_enough_funds';
  if (/EXPIRED|COULD_NOT_PERFORM|timed? ?out|expired|timeout/i.test(reason)) return 'timed_out';
  if (/PAYER_NOT_FOUND|not found|not registered/i.test(reason)) return 'payer_not_found';
  return 'other';
}

/** The payer's number as people write it (`250788000111` → `+250 788 000 111`). */
const phoneText = (msisdn: string) => {
  const e164 = `+${msisdn.replace(/\D/g, '')}`;
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
};

/** A request's amount (the network's decimal string, `2962`) as money in the reader's format. */
const minorOf = (amount: string, currency: string) =>
  Math.round(
    Number(amount) *
      10 **
        (new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2),
  );

/** The payer's phone in the sandbox: each payment request MoMo or Airtel pushed, and the answers. */
export default function SandboxPhonePage() {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const { data } = useQuery({
    queryKey: ['opsdesk', 'sandbox', 'phone'],
    queryFn: () => api<{ items: PhoneRequest[] }>('/api/sandbox/phone'),
    refetchInterval: 1000,
  });
  const answer = async (r: PhoneRequest, what: 'approve' | 'decline' | 'timeout') => {
    try {
      await api(`/api/sandbox/phone/${r.provider}/${r.reference}/${what}`, { method: 'POST' });
    } catch (err) {
      if (err instanceof ApiError) notify(err.message, { type: 'warning' });
      else throw err;
    }
    await client.invalidateQueries({ queryKey: ['opsdesk', 'sandbox', 'phone'] });
  };

  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ py: 2, alignItems: 'flex-start' }}>
      <UssdHandset />
      <Box sx={{ maxWidth: 520, flexGrow: 1 }}>
        <Title title={translate('od.sandbox.phone.menu')} />
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('od.sandbox.phone.intro')}
        </Alert>
        {data && data.items.length === 0 && (
          <Typography color="text.secondary">{translate('od.sandbox.phone.empty')}</Typography>
        )}
        <Stack spacing={1.5}>
          {data?.items.map((r) => (
            <PaymentRequestCard
              key={`${r.provider}:${r.reference}`}
              request={r}
              now={now}
              onAnswer={answer}
            />
          ))}
        </Stack>
        <SandboxSmsList />
      </Box>
    </Stack>
  );
}

interface PaymentRequestCardProps {
  request: PhoneRequest;
  /** The clock the countdowns read, ticking each second. */
  now: number;
  onAnswer: (request: PhoneRequest, what: 'approve' | 'decline' | 'timeout') => void;
}

/** One payment request on the phone: amount, payer, state, and while it waits its countdown and answers. */
function PaymentRequestCard({ request: r, now, onAnswer: answer }: PaymentRequestCardProps) {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <Card data-testid="phone-request" data-status={r.status}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          <Chip size="small" label={translate(`od.sandbox.services.${r.provider}`)} />
          <Typography variant="h6" sx={{ flexGrow: 1 }}>
            {format.money(minorOf(r.amount, r.currency), r.currency)}
          </Typography>
          <Chip
            size="small"
            color={r.status === 'approved' ? 'success' : r.status === 'failed' ? 'error' : 'warning'}
            label={translate(`od.sandbox.phone.status.${r.status}`)}
          />
        </Stack>
        <Typography>{translate('od.sandbox.phone.asks', { payer: phoneText(r.payer) })}</Typography>
        <Typography color="text.secondary">{r.message}</Typography>
        {r.refunded && (
          <Typography color="success.main" data-testid="phone-refunded">
            {translate('od.sandbox.phone.refunded', {
              amount: format.money(minorOf(r.refunded, r.currency), r.currency),
            })}
          </Typography>
        )}
        {r.reason && (
          <Typography color="text.secondary" variant="body2" data-testid="phone-reason">
            {translate(`od.sandbox.phone.reasons.${reasonKind(r.reason)}`)}
          </Typography>
        )}
        {r.status === 'pending' && r.prompt && (
          <>
            <Typography variant="body2" sx={{ mt: 1 }} data-testid="phone-countdown">
              {r.prompt.autoApproveAt
                ? translate('od.sandbox.phone.approves_in', {
                    smart_count: seconds(r.prompt.autoApproveAt, now),
                  })
                : translate('od.sandbox.phone.expires_in', {
                    smart_count: Math.ceil(seconds(r.prompt.expiresAt, now) / 60),
                  })}
            </Typography>
            <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
              <Button variant="contained" color="success" onClick={() => answer(r, 'approve')}>
                {translate('od.sandbox.phone.approve')}
              </Button>
              <Button variant="outlined" color="error" onClick={() => answer(r, 'decline')}>
                {translate('od.sandbox.phone.decline')}
              </Button>
              {!r.prompt.ignored && (
                <Button onClick={() => answer(r, 'timeout')}>{translate('od.sandbox.phone.timeout')}</Button>
              )}
            </Stack>
          </>
        )}
      </CardContent>
    </Card>
  );
}
