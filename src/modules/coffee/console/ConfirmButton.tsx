import {
  Button,
  type ButtonProps,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';

/**
 * A button that first says what will happen, in words about this record, and acts only on
 * "Confirm": restarting, retiring a machine, resuming or rolling back a rollout.
 */
export function ConfirmButton({
  label,
  question,
  onConfirm,
  onDone,
  testId,
  ...button
}: Omit<ButtonProps, 'onClick'> & {
  label: string;
  question: string;
  onConfirm: () => Promise<void> | void;
  /** Runs once the action is over, whether it was done or refused (the panel refetches). */
  onDone?: () => void;
  testId?: string;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } catch (err) {
      // A refusal is said in the server's words, already in the reader's language.
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      setOpen(false);
      onDone?.();
    }
  };
  return (
    <>
      <Button {...button} data-testid={testId} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="sm" fullWidth>
        <DialogTitle>{label}</DialogTitle>
        <DialogContent>
          <Typography data-testid={testId ? `${testId}-question` : undefined}>{question}</Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" color={button.color ?? 'primary'} disabled={busy} onClick={confirm}>
            {translate('ra.action.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
