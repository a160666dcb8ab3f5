import { Link } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api } from '../../../../web/console/src/extensions/index.ts';
import type { Booth, Exhibition } from './desk-model.ts';

const PLACE = 'exhibition.desk.place';

type PlaceChoice = { exhibitionId?: string; boothId?: string };

export interface DeskPlace {
  /** The open exhibitions only: a closed one takes no bills or registrations. */
  exhibitions: Exhibition[];
  loaded: boolean;
  booths: Booth[];
  exhibition?: Exhibition;
  booth?: Booth;
  choose(next: PlaceChoice): void;
}

/** The open exhibition and booth this desk bills for: the last chosen on this computer, else the first. */
export function useDeskPlace(): DeskPlace {
  const exhibitions = useQuery({
    queryKey: ['exhibition', 'exhibitions'],
    queryFn: () => api<Exhibition[]>('/api/exhibition/exhibitions'),
  });
  const [place, setPlace] = useState<PlaceChoice>(() => {
    try {
      return JSON.parse(localStorage.getItem(PLACE) ?? '{}');
    } catch {
      return {};
    }
  });
  const open = (exhibitions.data ?? []).filter((e) => !e.closedAt);
  const exhibition = open.find((e) => e.id === place.exhibitionId) ?? open[0];
  const booths = useQuery({
    queryKey: ['exhibition', 'booths', exhibition?.id],
    queryFn: () => api<Booth[]>(`/api/exhibition/exhibitions/${exhibition?.id}/booths`),
    enabled: Boolean(exhibition),
  });
  const booth = booths.data?.find((b) => b.id === place.boothId) ?? booths.data?.[0];
  return {
    exhibitions: open,
    loaded: exhibitions.isSuccess,
    booths: booths.data ?? [],
    exhibition,
    booth,
    choose: (next) => {
      setPlace(next);
      localStorage.setItem(PLACE, JSON.stringify(next));
    },
  };
}

/** The two pickers above the desk; out of the keyboard's way (the scan input keeps the focus). */
export function DeskPlacePicker({ place }: { place: DeskPlace }) {
  const translate = useTranslate();
  const { exhibition, booth, choose } = place;
  if (place.loaded && !exhibition) {
    // The sentence's "Exhibitions" is a link to their list, where the clerk can create one.
    const [before, after] = translate('exhibition.desk.noneOpen', { exhibitions: '\u0000' }).split('\u0000');
    return (
      <p role="status" data-testid="desk-none-open" style={{ fontSize: 18, marginTop: 0 }}>
        {before}
        <Link component={RouterLink} to="/exhibition.exhibitions">
          {translate('exhibition.menu.exhibitions')}
        </Link>
        {after}
      </p>
    );
  }
  return (
    <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
      <label>
        {translate('exhibition.fields.exhibition')}{' '}
        <select
          value={exhibition?.id ?? ''}
          onChange={(e) => choose({ exhibitionId: e.target.value })}
          tabIndex={-1}
        >
          {place.exhibitions.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {translate('exhibition.fields.booth')}{' '}
        <select
          value={booth?.id ?? ''}
          onChange={(e) => choose({ exhibitionId: exhibition?.id, boothId: e.target.value })}
          tabIndex={-1}
          data-testid="desk-booth"
        >
          {place.booths.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
