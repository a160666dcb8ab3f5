import { Alert, Button, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import {
  ApiError,
  api,
  HeldNotice,
  RecordPanelCard,
  UNDO_SECONDS,
  useHeld,
  useSession,
} from '../../../../web/console/src/extensions/index.ts';
import { type RefundAsk, RefundAskDialog } from './RefundAskDialog.tsx';

/** A called-off raffle's refund run (GET /api/raffle/raffles/{id}/call-off). */
interface RefundRun {
  status: 'running' | 'done';
  total: number;
  refunded: number;
  awaiting: number;
  rejected: number;
  failed: number;
}

/** The run of a raffle, or null when it was never called off (the server answers 404). */
async function runOf(raffleId: string): Promise<RefundRun | null> {
  try {
    return await api<RefundRun>(`/api/raffle/raffles/${raffleId}/call-off`);
  } catch (err) {
    if (err instanceof ApiError && err.problem.status === 404) return null;
    throw err;
  }
}

/** A run's progress in truthful counts; those waiting for approval keep their orders paid until then. */
function RunProgress({ run }: { run: RefundRun }) {
  const translate = useTranslate();
  return (
    <Stack spacing={1}>
      <Typography data-testid="raffle-call-off-progress">
        {translate(`raffle.call_off.${run.status}`, { ...run })}
      </Typography>
      {run.awaiting > 0 && <Alert severity="info">{translate('raffle.call_off.awaiting_hint')}</Alert>}
    </Stack>
  );
}

/**
 * On a selling or closed raffle's page: "Call off raffle" — sales stop and one run refunds every paid
 * order (its numbers held off sale or released) with a message to each buyer; waiting holds are
 * cancelled. It waits `UNDO_MS` with an Undo before it is sent. Once called off: the run's progress.
 */
export default function CallOffPanel({ record }: { record: Record<string, unknown> }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const session = useSession();
  const id = String(record.id);
  const run = useQuery({
    queryKey: ['raffle', 'call-off', id],
    queryFn: () => runOf(id),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 2_000 : false),
  });
  const [open, setOpen] = useState(false);
  const { held, hold, undo } = useHeld<RefundAsk>(async (input) => {
    try {
      await api(`/api/raffle/raffles/${id}/call-off`, { method: 'POST', body: input });
      notify(translate('raffle.call_off.started'), { type: 'success' });
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      await run.refetch();
      refresh();
    }
  });
  const mayCallOff =
    !!session?.permissions.includes('raffle.raffle.manage') &&
    (record.status === 'selling' || record.status === 'closed');
  if (!run.data && !mayCallOff && !held) return null;
  return (
    <RecordPanelCard testId="raffle-call-off" title={translate('raffle.call_off.title')}>
      {run.data ? (
        <RunProgress run={run.data} />
      ) : held ? (
        <HeldNotice
          undoTestId="raffle-call-off-undo"
          text={translate('raffle.call_off.sending', { seconds: UNDO_SECONDS })}
          undo={translate('raffle.refund.undo')}
          onUndo={() => undo() && notify(translate('raffle.call_off.undone'), { type: 'info' })}
        />
      ) : (
        <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
          <Typography variant="body2" color="text.secondary">
            {translate('raffle.call_off.hint')}
          </Typography>
          <Button
            variant="outlined"
            color="error"
            onClick={() => setOpen(true)}
            data-testid="raffle-call-off-open"
          >
            {translate('raffle.call_off.action')}
          </Button>
        </Stack>
      )}
      {open && (
        <RefundAskDialog
          title={translate('raffle.call_off.action')}
          text={translate('raffle.call_off.confirm', { title: String(record.title ?? '') })}
          reasonLabel={translate('raffle.call_off.reason')}
          ticketsLabel={translate('raffle.call_off.tickets')}
          tickets="hold"
          color="error"
          testId="raffle-call-off"
          onClose={() => setOpen(false)}
          onConfirm={(ask) => {
            hold(ask);
            setOpen(false);
          }}
        />
      )}
    </RecordPanelCard>
  );
}
