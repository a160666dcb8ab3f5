import { accountStates } from '../channel-health/index.ts';
import type { Ctx } from '../context/index.ts';
import { CHANNELS, type ChannelName } from '../notifications/index.ts';
import type { ChannelAlertsView } from './health.contract.ts';

/** The caller's organization's channel accounts that keep failing, for the console's banner. */
export async function channelAlerts(ctx: Ctx): Promise<ChannelAlertsView> {
  const alerting = (await accountStates(ctx)).filter(
    (s) => s.alertedAt !== null && (CHANNELS as ReadonlyArray<string>).includes(s.channel),
  );
  return {
    items: alerting.map((s) => ({
      channel: s.channel as ChannelName,
      alertedAt: s.alertedAt!.toISOString(),
      failingSince: s.failingSince?.toISOString() ?? null,
      failuresInRow: s.failuresInRow,
      cause: s.lastFailure,
    })),
  };
}
