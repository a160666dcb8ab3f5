import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { api, useSession } from '../../../../web/console/src/extensions/index.ts';
import type { GridJson as Grid, RaffleJson as Raffle } from '../browser.ts';

const COLOURS: Record<string, string> = { a: '#c8e6c9', h: '#ffe082', s: '#ef9a9a' };
const KEYS: Record<string, string> = { a: 'available', h: 'held', s: 'sold' };

/**
 * An order taken by phone: the buyer's WhatsApp number and name, then hold the number (the buyer
 * pays later) or sell it now (cash in hand: held and confirmed at once).
 */
function TakeOrder({
  raffleId,
  number,
  onClose,
}: {
  raffleId: string;
  number: number | null;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const [waId, setWaId] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const key = useRef(crypto.randomUUID());
  const valid = /^\+?\d{5,20}$/.test(waId.replace(/[\s-]/g, ''));
  const take = async (sell: boolean) => {
    if (number === null) return;
    setBusy(true);
    try {
      const order = await api<{ id: string }>(`/api/raffle/raffles/${raffleId}/reservations`, {
        method: 'POST',
        body: { waId: waId.replace(/[\s+-]/g, ''), name: name.trim() || undefined, numbers: [number] },
        headers: { 'idempotency-key': key.current },
      });
      if (sell) await api(`/api/raffle/orders/${order.id}/confirm`, { method: 'POST' });
      notify(translate(sell ? 'raffle.grid.sold_done' : 'raffle.grid.held_done', { number }), {
        type: 'success',
      });
      key.current = crypto.randomUUID();
      setWaId('');
      setName('');
      onClose();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      await client.invalidateQueries({ queryKey: ['raffle', 'grid', raffleId] });
    }
  };
  return (
    <Dialog open={number !== null} onClose={onClose} maxWidth="xs" fullWidth>
      <DialogTitle>{translate('raffle.grid.take_order', { number: number ?? '' })}</DialogTitle>
      <DialogContent>
        <TextField
          name="waId"
          label={translate('raffle.grid.buyer_phone')}
          helperText={translate('raffle.grid.buyer_phone_hint')}
          autoFocus
          required
          fullWidth
          margin="dense"
          inputMode="tel"
          value={waId}
          onChange={(e) => setWaId(e.target.value)}
        />
        <TextField
          name="name"
          label={translate('raffle.grid.buyer_name')}
          fullWidth
          margin="dense"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button disabled={busy || !valid} onClick={() => take(false)} data-testid="grid-hold">
          {translate('raffle.grid.hold')}
        </Button>
        <Button
          variant="contained"
          disabled={busy || !valid}
          onClick={() => take(true)}
          data-testid="grid-sell"
        >
          {translate('raffle.grid.sell')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Every ticket of a raffle as a cell coloured by status; a free one can be held or sold for a caller. */
export default function RaffleGridPage() {
  const translate = useTranslate();
  const session = useSession();
  const raffles = useQuery({
    queryKey: ['raffle', 'raffles'],
    queryFn: () => api<Raffle[]>('/api/raffle/raffles'),
  });
  const [picked, setPicked] = useState<string>('');
  const [taking, setTaking] = useState<number | null>(null);
  const list = raffles.data ?? [];
  const raffleId = picked || list.find((r) => r.status === 'selling')?.id || list[0]?.id || '';
  const raffle = list.find((r) => r.id === raffleId);
  const grid = useQuery({
    queryKey: ['raffle', 'grid', raffleId],
    queryFn: () => api<Grid>(`/api/raffle/raffles/${raffleId}/tickets/grid`),
    enabled: Boolean(raffleId),
    refetchInterval: 5_000,
  });
  const cells = grid.data ? [...grid.data.statuses] : [];
  const canTake = raffle?.status === 'selling' && !!session?.permissions.includes('raffle.order.reserve');
  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('raffle.menu.grid')} />
      <Stack direction="row" spacing={2} sx={{ mb: 2, flexWrap: 'wrap', rowGap: 1, alignItems: 'center' }}>
        <TextField
          select
          size="small"
          label={translate('raffle.grid.pick')}
          value={raffleId}
          onChange={(e) => setPicked(e.target.value)}
          sx={{ minWidth: 240 }}
        >
          {list.map((r) => (
            <MenuItem key={r.id} value={r.id}>
              {r.title}
            </MenuItem>
          ))}
        </TextField>
        {Object.entries(KEYS).map(([k, name]) => (
          <Chip
            key={k}
            sx={{ background: COLOURS[k], color: '#1b1b1b' }}
            label={`${translate(`raffle.grid.${name}`)}: ${cells.filter((c) => c === k).length}`}
          />
        ))}
      </Stack>
      {canTake && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('raffle.grid.tap_hint')}
        </Typography>
      )}
      <Box
        sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(48px, 1fr))', gap: 0.5 }}
        data-testid="ticket-grid"
      >
        {cells.map((c, i) => {
          const n = (grid.data?.minNumber ?? 0) + i;
          const free = c === 'a' && canTake;
          return (
            <Box
              key={n}
              component={free ? 'button' : 'div'}
              type={free ? 'button' : undefined}
              data-number={n}
              data-status={KEYS[c]}
              title={`${n}: ${translate(`raffle.grid.${KEYS[c]}`)}`}
              onClick={free ? () => setTaking(n) : undefined}
              sx={{
                background: COLOURS[c],
                color: '#1b1b1b',
                textAlign: 'center',
                fontSize: 13,
                py: 0.75,
                border: 0,
                borderRadius: 0.5,
                font: 'inherit',
                cursor: free ? 'pointer' : 'default',
                '&:hover': free ? { outline: 2, outlineColor: 'primary.main' } : undefined,
              }}
            >
              {n}
            </Box>
          );
        })}
      </Box>
      {raffleId && <TakeOrder raffleId={raffleId} number={taking} onClose={() => setTaking(null)} />}
    </Box>
  );
}
