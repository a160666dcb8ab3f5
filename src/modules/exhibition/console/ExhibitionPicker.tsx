import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { api } from '../../../../web/console/src/extensions/index.ts';
import type { ExhibitionJson as Exhibition } from '../browser.ts';

/** The exhibition a page shows: the one picked, else the first the server lists. */
export function useExhibitionChoice() {
  const exhibitions = useQuery({
    queryKey: ['exhibition', 'exhibitions'],
    queryFn: () => api<Exhibition[]>('/api/exhibition/exhibitions'),
  });
  const [picked, setPicked] = useState('');
  return {
    exhibitions: exhibitions.data ?? [],
    exhibitionId: picked || exhibitions.data?.[0]?.id || '',
    pick: setPicked,
  };
}

/** The labelled select that picks the exhibition a page shows (see `useExhibitionChoice`). */
export function ExhibitionPicker({ choice }: { choice: ReturnType<typeof useExhibitionChoice> }) {
  const translate = useTranslate();
  return (
    <label>
      {translate('exhibition.fields.exhibition')}{' '}
      <select value={choice.exhibitionId} onChange={(e) => choice.pick(e.target.value)}>
        {choice.exhibitions.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
    </label>
  );
}
