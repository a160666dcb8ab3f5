import {
  Button,
  type ButtonProps,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useId, useState } from 'react';
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
  help,
  ...button
}: Omit<ButtonProps, 'onClick'> & {
  label: string;
  question: string;
  onConfirm: () => Promise<void> | void;
  /** Runs once the action is over, whether it was done or refused (the panel refetches). */
  onDone?: () => void;
  testId?: string;
  /** One line under the button saying what it does, where two buttons could be taken for each other. */
  help?: string;
}) {
  const translate = useTranslate();
  const helpId = useId();
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
  const opener = (
    <Button
      {...button}
      data-testid={testId}
      aria-describedby={help ? helpId : undefined}
      onClick={() => setOpen(true)}
    >
      {label}
    </Button>
  );
  return (
    <>
      {help ? (
        <Stack spacing={0.5} sx={{ maxWidth: 340 }}>
          {opener}
          <Typography
            id={helpId}
            variant="body2"
            color="text.secondary"
            data-testid={testId ? `${testId}-help` : undefined}
          >
            {help}
          </Typography>
        </Stack>
      ) : (
        opener
      )}
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
