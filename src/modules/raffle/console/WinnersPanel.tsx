import EmojiEventsIcon from '@mui/icons-material/EmojiEvents';
import { Box, Link, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { api, RecordPanelCard, TableHeadings } from '../../../../web/console/src/extensions/index.ts';
import type { RaffleWinnersJson } from '../browser.ts';

type Winner = RaffleWinnersJson[number];

/**
 * On a drawn raffle's page, above its sales: who won which prize with which ticket (each linked to
 * its order), and the public page where anyone can re-run the draw, to share with the buyers.
 */
export default function WinnersPanel({ record }: { record: Record<string, unknown> }) {
  const translate = useTranslate();
  const id = String(record.id);
  const drawn = record.status === 'drawn';
  const { data } = useQuery({
    queryKey: ['raffle', 'winners', id],
    queryFn: () => api<Winner[]>(`/api/raffle/raffles/${id}/winners`),
    enabled: drawn,
  });
  if (!drawn || !data) return null;
  const publicUrl = `${window.location.origin}/public/raffles/${id}/draw`;
  return (
    <RecordPanelCard
      testId="raffle-winners"
      avatar={<EmojiEventsIcon color="warning" />}
      title={translate('raffle.winners.title')}
    >
      <Table size="small">
        <TableHeadings
          headings={[
            'raffle.winners.prize',
            { label: 'raffle.winners.ticket', align: 'right' },
            'raffle.winners.buyer',
          ]}
        />
        <TableBody>
          {data.map((w) => (
            <TableRow key={w.position} data-winner={w.number}>
              <TableCell>{w.prize}</TableCell>
              <TableCell align="right">
                <Link component={RouterLink} to={`/raffle.orders/${w.orderId}/show`}>
                  <strong>{w.number}</strong>
                </Link>
              </TableCell>
              <TableCell>
                {w.buyer}
                {w.phone && `+${w.phone}` !== w.buyer && (
                  <Typography component="span" variant="body2" color="text.secondary">
                    {` · +${w.phone}`}
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box sx={{ mt: 2 }}>
        <Typography variant="body2" color="text.secondary">
          {translate('raffle.winners.public_hint')}
        </Typography>
        <Link
          href={publicUrl}
          target="_blank"
          rel="noopener"
          data-testid="raffle-public-link"
          sx={{ wordBreak: 'break-all' }}
        >
          {publicUrl}
        </Link>
      </Box>
    </RecordPanelCard>
  );
}
