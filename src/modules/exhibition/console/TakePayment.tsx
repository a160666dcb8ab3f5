import { Button, Stack, TextField, Typography } from '@mui/material';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { useLocale, useTranslate } from 'react-admin';
import {
  api,
  formatMoney,
  HeldNotice,
  UNDO_SECONDS,
  useHeld,
} from '../../../../web/console/src/extensions/index.ts';
import type { TabPaymentJson } from '../browser.ts';

type Method = 'cash' | 'momo' | 'airtel';
interface Taking {
  method: Method;
  msisdn: string;
}
interface TakePaymentProps {
  customerId: string;
  phone: string;
  currency: string;
  dueMinor: number;
  billIds?: string[];
  onTaken?: (result: TabPaymentJson) => void;
}

/**
 * "Take payment" for what a tab (or some of its bills) owes: cash, or a MoMo / Airtel Money request
 * to the payer's phone (the customer's own unless the clerk types another). It waits `UNDO_MS` with
 * an Undo, then sends one Idempotency-Key (a lost answer retried takes the money once); the tab
 * follows from the live stream. Enter inside it never bills at the desk around it.
 */
export function TakePayment(props: TakePaymentProps) {
  const translate = useTranslate();
  const [phone, setPhone] = useState(props.phone);
  const { methods, amount, notice, setNotice, held, hold, undo } = useTakePayment(props);
  const keepEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter') e.stopPropagation();
  };
  if (props.dueMinor <= 0 && !held && !notice) return null;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Enter here presses its own buttons, not the desk's billing
    <div onKeyDown={keepEnter} data-testid="take-payment">
      {props.dueMinor > 0 && !held && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', my: 1 }}>
          <Typography sx={{ fontWeight: 600 }}>{translate('exhibition.money.take', { amount })}</Typography>
          {methods.map((m) => (
            <Button
              key={m}
              variant={m === 'cash' ? 'contained' : 'outlined'}
              data-testid={`take-payment-${m}`}
              onClick={() => hold({ method: m, msisdn: phone.trim() })}
            >
              {translate(`exhibition.money.${m}`)}
            </Button>
          ))}
          {methods.length > 1 && (
            <TextField
              size="small"
              label={translate('exhibition.money.phone')}
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'take-payment-phone', inputMode: 'tel' } }}
            />
          )}
        </Stack>
      )}
      {held && (
        <HeldNotice
          testId="payment-held"
          sx={{ my: 1 }}
          text={translate('exhibition.money.holding', {
            amount,
            method: translate(`exhibition.money.${held.method}`),
            seconds: UNDO_SECONDS,
          })}
          undo={translate('exhibition.money.undo')}
          onUndo={() => {
            undo();
            setNotice(translate('exhibition.money.undone'));
          }}
        />
      )}
      {notice && (
        <Typography role="status" data-testid="payment-notice" sx={{ my: 1 }}>
          {notice}
        </Typography>
      )}
    </div>
  );
}

/** The ways this server takes money, and the held payment with what became of it once sent. */
function useTakePayment(props: TakePaymentProps) {
  const translate = useTranslate();
  const locale = useLocale();
  const [methods, setMethods] = useState<Method[]>(['cash']);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    api<{ methods: Method[] }>('/api/exhibition/payment-methods')
      .then((r) => setMethods(r.methods))
      .catch(() => setMethods(['cash']));
  }, []);
  const amount = formatMoney(props.dueMinor, props.currency, locale);
  const { held, hold, undo } = useHeld<Taking>(async (taking, key) => {
    try {
      const result = await api<TabPaymentJson>(`/api/exhibition/customers/${props.customerId}/payments`, {
        method: 'POST',
        body: {
          method: taking.method,
          ...(taking.method === 'cash' ? {} : { msisdn: taking.msisdn }),
          ...(props.billIds ? { billIds: props.billIds } : {}),
        },
        headers: { 'Idempotency-Key': key },
      });
      setNotice(
        taking.method === 'cash'
          ? translate('exhibition.money.taken', { amount })
          : translate('exhibition.money.asked', { amount, phone: taking.msisdn }),
      );
      props.onTaken?.(result);
    } catch (err) {
      setNotice(err instanceof Error ? err.message : String(err));
    }
  });
  return { methods, amount, notice, setNotice, held, hold, undo };
}
