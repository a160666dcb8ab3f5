import { List, ListItemButton, ListItemText, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { api } from '../../../../web/console/src/extensions/index.ts';
import type { MeterRow } from './counter.types.ts';

/** Finds a meter by its number, its account's name or phone, or its place, as the clerk types. */
export function MeterFinder({ onPick }: { onPick: (meter: MeterRow) => void }) {
  const translate = useTranslate();
  const [q, setQ] = useState('');
  const term = q.trim();
  const found = useQuery({
    queryKey: ['prepaid.counter.find', term],
    enabled: term.length >= 2,
    queryFn: () =>
      api<{ items: MeterRow[] }>(`/api/prepaid/console/meters?q=${encodeURIComponent(term)}&perPage=8`),
  });
  const items = found.data?.items ?? [];
  return (
    <>
      <TextField
        autoFocus
        fullWidth
        label={translate('prepaid.counter.find')}
        helperText={term.length < 2 ? translate('prepaid.counter.findHint') : ' '}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'counter-find' } }}
      />
      {term.length >= 2 && found.isSuccess && items.length === 0 && (
        <Typography color="text.secondary">{translate('prepaid.counter.noMatch', { q: term })}</Typography>
      )}
      <List dense data-testid="counter-matches">
        {items.map((m) => (
          <ListItemButton key={m.id} onClick={() => onPick(m)}>
            <ListItemText
              primary={`${m.number} · ${m.account}`}
              secondary={[m.phone, m.location, translate(`prepaid.options.${m.status}`, { _: m.status })]
                .filter(Boolean)
                .join(' · ')}
            />
          </ListItemButton>
        ))}
      </List>
    </>
  );
}
