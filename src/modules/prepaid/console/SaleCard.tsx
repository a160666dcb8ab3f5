import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardHeader,
  CircularProgress,
  FormControlLabel,
  Link,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { api, useFormat } from '../../../../web/console/src/extensions/index.ts';
import { moneyIn, paymentFailureKind } from '../browser.ts';
import {
  groupedToken,
  kwh,
  type MeterRow,
  type Method,
  type Purchase,
  type Quote,
  receiptUrl,
} from './counter.types.ts';

const METHODS: Method[] = ['cash', 'momo', 'airtel'];

/** Whether the server plays the payment providers itself (`/api/sandbox` exists only then). */
function useSandboxPhone(): boolean {
  const { data } = useQuery({
    queryKey: ['opsdesk', 'sandbox'],
    queryFn: () => api<{ services: string[] }>('/api/sandbox').catch(() => ({ services: [] })),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (data?.services ?? []).some((s) => s === 'momo' || s === 'airtel');
}

/**
 * Takes the money: cash (the token at once) or a mobile-money request the payer approves on their
 * phone, watched until it settles; then the token, large and grouped, its receipts and a resend.
 */
export function SaleCard({
  meter,
  sale,
  method,
  onMethod,
  onDone,
}: {
  meter: MeterRow;
  sale: { quote: Quote; amountMinor: number } | null;
  /** How the customer pays (the counter holds it: the quote words its change by it). */
  method: Method;
  onMethod: (method: Method) => void;
  onDone: () => void;
}) {
  const translate = useTranslate();
  const format = useFormat();
  const notify = useNotify();
  const sandbox = useSandboxPhone();
  const [phone, setPhone] = useState(meter.phone ?? '');
  // One key per sale: a double click or a retried request never sells twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const start = useMutation({
    mutationFn: (s: { quote: Quote; amountMinor: number }) =>
      api<Purchase>('/api/prepaid/purchases', {
        method: 'POST',
        headers: { 'Idempotency-Key': idempotencyKey },
        body: {
          meterId: meter.id,
          method,
          amount: { amountMinor: s.amountMinor, currency: s.quote.currency },
          ...(method === 'cash' ? {} : { msisdn: phone.replace(/\s+/g, '') }),
        },
      }),
  });
  const started = start.data;
  const live = useQuery({
    queryKey: ['prepaid.counter.purchase', started?.id],
    enabled: started !== undefined && started.status === 'pending',
    queryFn: () => api<Purchase>(`/api/prepaid/purchases/${encodeURIComponent(started!.id)}`),
    refetchInterval: (query) => (query.state.data?.status === 'pending' || !query.state.data ? 1500 : false),
  });
  const purchase = live.data ?? started;
  const resend = useMutation({
    mutationFn: (id: string) =>
      api('/api/prepaid/console/purchases/actions/resend-token', { method: 'POST', body: { ids: [id] } }),
    onSuccess: () => notify('prepaid.counter.resent', { type: 'success' }),
    onError: (err) => notify(err.message, { type: 'error' }),
  });
  const again = () => {
    start.reset();
    setIdempotencyKey(crypto.randomUUID());
  };
  const money = (minor: number, currency: string) => moneyIn(minor, currency, format.locale);

  if (purchase?.status === 'paid' && purchase.token)
    return (
      <Card variant="outlined" data-testid="counter-token">
        <CardHeader title={translate('prepaid.counter.token')} />
        <CardContent>
          <Stack spacing={2}>
            <Typography>
              {translate('prepaid.counter.paid', {
                amount: money(purchase.amount.amountMinor, purchase.amount.currency),
                kwh: kwh(purchase.unitsTenths ?? 0, format.locale),
              })}
            </Typography>
            <Typography
              component="output"
              aria-label={translate('prepaid.counter.token')}
              data-testid="counter-token-digits"
              sx={{ fontFamily: 'monospace', fontSize: { xs: '2rem', sm: '3rem' }, letterSpacing: '0.08em' }}
            >
              {groupedToken(purchase.token)}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {`${purchase.meterNumber} · ${translate('prepaid.counter.tokenCount', { count: purchase.tokenCount })}`}
            </Typography>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {(
                [
                  ['a4', 'receiptA4'],
                  ['80mm', 'receipt80'],
                  ['58mm', 'receipt58'],
                ] as const
              ).map(([paper, label]) => (
                <Button
                  key={paper}
                  variant={paper === 'a4' ? 'contained' : 'outlined'}
                  startIcon={<PictureAsPdfIcon />}
                  href={receiptUrl(purchase.id, paper)}
                  target="_blank"
                  rel="noopener"
                >
                  {translate(`prepaid.counter.${label}`)}
                </Button>
              ))}
            </Stack>
            <Stack direction="row" spacing={1}>
              <Button onClick={() => resend.mutate(purchase.id)} disabled={resend.isPending}>
                {translate('prepaid.counter.resend')}
              </Button>
              <Button onClick={onDone}>{translate('prepaid.counter.newSale')}</Button>
            </Stack>
          </Stack>
        </CardContent>
      </Card>
    );

  return (
    <Card variant="outlined" data-testid="counter-pay">
      <CardHeader title={translate('prepaid.counter.pay')} />
      <CardContent>
        <Stack spacing={2}>
          {purchase?.status === 'pending' ? (
            <Alert
              severity="info"
              icon={<CircularProgress size={20} aria-label={translate('prepaid.counter.pay')} />}
              data-testid="counter-waiting"
            >
              <Typography>{translate('prepaid.counter.waiting', { phone })}</Typography>
              <Typography variant="body2">
                {translate('prepaid.counter.waitingSince', { at: format.dateTime(purchase.createdAt) })}
              </Typography>
              {sandbox && (
                <Link href="/console/sandbox/phone" target="_blank" rel="noopener">
                  {translate('prepaid.counter.sandboxPhone')}
                </Link>
              )}
            </Alert>
          ) : purchase?.status === 'failed' ? (
            <Alert
              severity="error"
              action={<Button onClick={again}>{translate('prepaid.counter.tryAgain')}</Button>}
            >
              {translate('prepaid.counter.failed', {
                reason: translate(`prepaid.counter.failure.${paymentFailureKind(purchase.failureReason)}`),
              })}
            </Alert>
          ) : (
            <>
              <RadioGroup
                row
                aria-label={translate('prepaid.counter.method')}
                value={method}
                onChange={(e) => onMethod(e.target.value as Method)}
              >
                {METHODS.map((m) => (
                  <FormControlLabel
                    key={m}
                    value={m}
                    control={<Radio />}
                    label={translate(`prepaid.counter.methods.${m}`)}
                  />
                ))}
              </RadioGroup>
              {method !== 'cash' && (
                <TextField
                  size="small"
                  label={translate('prepaid.counter.payerPhone')}
                  value={phone}
                  onChange={(e) => setPhone(e.target.value)}
                  error={Boolean(start.error)}
                />
              )}
              {start.error && <Alert severity="error">{start.error.message}</Alert>}
              <Button
                variant="contained"
                size="large"
                disabled={!sale || start.isPending || (method !== 'cash' && phone.trim().length < 8)}
                onClick={() => sale && start.mutate(sale)}
              >
                {sale
                  ? method === 'cash'
                    ? translate('prepaid.counter.takeCash', {
                        amount: money(sale.amountMinor, sale.quote.currency),
                      })
                    : translate('prepaid.counter.requestPay', {
                        phone,
                        amount: money(sale.amountMinor, sale.quote.currency),
                      })
                  : translate('prepaid.counter.pay')}
              </Button>
            </>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
