import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { api, useFormat, useLiveTopic } from '../../../../web/console/src/extensions/index.ts';

interface Registration {
  id: string;
  serial: string;
  model: string;
  firmware: string;
  registeredAt: string;
}
interface Location {
  id: string;
  name: string;
  merchant: string;
}
const PENDING = ['coffee', 'registrations', 'pending'];

/** A claim code for the next machine: issued here, shown once. */
function NewClaimCode() {
  const translate = useTranslate();
  const notify = useNotify();
  const f = useFormat();
  const [note, setNote] = useState('');
  const [issued, setIssued] = useState<{ claimCode: string; expiresAt: string } | undefined>();
  const issue = async () => {
    try {
      setIssued(await api('/api/coffee/claim-codes', { method: 'POST', body: note ? { note } : {} }));
      setNote('');
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="h6">{translate('coffee.registrations.new_code')}</Typography>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 1 }}>
          <TextField
            size="small"
            label={translate('coffee.registrations.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 200 } }}
          />
          <Button variant="contained" onClick={issue}>
            {translate('coffee.registrations.issue')}
          </Button>
        </Box>
        {issued && (
          <Alert severity="info" sx={{ mt: 2 }}>
            <Typography variant="h5" data-testid="claim-code" sx={{ fontFamily: 'monospace' }}>
              {issued.claimCode}
            </Typography>
            {translate('coffee.registrations.code_once')}{' '}
            {translate('coffee.registrations.valid_until', { time: f.dateTime(new Date(issued.expiresAt)) })}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}

/** One waiting machine: pick its location, accept or refuse it. */
function WaitingRow({
  r,
  locations,
  onDone,
}: {
  r: Registration;
  locations: Location[];
  onDone: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const f = useFormat();
  const [locationId, setLocationId] = useState('');
  const decide = async (action: 'accept' | 'reject') => {
    try {
      await api(`/api/coffee/registrations/${r.id}/${action}`, {
        method: 'POST',
        ...(action === 'accept' ? { body: { locationId } } : {}),
      });
      notify(translate(`coffee.registrations.${action === 'accept' ? 'accepted' : 'rejected'}`), {
        type: 'success',
      });
      onDone();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  };
  return (
    <TableRow data-serial={r.serial}>
      <TableCell>{r.serial}</TableCell>
      <TableCell>{r.model}</TableCell>
      <TableCell>{r.firmware}</TableCell>
      <TableCell>{f.dateTime(new Date(r.registeredAt))}</TableCell>
      <TableCell>
        <TextField
          select
          size="small"
          sx={{ minWidth: 220 }}
          label={translate('coffee.registrations.location')}
          value={locationId}
          onChange={(e) => setLocationId(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'registration-location' } }}
        >
          {locations.map((l) => (
            <MenuItem key={l.id} value={l.id}>
              {l.merchant} · {l.name}
            </MenuItem>
          ))}
        </TextField>
      </TableCell>
      <TableCell>
        <Button variant="contained" size="small" disabled={!locationId} onClick={() => decide('accept')}>
          {translate('coffee.registrations.accept')}
        </Button>{' '}
        <Button size="small" color="error" onClick={() => decide('reject')}>
          {translate('coffee.registrations.reject')}
        </Button>
      </TableCell>
    </TableRow>
  );
}

/** Machines that registered with a claim code and wait for staff; updated live as they call in. */
export default function RegistrationsPage() {
  const translate = useTranslate();
  const client = useQueryClient();
  const pending = useQuery({
    queryKey: PENDING,
    queryFn: () =>
      api<{ items: Registration[] }>('/api/coffee/console/registrations?status_in=pending&perPage=100'),
  });
  const locations = useQuery({
    queryKey: ['coffee', 'locations', 'all'],
    queryFn: () => api<{ items: Location[] }>('/api/coffee/console/locations?perPage=100'),
  });
  const refetch = () => void client.invalidateQueries({ queryKey: PENDING });
  useLiveTopic(['coffee.devices'], refetch, refetch);
  const rows = pending.data?.items ?? [];
  const heads = ['serial', 'model', 'firmware', 'registered_at', 'location'] as const;
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('coffee.registrations.title')} />
      <Typography variant="h5">{translate('coffee.registrations.title')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate('coffee.registrations.intro')}
      </Typography>
      <NewClaimCode />
      <Card>
        <CardContent>
          {rows.length === 0 ? (
            <Typography color="text.secondary">{translate('coffee.registrations.waiting_none')}</Typography>
          ) : (
            <Table size="small">
              <TableHead>
                <TableRow>
                  {heads.map((h) => (
                    <TableCell key={h}>{translate(`coffee.registrations.${h}`)}</TableCell>
                  ))}
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <WaitingRow key={r.id} r={r} locations={locations.data?.items ?? []} onDone={refetch} />
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
