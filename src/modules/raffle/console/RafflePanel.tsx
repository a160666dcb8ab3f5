import CampaignIcon from '@mui/icons-material/Campaign';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Typography,
  useTheme,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  api,
  RecordPanelCard,
  StatValue,
  useFormat,
  useSession,
} from '../../../../web/console/src/extensions/index.ts';
import type { RaffleSalesJson as Sales } from '../browser.ts';

/** Asks for a message and sends it to every buyer with a paid ticket (through the templates). */
function MessageBuyers({ raffleId }: { raffleId: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  // One key per message being written: a double click or a retry sends it once.
  const key = useRef(crypto.randomUUID());
  const send = async () => {
    setBusy(true);
    try {
      const res = await api<{ buyers: number }>(`/api/raffle/raffles/${raffleId}/announcements`, {
        method: 'POST',
        body: { message },
        headers: { 'idempotency-key': key.current },
      });
      notify(translate('raffle.panel.message_sent', { smart_count: res.buyers }), { type: 'success' });
      setOpen(false);
      setMessage('');
      key.current = crypto.randomUUID();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button startIcon={<CampaignIcon />} onClick={() => setOpen(true)} data-testid="raffle-message-buyers">
        {translate('raffle.panel.message_buyers')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="sm" fullWidth>
        <DialogTitle>{translate('raffle.panel.message_buyers')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('raffle.panel.message_hint')}
          </Typography>
          <TextField
            name="message"
            label={translate('raffle.panel.message')}
            multiline
            minRows={3}
            fullWidth
            autoFocus
            slotProps={{ htmlInput: { maxLength: 700 } }}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" disabled={busy || !message.trim()} onClick={send}>
            {translate('raffle.panel.send')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/**
 * Below a raffle's details: its sales (tickets, buyers, money, a chart per day), the public
 * verification page, and a message to all buyers.
 */
export default function RafflePanel({ record }: { record: Record<string, unknown> }) {
  const translate = useTranslate();
  const format = useFormat();
  const theme = useTheme();
  const session = useSession();
  const id = String(record.id);
  const sales = useQuery({
    queryKey: ['raffle', 'sales', id],
    queryFn: () => api<Sales>(`/api/raffle/raffles/${id}/sales`),
  });
  const canMessage = !!session?.permissions.includes('raffle.raffle.manage');
  const data = sales.data;
  return (
    <RecordPanelCard
      testId="raffle-panel"
      title={translate('raffle.panel.sales')}
      action={
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
          <Button
            href={`/public/raffles/${id}/draw`}
            target="_blank"
            rel="noopener"
            startIcon={<OpenInNewIcon />}
            data-testid="raffle-verification-link"
          >
            {translate('raffle.panel.verification_page')}
          </Button>
          {canMessage && <MessageBuyers raffleId={id} />}
        </Stack>
      }
    >
      {data && (
        <>
          <Box
            sx={{
              display: 'grid',
              gap: 2,
              gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(5, 1fr)' },
              mb: 2,
            }}
          >
            <StatValue
              hint={translate('raffle.panel.money_in')}
              value={format.money(data.amountMinor, data.currency)}
              testId="raffle-money-in"
            />
            <StatValue hint={translate('raffle.panel.sold')} value={data.tickets.sold} testId="raffle-sold" />
            <StatValue hint={translate('raffle.panel.held')} value={data.tickets.held} />
            <StatValue hint={translate('raffle.panel.available')} value={data.tickets.available} />
            <StatValue hint={translate('raffle.panel.buyers')} value={data.buyers} />
          </Box>
          {data.days.length === 0 ? (
            <Typography color="text.secondary">{translate('raffle.panel.no_sales')}</Typography>
          ) : (
            <Box sx={{ height: 220 }} aria-label={translate('raffle.panel.chart')} role="img">
              <ResponsiveContainer>
                <BarChart data={data.days.map((d) => ({ ...d, label: format.date(d.day) }))}>
                  <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
                  <XAxis dataKey="label" tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
                  <YAxis allowDecimals={false} tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
                  <Tooltip
                    cursor={{ fill: theme.palette.action.hover }}
                    formatter={(value, name) =>
                      name === 'tickets' ? [value, translate('raffle.panel.sold')] : [value, String(name)]
                    }
                    contentStyle={{
                      background: theme.palette.background.paper,
                      borderColor: theme.palette.divider,
                    }}
                  />
                  <Bar dataKey="tickets" fill={theme.palette.primary.main} maxBarSize={56} />
                </BarChart>
              </ResponsiveContainer>
            </Box>
          )}
        </>
      )}
    </RecordPanelCard>
  );
}
