import { Alert, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import {
  api,
  RecordPanelCard,
  type RecordPanelProps,
  useLiveRefetch,
  useSession,
} from '../../../../web/console/src/extensions/index.ts';
import type { RolloutReviewJson } from '../browser.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { MachineResults } from './MachineResults.tsx';

type Review = RolloutReviewJson;
type Stage = Review['canary'];

/**
 * Where the rollout stands, in one sentence: aborted (and at which stage), held at the canary
 * (how many canary machines failed), running, or finished — "runs on every machine" only when no
 * machine failed, else on how many of them it runs.
 */
function RolloutState({ r }: { r: Review }) {
  const translate = useTranslate();
  if (r.status === 'aborted')
    return (
      <Alert severity="error" data-testid="rollout-why">
        {translate(
          r.abortedStage === 'rest' ? 'coffee.rollout.aborted_rest' : 'coffee.rollout.aborted_canary',
          {
            percent: r.abortAtFailurePercent,
            version: r.version,
          },
        )}
      </Alert>
    );
  if (r.status === 'held')
    return (
      <Alert severity="warning" data-testid="rollout-why">
        {translate('coffee.rollout.held', {
          smart_count: r.canary.failed,
          total: r.canary.total,
          percent: r.abortAtFailurePercent,
          version: r.version,
        })}
      </Alert>
    );
  if (r.status === 'completed')
    return (
      <Alert severity={r.reach.everywhere ? 'success' : 'warning'} data-testid="rollout-state">
        {translate(r.reach.everywhere ? 'coffee.rollout.completed' : 'coffee.rollout.completed_partly', {
          ...r.reach,
          version: r.version,
          tag: r.tag,
        })}
      </Alert>
    );
  return (
    <Alert severity="info" data-testid="rollout-state">
      {translate('coffee.rollout.running', { version: r.version, tag: r.tag })}
    </Alert>
  );
}

/**
 * A rollout's review on its page: how each stage went, and for an aborted one why (which machines
 * failed and what each answered), with resume and roll back, each saying first what will happen.
 */
export default function RolloutPanel({ id }: RecordPanelProps) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const key = ['coffee', 'rollout', id];
  const review = useQuery({ queryKey: key, queryFn: () => api<Review>(`/api/coffee/rollouts/${id}/review`) });
  const refetchReview = useLiveRefetch(['coffee.batches'], key);
  const refetch = () => {
    refetchReview();
    refresh();
  };
  const session = useSession();
  const canManage = Boolean(session?.permissions.includes('coffee.recipe.manage'));
  const r = review.data;
  if (!r) return null;
  const stageName = translate(
    r.abortedStage === 'rest' ? 'coffee.rollout.stage_rest' : 'coffee.rollout.stage_canary',
  );
  // each count agrees with its own noun ("1 fallida", "2 fallidas"): one plural form per count
  const progress = (s: Stage) =>
    translate('coffee.rollout.progress', {
      total: s.total,
      parts: [
        translate('coffee.rollout.progress_applied', { smart_count: s.succeeded }),
        translate('coffee.rollout.progress_failed', { smart_count: s.failed }),
        translate('coffee.rollout.progress_pending', { smart_count: s.pending }),
        translate('coffee.rollout.progress_not_sent', { smart_count: s.cancelled }),
      ].join(', '),
    });
  const held = r.status === 'held';
  return (
    <RecordPanelCard testId="coffee-rollout-panel" title={translate('coffee.rollout.title')}>
      <Stack spacing={2}>
        <RolloutState r={r} />
        <Typography variant="body2" data-testid="rollout-canary">
          <strong>{translate('coffee.rollout.stage_canary')}</strong> ·{' '}
          {translate(`coffee.options.${r.canary.status}`)} · {progress(r.canary)}
        </Typography>
        {r.rest && (
          <Typography variant="body2" data-testid="rollout-rest">
            <strong>{translate('coffee.rollout.stage_rest')}</strong> ·{' '}
            {translate(`coffee.options.${r.rest.status}`)} · {progress(r.rest)}
          </Typography>
        )}
        <Typography variant="subtitle1">{translate('coffee.rollout.failed_machines')}</Typography>
        <MachineResults
          rows={r.failures}
          type="apply_recipes"
          empty={translate('coffee.rollout.no_failures')}
          testId="rollout-failures"
        />
        <Stack
          direction="row"
          spacing={2}
          sx={{ display: canManage ? undefined : 'none', alignItems: 'flex-start', flexWrap: 'wrap' }}
        >
          {held && (
            <ConfirmButton
              variant="contained"
              testId="rollout-continue"
              label={translate('coffee.rollout.continue')}
              help={translate('coffee.rollout.continue_help', {
                tag: r.tag,
                version: r.version,
                smart_count: r.canary.failed,
              })}
              question={translate('coffee.rollout.continue_confirm', {
                tag: r.tag,
                version: r.version,
                smart_count: r.canary.failed,
              })}
              onDone={refetch}
              onConfirm={async () => {
                await api(`/api/coffee/rollouts/${id}/continue`, { method: 'POST' });
                notify(translate('coffee.rollout.continued'), { type: 'success' });
              }}
            />
          )}
          {/* held with nothing to send again (a canary model that cannot run packages), only "continue" is offered */}
          {(r.status === 'aborted' || (held && r.resendable > 0)) && (
            <ConfirmButton
              variant={held ? 'outlined' : 'contained'}
              testId="rollout-resume"
              // held, resuming sends the canary again: said so, beside "continue to the rest" (issue 54, item 19)
              label={
                held
                  ? translate('coffee.rollout.retry_canary', { smart_count: r.resendable })
                  : translate('coffee.rollout.resume')
              }
              {...(held
                ? {
                    help: translate('coffee.rollout.retry_canary_help', {
                      version: r.version,
                      smart_count: r.resendable,
                    }),
                  }
                : {})}
              question={translate('coffee.rollout.resume_confirm', {
                stage: stageName.toLocaleLowerCase(),
                smart_count: r.resendable,
                version: r.version,
                percent: r.abortAtFailurePercent,
              })}
              onDone={refetch}
              onConfirm={async () => {
                await api(`/api/coffee/rollouts/${id}/resume`, { method: 'POST' });
                notify(translate('coffee.rollout.resumed'), { type: 'success' });
              }}
            />
          )}
          {r.previousVersion !== null ? (
            <ConfirmButton
              variant="outlined"
              color="warning"
              testId="rollout-rollback"
              label={translate('coffee.rollout.rollback', { version: r.previousVersion })}
              question={translate('coffee.rollout.rollback_confirm', {
                version: r.previousVersion,
                count: r.taggedMachines,
                tag: r.tag,
              })}
              onConfirm={async () => {
                const back = await api<{ id: string }>(`/api/coffee/rollouts/${id}/rollback`, {
                  method: 'POST',
                });
                notify(translate('coffee.rollout.rolled_back'), { type: 'success' });
                navigate(`/coffee.rollouts/${back.id}/show`);
              }}
            />
          ) : (
            <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }}>
              {translate('coffee.rollout.no_previous')}
            </Typography>
          )}
        </Stack>
      </Stack>
    </RecordPanelCard>
  );
}
