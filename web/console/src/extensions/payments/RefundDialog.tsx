import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/**
 * The one Refund form of the console (a payment's, a purchase's, a bill's, a sale's, a pay-back): the
 * record's own fields (`children`, then the reason the person reads, then `after`), Cancel and the
 * action. `testId` names its parts: `<testId>-dialog`, `<testId>-reason`, `<testId>-confirm`.
 */
export function RefundDialog(props: {
  title: string;
  /** The action's words (Refund, Pay back). */
  action: string;
  testId: string;
  reason: { label: string; value: string; onChange(value: string): void; required?: boolean };
  /** The action is offered only when the form says enough. */
  valid: boolean;
  onClose(): void;
  onConfirm(): void;
  children?: ReactNode;
  after?: ReactNode;
}) {
  const translate = useTranslate();
  const { reason } = props;
  return (
    <Dialog open onClose={props.onClose} data-testid={`${props.testId}-dialog`}>
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1, minWidth: 320, maxWidth: 480 }}>
          {props.children}
          <TextField
            label={reason.label}
            value={reason.value}
            onChange={(e) => reason.onChange(e.target.value)}
            required={reason.required ?? true}
            slotProps={{ htmlInput: { maxLength: 500, 'data-testid': `${props.testId}-reason` } }}
          />
          {props.after}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          disabled={!props.valid}
          onClick={props.onConfirm}
          data-testid={`${props.testId}-confirm`}
        >
          {props.action}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** How much goes back, in major units (`testId` names the input). */
export function RefundAmountField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  helperText?: string;
  /** Marks the field when what is typed cannot go back. */
  error?: boolean;
  testId: string;
}) {
  return (
    <TextField
      label={props.label}
      error={props.error}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      helperText={props.helperText}
      slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': props.testId } }}
    />
  );
}

/** How the money goes back (cash, MoMo, as it was paid…), each way in the reader's words. */
export function RefundMethodField<M extends string>(props: {
  label: string;
  value: M;
  onChange(value: NoInfer<M>): void;
  options: ReadonlyArray<{ value: NoInfer<M>; label: string }>;
}) {
  return (
    <TextField
      select
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as M)}
    >
      {props.options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
