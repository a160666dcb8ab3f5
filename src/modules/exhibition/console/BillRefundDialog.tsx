import { FormControlLabel, Radio, RadioGroup, TextField } from '@mui/material';
import { useState } from 'react';
import { useLocale, useTranslate } from 'react-admin';
import {
  formatMoney,
  RefundDialog,
  RefundMethodField,
} from '../../../../web/console/src/extensions/index.ts';
import { amountToMinor, currencyDigits } from './desk-input.ts';
import type { Bill } from './desk-model.ts';

/** What the Refund of a bill asks (the body of `POST /api/exhibition/bills/{id}/refund`). */
export interface BillRefundAsk {
  bill?: 'void' | 'reduce';
  toMinor?: number;
  reason: string;
  method?: 'cash';
  /** What goes back, for the held line. */
  amountMinor: number;
}

/**
 * The Refund dialog of a bill: an active bill is voided (all its money back) or reduced to a new
 * amount (the difference back); a voided one gives back what is left. A reason is asked whenever the
 * bill changes; the money goes back the way it came unless staff say cash.
 */
export function BillRefundDialog(props: {
  bill: Bill;
  /** What was taken and is not asked back yet. */
  keptMinor: number;
  onClose(): void;
  onConfirm(ask: BillRefundAsk): void;
}) {
  const { bill, keptMinor } = props;
  const translate = useTranslate();
  const active = bill.status === 'active';
  const [change, setChange] = useState<'void' | 'reduce'>('void');
  const [toMinor, setToMinor] = useState<number>();
  const [reason, setReason] = useState('');
  const [method, setMethod] = useState<'asPaid' | 'cash'>('asPaid');
  const back = !active || change === 'void' ? keptMinor : keptMinor - (toMinor ?? keptMinor);
  const valid =
    back > 0 &&
    (!active || reason.trim() !== '') &&
    (!active || change === 'void' || (toMinor !== undefined && toMinor < bill.amountMinor));
  const confirm = () =>
    props.onConfirm({
      ...(active ? { bill: change, ...(change === 'reduce' ? { toMinor } : {}) } : {}),
      reason: reason.trim(),
      ...(method === 'cash' ? { method: 'cash' as const } : {}),
      amountMinor: back,
    });
  return (
    <RefundDialog
      title={translate('exhibition.money.refundTitle')}
      action={translate('exhibition.money.refund')}
      testId="bill-refund"
      reason={{
        label: translate('exhibition.money.reason'),
        value: reason,
        onChange: setReason,
        required: active,
      }}
      valid={valid}
      onClose={props.onClose}
      onConfirm={confirm}
      after={
        <RefundMethodField
          label={translate('exhibition.money.method')}
          value={method}
          onChange={setMethod}
          options={[
            { value: 'asPaid', label: translate('exhibition.money.methodAsPaid') },
            { value: 'cash', label: translate('exhibition.money.cash') },
          ]}
        />
      }
    >
      <RefundChange
        bill={bill}
        keptMinor={keptMinor}
        back={back}
        change={change}
        onChange={setChange}
        onToMinor={setToMinor}
      />
    </RefundDialog>
  );
}

/** What the refund does to the bill: void it or reduce it (an active bill); a voided one's money left. */
function RefundChange(props: {
  bill: Bill;
  keptMinor: number;
  back: number;
  change: 'void' | 'reduce';
  onChange(change: 'void' | 'reduce'): void;
  onToMinor(minor: number | undefined): void;
}) {
  const { bill, keptMinor, back } = props;
  const translate = useTranslate();
  const locale = useLocale();
  const [toAmount, setToAmount] = useState('');
  const money = (minor: number) => formatMoney(minor, bill.currency, locale);
  if (bill.status !== 'active')
    return <p>{translate('exhibition.money.refundAll', { amount: money(keptMinor) })}</p>;
  return (
    <>
      <RadioGroup value={props.change} onChange={(e) => props.onChange(e.target.value as 'void' | 'reduce')}>
        <FormControlLabel
          value="void"
          control={<Radio />}
          label={translate('exhibition.money.refundVoid', { amount: money(keptMinor) })}
        />
        <FormControlLabel
          value="reduce"
          control={<Radio />}
          label={translate('exhibition.money.refundReduce')}
        />
      </RadioGroup>
      {props.change === 'reduce' && (
        <TextField
          label={translate('exhibition.money.reduceTo', { currency: bill.currency })}
          value={toAmount}
          onChange={(e) => {
            setToAmount(e.target.value);
            props.onToMinor(amountToMinor(e.target.value, currencyDigits(bill.currency)));
          }}
          helperText={
            back > 0 && back < keptMinor
              ? translate('exhibition.money.refundAll', { amount: money(back) })
              : ' '
          }
          slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'bill-refund-to' } }}
        />
      )}
    </>
  );
}
