import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useFormat } from '../../../../web/console/src/extensions/index.ts';
import { currencyDigits, type PurchaseRefundFactsJson as Facts } from '../browser.ts';
import type { HeldRefund } from './held-refund.ts';

const toMinor = (text: string, currency: string) =>
  Math.round(Number(text.replace(',', '.')) * 10 ** currencyDigits(currency));
const toMajor = (minor: number, currency: string) =>
  (minor / 10 ** currencyDigits(currency)).toFixed(currencyDigits(currency));

/**
 * The Refund form of a purchase: the amount left pre-filled, how it goes back, a reason and, when a
 * token was issued, the warning that it keeps working and the box staff tick to say they read it
 * (the server refuses without it: `prepaid.token_keeps_working`).
 */
export function PurchaseRefundDialog(props: {
  facts: Facts;
  onClose(): void;
  onConfirm(body: HeldRefund['body']): void;
}) {
  const { facts } = props;
  const translate = useTranslate();
  const format = useFormat();
  const left = facts.left ?? { amountMinor: 0, currency: facts.refunded.currency };
  const { currency } = left;
  const [amount, setAmount] = useState(toMajor(left.amountMinor, currency));
  const [method, setMethod] = useState(facts.methods[facts.methods.length - 1] ?? 'cash');
  const [reason, setReason] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const minor = toMinor(amount, currency);
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
    <Dialog open onClose={props.onClose} data-testid="prepaid-refund-dialog">
      <DialogTitle>{translate('prepaid.refund.dialog')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1, minWidth: 320, maxWidth: 480 }}>
          <Alert severity={facts.tokenIssued ? 'warning' : 'info'} data-testid="prepaid-refund-token">
            {translate(facts.tokenIssued ? 'prepaid.refund.tokenWarning' : 'prepaid.refund.noToken')}
          </Alert>
          {facts.original && <Alert severity="info">{translate('prepaid.refund.original')}</Alert>}
          <TextField
            label={translate('prepaid.refund.amount', { currency })}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            helperText={translate('prepaid.refund.left', {
              amount: format.money(left.amountMinor, currency),
            })}
            slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'prepaid-refund-amount' } }}
          />
          <TextField
            select
            label={translate('prepaid.refund.method')}
            value={method}
            onChange={(e) => setMethod(e.target.value as typeof method)}
          >
            {facts.methods.map((m) => (
              <MenuItem key={m} value={m}>
                {translate(`prepaid.options.${m}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={translate('prepaid.refund.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required={facts.tokenIssued}
            slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'prepaid-refund-reason' } }}
          />
          {facts.tokenIssued && <TokenAcknowledgement checked={acknowledged} onChange={setAcknowledged} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={!valid} onClick={confirm} data-testid="prepaid-refund-confirm">
          {translate('prepaid.refund.action')}
        </Button>
      </DialogActions>
    </Dialog>
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
