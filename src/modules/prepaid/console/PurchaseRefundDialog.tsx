import { Alert, Checkbox, FormControlLabel } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import {
  RefundAmountField,
  RefundDialog,
  RefundMethodField,
  typedMajor,
  typedMinor,
  useFormat,
} from '../../../../web/console/src/extensions/index.ts';
import type { PurchaseRefundFactsJson as Facts, PurchaseRefundBody } from '../browser.ts';

/** What the Refund of a purchase sends (the module's route's body, with the amount for the held line). */
export type PurchaseRefund = PurchaseRefundBody & { amount: { amountMinor: number; currency: string } };

/**
 * The Refund form of a purchase: the amount left pre-filled, how it goes back, a reason and, when a
 * token was issued, the warning that it keeps working and the box staff tick to say they read it
 * (the server refuses without it: `prepaid.token_keeps_working`).
 */
export function PurchaseRefundDialog(props: {
  facts: Facts;
  onClose(): void;
  onConfirm(body: PurchaseRefund): void;
}) {
  const { facts } = props;
  const translate = useTranslate();
  const format = useFormat();
  const left = facts.left ?? { amountMinor: 0, currency: facts.refunded.currency };
  const { currency } = left;
  const [amount, setAmount] = useState(typedMajor(left.amountMinor, currency));
  const [method, setMethod] = useState(facts.methods[facts.methods.length - 1] ?? 'cash');
  const [reason, setReason] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const minor = typedMinor(amount, currency);
  const valid =
    minor > 0 && minor <= left.amountMinor && (!facts.tokenIssued || (reason.trim() !== '' && acknowledged));
  const confirm = () =>
    props.onConfirm({
      amount: { amountMinor: minor, currency },
      method,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(facts.tokenIssued ? { tokenKeepsWorking: acknowledged } : {}),
    });
  return (
    <RefundDialog
      title={translate('prepaid.refund.dialog')}
      action={translate('prepaid.refund.action')}
      testId="prepaid-refund"
      reason={{
        label: translate('prepaid.refund.reason'),
        value: reason,
        onChange: setReason,
        required: facts.tokenIssued,
      }}
      valid={valid}
      onClose={props.onClose}
      onConfirm={confirm}
      after={facts.tokenIssued && <TokenAcknowledgement checked={acknowledged} onChange={setAcknowledged} />}
    >
      <Alert severity={facts.tokenIssued ? 'warning' : 'info'} data-testid="prepaid-refund-token">
        {translate(facts.tokenIssued ? 'prepaid.refund.tokenWarning' : 'prepaid.refund.noToken')}
      </Alert>
      {facts.original && <Alert severity="info">{translate('prepaid.refund.original')}</Alert>}
      <RefundAmountField
        label={translate('prepaid.refund.amount', { currency })}
        value={amount}
        onChange={setAmount}
        helperText={translate('prepaid.refund.left', { amount: format.money(left.amountMinor, currency) })}
        testId="prepaid-refund-amount"
      />
      <RefundMethodField
        label={translate('prepaid.refund.method')}
        value={method}
        onChange={setMethod}
        options={facts.methods.map((m) => ({ value: m, label: translate(`prepaid.options.${m}`) }))}
      />
    </RefundDialog>
  );
}

/** The box staff tick to say they read that the issued token keeps working on the meter. */
function TokenAcknowledgement(props: { checked: boolean; onChange(checked: boolean): void }) {
  const translate = useTranslate();
  return (
    <FormControlLabel
      control={
        <Checkbox
          checked={props.checked}
          onChange={(e) => props.onChange(e.target.checked)}
          slotProps={{ input: { 'data-testid': 'prepaid-refund-ack' } as object }}
        />
      }
      label={translate('prepaid.refund.tokenAck')}
    />
  );
}
