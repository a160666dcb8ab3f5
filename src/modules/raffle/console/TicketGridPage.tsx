import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { api } from '../../../../web/console/src/extensions/index.ts';

type Raffle = { id: string; title: string };
type Grid = { minNumber: number; maxNumber: number; statuses: string };

const COLOURS: Record<string, string> = { a: '#c8e6c9', h: '#ffe082', s: '#ef9a9a' };
const KEYS: Record<string, string> = { a: 'available', h: 'held', s: 'sold' };

/** Every ticket of a raffle as a cell coloured by status; refreshes every few seconds. */
export default function RaffleGridPage() {
  const translate = useTranslate();
  const raffles = useQuery({
    queryKey: ['raffle', 'raffles'],
    queryFn: () => api<Raffle[]>('/api/raffle/raffles'),
  });
  const [picked, setPicked] = useState<string>('');
  const raffleId = picked || raffles.data?.[0]?.id || '';
  const grid = useQuery({
    queryKey: ['raffle', 'grid', raffleId],
    queryFn: () => api<Grid>(`/api/raffle/raffles/${raffleId}/tickets/grid`),
    enabled: Boolean(raffleId),
    refetchInterval: 5_000,
  });
  const cells = grid.data ? [...grid.data.statuses] : [];
  return (
    <div style={{ padding: 16 }}>
      <Title title={translate('raffle.menu.grid')} />
      <label>
        {translate('raffle.grid.pick')}{' '}
        <select value={raffleId} onChange={(e) => setPicked(e.target.value)}>
          {(raffles.data ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </select>
      </label>
      <p>
        {Object.entries(KEYS).map(([k, name]) => (
          <span key={k} style={{ background: COLOURS[k], padding: '2px 8px', marginRight: 8 }}>
            {translate(`raffle.grid.${name}`)}: {cells.filter((c) => c === k).length}
          </span>
        ))}
      </p>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(44px, 1fr))', gap: 2 }}>
        {cells.map((c, i) => {
          const n = (grid.data?.minNumber ?? 0) + i;
          return (
            <div
              key={n}
              title={`${n}: ${translate(`raffle.grid.${KEYS[c]}`)}`}
              style={{ background: COLOURS[c], textAlign: 'center', fontSize: 12, padding: '4px 0' }}
            >
              {n}
            </div>
          );
        })}
      </div>
    </div>
  );
}
