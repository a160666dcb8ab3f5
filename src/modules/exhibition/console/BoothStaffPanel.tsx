import PersonRemoveIcon from '@mui/icons-material/PersonRemove';
import {
  Button,
  IconButton,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useRefresh, useTranslate } from 'react-admin';
import { api, RecordPanelCard, type RecordPanelProps } from '../../../../web/console/src/extensions/index.ts';
import type { BoothStaffJson as Staff } from '../browser.ts';

/**
 * On a booth's page: the staff who bill there on the booth page (scanner/booth.html), assigned from
 * the organization's active members and taken off again. Desk staff bill at every booth anyway.
 */
export default function BoothStaffPanel({ id }: RecordPanelProps) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [picked, setPicked] = useState('');
  const [error, setError] = useState('');
  const staffUrl = `/api/exhibition/booths/${encodeURIComponent(id)}/staff`;
  const staff = useQuery({
    queryKey: ['exhibition', 'booth-staff', id],
    queryFn: () => api<Staff[]>(staffUrl),
  });
  const members = useQuery({
    queryKey: ['exhibition', 'booth-staff-candidates'],
    queryFn: () => api<Staff[]>('/api/exhibition/booth-staff-candidates'),
  });
  const assigned = new Set((staff.data ?? []).map((s) => s.userId));
  const candidates = (members.data ?? []).filter((m) => !assigned.has(m.userId));
  const change = async (work: () => Promise<unknown>) => {
    setError('');
    try {
      await work();
      setPicked('');
      // Everything on screen reads again: this list, and the booth's staff count above it.
      refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const role = (r: string) => translate(`od.roles.${r}`, { _: r });
  return (
    <RecordPanelCard testId="booth-staff" title={translate('exhibition.boothStaff.title')}>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {translate('exhibition.boothStaff.help')}
      </Typography>
      {staff.data && staff.data.length === 0 && (
        <Typography>{translate('exhibition.boothStaff.none')}</Typography>
      )}
      <List dense disablePadding>
        {(staff.data ?? []).map((s) => (
          <ListItem
            key={s.userId}
            disableGutters
            data-testid="booth-staff-member"
            secondaryAction={
              <IconButton
                edge="end"
                aria-label={translate('exhibition.boothStaff.remove', { name: s.name })}
                onClick={() => void change(() => api(`${staffUrl}/${s.userId}`, { method: 'DELETE' }))}
              >
                <PersonRemoveIcon />
              </IconButton>
            }
          >
            <ListItemText primary={s.name} secondary={`${s.email} · ${role(s.role)}`} />
          </ListItem>
        ))}
      </List>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mt: 1 }}>
        <TextField
          select
          size="small"
          sx={{ minWidth: 280 }}
          label={translate('exhibition.boothStaff.pick')}
          value={picked}
          onChange={(e) => setPicked(e.target.value)}
        >
          {candidates.map((m) => (
            <MenuItem key={m.userId} value={m.userId}>
              {`${m.name} · ${role(m.role)}`}
            </MenuItem>
          ))}
        </TextField>
        <Button
          variant="contained"
          disabled={!picked}
          onClick={() => void change(() => api(staffUrl, { method: 'POST', body: { userId: picked } }))}
        >
          {translate('exhibition.boothStaff.assign')}
        </Button>
      </Stack>
      {error && (
        <Typography role="alert" color="error" sx={{ mt: 1 }}>
          {error}
        </Typography>
      )}
    </RecordPanelCard>
  );
}
