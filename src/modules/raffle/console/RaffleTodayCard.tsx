import { Box, Link, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api, StatNumber, useFormat } from '../../../../web/console/src/extensions/index.ts';
import type { RaffleTodayJson as Today } from '../browser.ts';

/** The raffle seller's to-do on the dashboard: proofs to review, holds running out, money in today. */
export default function RaffleTodayCard() {
  const translate = useTranslate();
  const format = useFormat();
  const { data } = useQuery({
    queryKey: ['raffle', 'today'],
    queryFn: () => api<Today>('/api/raffle/today'),
    refetchInterval: 30_000,
  });
  return (
    <Box data-testid="raffle-today">
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: '1fr 1fr', mb: 1 }}>
        <StatNumber
          value={data?.proofsWaiting}
          hint={translate('raffle.today.proofs_waiting')}
          to="/payments/review"
        />
        <Box>
          <Typography variant="h4" component="p" data-testid="raffle-money-today">
            {data
              ? data.moneyToday.length
                ? data.moneyToday.map((m) => format.money(m.amountMinor, m.currency)).join(' · ')
                : format.money(0, undefined)
              : '…'}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {translate('raffle.today.money_today')}
          </Typography>
        </Box>
      </Box>
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        {translate('raffle.today.holds_expiring')}
      </Typography>
      {data && data.holdsExpiring.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('raffle.today.no_holds_expiring')}
        </Typography>
      ) : (
        <List dense disablePadding>
          {(data?.holdsExpiring ?? []).slice(0, 5).map((h) => (
            <ListItem key={h.orderId} disableGutters>
              <ListItemText
                primary={
                  <Link component={RouterLink} to={`/raffle.orders/${h.orderId}/show`}>
                    {translate('raffle.today.hold_line', {
                      buyer: h.buyer ?? '—',
                      numbers: h.numbers.join(', '),
                      raffle: h.raffle,
                    })}
                  </Link>
                }
                secondary={translate('raffle.today.until', { time: format.dateTime(h.expiresAt) })}
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}
