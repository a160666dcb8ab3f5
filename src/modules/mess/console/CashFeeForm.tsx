import { Box, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { type FormEvent, useRef, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { ApiError, api, fieldHelp } from '../../../../web/console/src/extensions/index.ts';
import { localMoment } from '../../../core/time/index.ts';
import { cashPrefill } from './cash-prefill.rules.ts';
import { digitsOf } from './pay-back.rules.ts';
import { useLocalWords } from './use-local-words.ts';

interface Cycle {
  cycleId: string;
  name: string;
  balanceMinor: number;
}

/**
 * Cash a student handed over at the office: which cycle it pays, how much, the day (the mess's
 * today unless changed, in its time zone) and a note. Settled at once; one key per entry, so a
 * double click records it once, and the amount empties after it, so a second click asks for one.
 */
export function CashFeeForm({
  studentId,
  cycles,
  currency,
  timeZone,
  onRecorded,
}: {
  studentId: string;
  cycles: Cycle[];
  currency: string;
  timeZone: string;
  onRecorded: () => Promise<unknown>;
}) {
  const [translate, words] = [useTranslate(), useLocalWords()];
  const notify = useNotify();
  const digits = digitsOf(currency);
  const today = localMoment(new Date(), timeZone).date;
  const start = cashPrefill(cycles, digits);
  const [cycleId, setCycleId] = useState(start.cycleId);
  const [amount, setAmount] = useState(start.amount);
  const [receivedOn, setReceivedOn] = useState(today);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const key = useRef(crypto.randomUUID());
  if (!cycles.length) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      await api(`/api/mess/students/${studentId}/cash-payments`, {
        method: 'POST',
        body: {
          cycleId,
          amountMinor: Math.round(Number(amount.replace(',', '.')) * 10 ** digits),
          receivedOn,
          ...(note.trim() ? { note: note.trim() } : {}),
        },
        headers: { 'idempotency-key': key.current },
      });
      key.current = crypto.randomUUID();
      // One submission is one record: the form empties, so a second click records nothing.
      setAmount('');
      setNote('');
      notify('mess.student.cash_recorded', { type: 'success' });
      await onRecorded();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem(err);
      notify(err.message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="form" onSubmit={submit} sx={{ mb: 2 }} data-testid="mess-cash-form">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('mess.student.cash_hint', { zone: words.zone(timeZone) })}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField
          select
          size="small"
          name="cycleId"
          label={translate('mess.fields.cycle')}
          value={cycleId}
          onChange={(e) => setCycleId(e.target.value)}
          sx={{ minWidth: 160 }}
        >
          {cycles.map((c) => (
            <MenuItem key={c.cycleId} value={c.cycleId}>
              {c.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          name="amount"
          label={translate('mess.student.cash_amount', { currency })}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          {...fieldHelp(problem, 'amountMinor')}
          required
          sx={{ width: 150 }}
        />
        <TextField
          size="small"
          type="date"
          name="receivedOn"
          label={translate('mess.student.cash_date')}
          value={receivedOn}
          onChange={(e) => setReceivedOn(e.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today } }}
          {...fieldHelp(problem, 'receivedOn')}
          required
        />
        <TextField
          size="small"
          name="note"
          label={translate('mess.student.cash_note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          slotProps={{ htmlInput: { maxLength: 500 } }}
          sx={{ flex: 1, minWidth: 160 }}
        />
        <Button type="submit" variant="contained" disabled={busy}>
          {translate('mess.student.cash_record')}
        </Button>
      </Stack>
    </Box>
  );
}
