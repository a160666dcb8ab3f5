import { Box, Button, Stack, TextField, Typography } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { ApiError, api, fieldHelp } from '../../../../web/console/src/extensions/index.ts';
import { Line } from './Line.tsx';
import { Section } from './Section.tsx';
import type { Overview } from './student-overview.ts';
import { useLocalWords } from './use-local-words.ts';

/**
 * A student's mess cuts: book one on the student's behalf (date pickers from the earliest day the
 * cut-off allows, in the mess's time zone) or cancel one not yet started.
 */
export function StudentCuts({
  id,
  data,
  refresh,
}: {
  id: string;
  data: Overview;
  refresh: () => Promise<unknown>;
}) {
  const [translate, words] = [useTranslate(), useLocalWords()];
  const notify = useNotify();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);
  const failed = (err: unknown) => {
    if (!(err instanceof ApiError)) throw err;
    setProblem(err);
    notify(err.message, { type: 'error' });
  };
  const bookCut = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      await api(`/api/mess/students/${id}/cuts`, {
        method: 'POST',
        body: { from: from || data.earliestCutStart, to: to || from || data.earliestCutStart },
      });
      notify('mess.student.cut_booked', { type: 'success' });
      setFrom('');
      setTo('');
      await refresh();
    } catch (err) {
      failed(err);
    }
  };
  const cancelCut = async (cutId: string) => {
    setProblem(null);
    try {
      await api(`/api/mess/students/${id}/cuts/${cutId}`, { method: 'DELETE' });
      notify('mess.student.cut_cancelled', { type: 'success' });
      await refresh();
    } catch (err) {
      failed(err);
    }
  };
  const approved = data.student.status === 'approved';
  return (
    <Section title={translate('mess.student.cuts')} testId="mess-cuts">
      {approved && (
        <Box component="form" onSubmit={bookCut} sx={{ mb: 2 }}>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('mess.student.cut_hint', {
              earliest: data.earliestCutStart,
              cutoff: words.time(data.cutoffTime),
              zone: words.zone(data.timeZone),
            })}
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
            <TextField
              size="small"
              type="date"
              name="from"
              label={translate('mess.fields.from')}
              value={from || data.earliestCutStart}
              onChange={(e) => setFrom(e.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: data.earliestCutStart } }}
              {...fieldHelp(problem, 'from')}
            />
            <TextField
              size="small"
              type="date"
              name="to"
              label={translate('mess.fields.to')}
              value={to || from || data.earliestCutStart}
              onChange={(e) => setTo(e.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: from || data.earliestCutStart } }}
              {...fieldHelp(problem, 'to')}
            />
            <Button type="submit" variant="contained">
              {translate('mess.student.book_cut')}
            </Button>
          </Stack>
        </Box>
      )}
      {data.cuts.length === 0 ? (
        <Typography color="text.secondary">{translate('mess.student.none')}</Typography>
      ) : (
        data.cuts.map((c) => (
          <Line key={c.id} data-cut={`${c.from}:${c.to}`}>
            <Typography>
              {c.from} → {c.to}
            </Typography>
            {c.cancellable && (
              <Button size="small" color="error" sx={{ ml: 'auto' }} onClick={() => void cancelCut(c.id)}>
                {translate('mess.student.cancel_cut')}
              </Button>
            )}
          </Line>
        ))
      )}
    </Section>
  );
}
