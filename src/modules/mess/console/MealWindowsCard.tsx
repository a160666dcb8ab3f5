import { Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { ApiError, api } from '../../../../web/console/src/extensions/index.ts';
import { useLocalWords } from './use-local-words.ts';

interface Meal {
  id: string;
  name: string;
  start: string;
  end: string;
}
interface Draft {
  name: string;
  start: string;
  end: string;
}

const blank: Draft = { name: '', start: '', end: '' };
/**
 * A time typed as the mess keeps it, on the 24-hour clock: the browser's time picker wrote it in the
 * browser's own language ("07:30 PM" in a Hindi console, issue 66 item 4), as the cut-off field never did.
 */
const CLOCK_FIELD = {
  inputLabel: { shrink: true },
  htmlInput: { inputMode: 'numeric', placeholder: 'HH:MM', maxLength: 5 },
} as const;

/** One meal window as a form row: its name and times, saved on their own. */
function MealRow({
  initial,
  testId,
  action,
  onSave,
  disabled,
}: {
  initial: Draft;
  testId: string;
  action: string;
  onSave: (d: Draft) => Promise<boolean>;
  disabled: boolean;
}) {
  const translate = useTranslate();
  const [draft, setDraft] = useState(initial);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await onSave(draft)) && initial === blank) setDraft(blank);
  };
  return (
    <Stack
      component="form"
      onSubmit={submit}
      direction={{ xs: 'column', sm: 'row' }}
      spacing={1}
      data-meal={testId}
    >
      <TextField
        size="small"
        name="name"
        label={translate('mess.fields.meal')}
        value={draft.name}
        onChange={set('name')}
        required
        disabled={disabled}
      />
      <TextField
        size="small"
        name="start"
        label={translate('mess.fields.start')}
        value={draft.start}
        onChange={set('start')}
        slotProps={CLOCK_FIELD}
        required
        disabled={disabled}
      />
      <TextField
        size="small"
        name="end"
        label={translate('mess.fields.end')}
        value={draft.end}
        onChange={set('end')}
        slotProps={CLOCK_FIELD}
        required
        disabled={disabled}
      />
      {!disabled && (
        <Button type="submit" variant="outlined">
          {action}
        </Button>
      )}
    </Stack>
  );
}

/**
 * The day's meal windows on the settings page, beside the cut-off and the time zone they are read
 * in: rename or move one, or add one (every day of the week), through the same use cases as the
 * meal list.
 */
export function MealWindowsCard({ timeZone, canEdit }: { timeZone: string; canEdit: boolean }) {
  const translate = useTranslate();
  const notify = useNotify();
  const words = useLocalWords();
  const client = useQueryClient();
  const key = ['mess', 'meals'];
  const meals = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: Meal[] }>('/api/mess/console/meals?perPage=50&sort=start&order=asc'),
  });
  const save = (meal: Meal | null) => async (d: Draft) => {
    try {
      await api(meal ? `/api/mess/console/meals/${meal.id}` : '/api/mess/console/meals', {
        method: meal ? 'PATCH' : 'POST',
        body: { name: d.name.trim(), start: d.start, end: d.end },
      });
      notify('od.common.saved', { type: 'success' });
      await client.invalidateQueries({ queryKey: key });
      return true;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      notify(err.message, { type: 'error' });
      return false;
    }
  };
  return (
    <Card data-testid="mess-meal-windows">
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate('mess.settings.meals_title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('mess.settings.meals_hint', { zone: words.zone(timeZone) })}
        </Typography>
        <Stack spacing={1.5}>
          {(meals.data?.items ?? []).map((m) => (
            <MealRow
              key={`${m.id}:${m.name}:${m.start}:${m.end}`}
              initial={{ name: m.name, start: m.start, end: m.end }}
              testId={m.name}
              action={translate('ra.action.save')}
              onSave={save(m)}
              disabled={!canEdit}
            />
          ))}
          {meals.data?.items.length === 0 && (
            <Typography color="text.secondary">{translate('mess.settings.meals_none')}</Typography>
          )}
          {canEdit && (
            <Box sx={{ pt: 1 }}>
              <Typography variant="subtitle2" sx={{ mb: 1 }}>
                {translate('mess.settings.meals_add')}
              </Typography>
              <MealRow
                initial={blank}
                testId="new"
                action={translate('ra.action.add')}
                onSave={save(null)}
                disabled={false}
              />
            </Box>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
