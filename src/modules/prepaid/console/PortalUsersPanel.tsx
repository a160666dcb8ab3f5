import { Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { api, RecordPanelCard, type RecordPanelProps } from '../../../../web/console/src/extensions/index.ts';
import type { PortalUserJson as PortalUser } from '../browser.ts';

type Role = PortalUser['role'];

const ROLES: Role[] = ['owner', 'buyer', 'viewer'];

/**
 * The people who sign in to this account's portal, with their roles: staff add, change and remove
 * them (the server keeps one owner and says so, every change audited).
 */
export default function PortalUsersPanel({ id }: RecordPanelProps) {
  const translate = useTranslate();
  const client = useQueryClient();
  const base = `/api/prepaid/accounts/${encodeURIComponent(id)}/portal-users`;
  const key = ['prepaid.portal-users', id];
  const users = useQuery({ queryKey: key, queryFn: () => api<{ items: PortalUser[] }>(base) });
  const [error, setError] = useState('');
  const [draft, setDraft] = useState({ name: '', phone: '', email: '', role: 'buyer' as Role });
  async function run(work: () => Promise<unknown>) {
    setError('');
    try {
      await work();
      await client.invalidateQueries({ queryKey: key });
    } catch (err) {
      setError((err as Error).message);
    }
  }
  const roleLabel = (r: Role) => translate(`prepaid.portalUsers.roles.${r}`);
  return (
    <RecordPanelCard testId="prepaid-portal-users" title={translate('prepaid.portalUsers.title')}>
      <Stack spacing={1}>
        {(users.data?.items ?? []).map((u) => (
          <Stack key={u.id} direction="row" spacing={2} sx={{ alignItems: 'center' }} data-user={u.name}>
            <Typography sx={{ flex: 1 }}>
              {u.name}
              <Typography component="span" color="text.secondary" sx={{ ml: 1 }}>
                {[u.phone, u.email].filter(Boolean).join(' · ')}
              </Typography>
            </Typography>
            <TextField
              select
              size="small"
              label={translate('prepaid.portalUsers.role')}
              value={u.role}
              onChange={(e) =>
                run(() => api(`${base}/${u.id}`, { method: 'PATCH', body: { role: e.target.value } }))
              }
            >
              {ROLES.map((r) => (
                <MenuItem key={r} value={r}>
                  {roleLabel(r)}
                </MenuItem>
              ))}
            </TextField>
            <Button color="error" onClick={() => run(() => api(`${base}/${u.id}`, { method: 'DELETE' }))}>
              {translate('prepaid.portalUsers.remove')}
            </Button>
          </Stack>
        ))}
        {error && (
          <Typography color="error" role="alert">
            {error}
          </Typography>
        )}
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          <TextField
            size="small"
            label={translate('prepaid.portalUsers.name')}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
          <TextField
            size="small"
            label={translate('prepaid.fields.phone')}
            value={draft.phone}
            onChange={(e) => setDraft({ ...draft, phone: e.target.value })}
          />
          <TextField
            size="small"
            label={translate('prepaid.portalUsers.email')}
            value={draft.email}
            onChange={(e) => setDraft({ ...draft, email: e.target.value })}
          />
          <TextField
            select
            size="small"
            label={translate('prepaid.portalUsers.role')}
            value={draft.role}
            onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}
          >
            {ROLES.map((r) => (
              <MenuItem key={r} value={r}>
                {roleLabel(r)}
              </MenuItem>
            ))}
          </TextField>
          <Button
            variant="contained"
            disabled={!draft.name.trim() || (!draft.phone.trim() && !draft.email.trim())}
            onClick={() =>
              run(async () => {
                await api(base, {
                  method: 'POST',
                  headers: { 'idempotency-key': crypto.randomUUID() },
                  body: {
                    name: draft.name.trim(),
                    role: draft.role,
                    ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
                    ...(draft.email.trim() ? { email: draft.email.trim() } : {}),
                  },
                });
                setDraft({ name: '', phone: '', email: '', role: 'buyer' });
              })
            }
          >
            {translate('prepaid.portalUsers.add')}
          </Button>
        </Stack>
      </Stack>
    </RecordPanelCard>
  );
}
