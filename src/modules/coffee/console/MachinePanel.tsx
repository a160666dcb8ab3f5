import { Alert, Stack, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import {
  api,
  RecordPanelCard,
  type RecordPanelProps,
  RowsSection,
  useFormat,
  useLiveRefetch,
  useSession,
} from '../../../../web/console/src/extensions/index.ts';
import type { MachineCommandsJson } from '../browser.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { commandDetail } from './command-detail.ts';
import { MachineOverview, type Overview } from './MachineOverview.tsx';
import { SendCommand } from './SendCommand.tsx';

const UNFINISHED = new Set(['queued', 'sent']);

/**
 * A machine's page: its bins, alarms and latest sales (`MachineOverview`); send it a command with
 * its parameters, restart it, give it a new token (shown once) or retire it, each with a question
 * that says what happens; its latest commands follow live as the machine answers.
 */
export default function MachinePanel({ id, record }: RecordPanelProps) {
  const translate = useTranslate();
  const notify = useNotify();
  const format = useFormat();
  const key = ['coffee', 'machine', id];
  const commands = useQuery({
    queryKey: key,
    queryFn: () => api<MachineCommandsJson>(`/api/coffee/devices/${id}/commands`),
  });
  const overview = useQuery({
    queryKey: [...key, 'overview'],
    queryFn: () => api<Overview>(`/api/coffee/devices/${id}/overview`),
  });
  const refetch = useLiveRefetch(['coffee.devices', 'coffee.alarms'], key);
  const [token, setToken] = useState('');
  const session = useSession();
  const can = (permission: string) => Boolean(session?.permissions.includes(permission));
  const serial = String(record.serial ?? '');
  const data = commands.data;
  const unfinished = data?.items.filter((c) => UNFINISHED.has(c.status)).length ?? 0;
  return (
    <RecordPanelCard testId="coffee-machine-panel" title={translate('coffee.machine.title')}>
      <Stack spacing={2}>
        {overview.data && <MachineOverview data={overview.data} />}
        {data?.retiredAt ? (
          <Alert severity="info" data-testid="machine-retired">
            {translate('coffee.machine.retired', { at: format.dateTime(data.retiredAt) })}
          </Alert>
        ) : (
          data && (
            <>
              {can('coffee.command.send') && (
                <SendCommand
                  id={id}
                  supported={data.supported}
                  products={overview.data?.products}
                  onSent={refetch}
                />
              )}
              <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
                {can('coffee.command.send') && data.supported.includes('restart') && (
                  <ConfirmButton
                    variant="outlined"
                    testId="machine-restart"
                    label={translate('coffee.machine.restart')}
                    question={translate('coffee.machine.restart_confirm', { serial })}
                    onDone={refetch}
                    onConfirm={async () => {
                      await api(`/api/coffee/devices/${id}/commands`, {
                        method: 'POST',
                        body: { type: 'restart' },
                        headers: { 'idempotency-key': crypto.randomUUID() },
                      });
                      notify(translate('coffee.machine.sent'), { type: 'success' });
                    }}
                  />
                )}
                {can('coffee.device.manage') && (
                  <ConfirmButton
                    variant="outlined"
                    testId="machine-rotate"
                    label={translate('coffee.machine.rotate')}
                    question={translate('coffee.machine.rotate_confirm', { serial })}
                    onDone={refetch}
                    onConfirm={async () => {
                      const issued = await api<{ deviceToken: string }>(`/api/coffee/devices/${id}/token`, {
                        method: 'POST',
                      });
                      setToken(issued.deviceToken);
                    }}
                  />
                )}
                {can('coffee.device.manage') && (
                  <ConfirmButton
                    variant="outlined"
                    color="error"
                    testId="machine-retire"
                    label={translate('coffee.machine.retire')}
                    question={translate('coffee.machine.retire_confirm', { serial, commands: unfinished })}
                    onDone={refetch}
                    onConfirm={async () => {
                      await api(`/api/coffee/devices/${id}/retire`, { method: 'POST' });
                      setToken('');
                      notify(translate('coffee.machine.retired_done'), { type: 'success' });
                    }}
                  />
                )}
              </Stack>
            </>
          )
        )}
        {token && (
          <Alert
            severity="warning"
            data-testid="machine-token"
            sx={{ '& .MuiAlert-message': { width: '100%' } }}
          >
            <Typography variant="body2">{translate('coffee.machine.token_once')}</Typography>
            <TextField
              value={token}
              size="small"
              fullWidth
              slotProps={{ htmlInput: { readOnly: true, 'aria-label': translate('coffee.machine.token') } }}
              sx={{ mt: 1, fontFamily: 'monospace' }}
            />
          </Alert>
        )}
        {data && (
          <RowsSection
            title={translate('coffee.machine.latest')}
            rows={data.items}
            columns={[
              { label: 'coffee.machine.command', cell: (c) => translate(`coffee.options.${c.type}`) },
              { label: 'coffee.fields.status', cell: (c) => translate(`coffee.options.${c.status}`) },
              { label: 'coffee.machine.queued_at', cell: (c) => format.dateTime(c.createdAt) },
              { label: 'coffee.machine.attempts', cell: (c) => `${c.attempts} / ${c.maxAttempts}` },
              { label: 'coffee.machine.detail', cell: (c) => commandDetail(translate, c) },
            ]}
            rowKey={(c) => c.id}
            rowData={(c) => ({ 'data-type': c.type, 'data-status': c.status })}
            empty={translate('coffee.machine.none')}
            testId="machine-commands"
          />
        )}
      </Stack>
    </RecordPanelCard>
  );
}
