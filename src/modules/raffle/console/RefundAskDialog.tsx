import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
} from '@mui/material';
import { useId, useState } from 'react';
import { useTranslate } from 'react-admin';

export type Tickets = 'release' | 'hold';
export interface RefundAsk {
  reason: string;
  tickets: Tickets;
}

/**
 * What a raffle refund asks before it is held for its undo: a reason the buyers read, and what becomes
 * of the numbers (back on sale, or held off sale). Opened afresh each time (`open` mounts it).
 */
export function RefundAskDialog(props: {
  title: string;
  text: string;
  reasonLabel: string;
  ticketsLabel: string;
  /** The choice offered first: a call-off holds numbers by default, an order's refund releases them. */
  tickets: Tickets;
  color: 'warning' | 'error';
  testId: string;
  onClose: () => void;
  onConfirm: (ask: RefundAsk) => void;
}) {
  const translate = useTranslate();
  const labelId = useId();
  const [reason, setReason] = useState('');
  const [tickets, setTickets] = useState<Tickets>(props.tickets);
  const choices: Tickets[] = props.tickets === 'hold' ? ['hold', 'release'] : ['release', 'hold'];
  return (
    <Dialog open onClose={props.onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <DialogContentText>{props.text}</DialogContentText>
          <TextField
            label={props.reasonLabel}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            autoFocus
            slotProps={{ htmlInput: { maxLength: 500, 'data-testid': `${props.testId}-reason` } }}
          />
          <FormControl>
            <FormLabel id={labelId}>{props.ticketsLabel}</FormLabel>
            <RadioGroup
              aria-labelledby={labelId}
              value={tickets}
              onChange={(e) => setTickets(e.target.value as Tickets)}
            >
              {choices.map((choice) => (
                <FormControlLabel
                  key={choice}
                  value={choice}
                  control={<Radio />}
                  label={translate(`raffle.refund.${choice}`)}
                  data-testid={`${props.testId}-${choice}`}
                />
              ))}
            </RadioGroup>
          </FormControl>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{translate('raffle.refund.go_back')}</Button>
        <Button
          variant="contained"
          color={props.color}
          disabled={!reason.trim()}
          onClick={() => props.onConfirm({ reason: reason.trim(), tickets })}
          data-testid={`${props.testId}-confirm`}
        >
          {props.title}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
