import { type AccountState, accountStates, accountStatus } from '../channel-health/index.ts';
import type { Ctx } from '../context/index.ts';
import {
  CHANNELS,
  type ChannelName,
  deliverableChannels,
  type NotificationChannel,
} from '../notifications/index.ts';
import type { AccountView } from './health.contract.ts';

/** The channels the app's outbox sends through, as `deliverableChannels` reads them. */
export interface DeclaredChannels {
  channels(): ReadonlyMap<ChannelName, NotificationChannel>;
}

/**
 * The caller's organization's account on each channel (Telegram, WhatsApp, e-mail): whether it is set
 * up, and how its sends went. Call it outside a transaction (see `deliverableChannels`).
 */
export async function channelAccounts(ctx: Ctx, declared: DeclaredChannels): Promise<AccountView[]> {
  const [configured, states] = [await deliverableChannels(ctx, declared), await accountStates(ctx)];
  return CHANNELS.map((channel) =>
    accountView(
      channel,
      configured.has(channel),
      states.find((s) => s.channel === channel),
    ),
  );
}

function accountView(
  channel: ChannelName,
  configured: boolean,
  state: AccountState | undefined,
): AccountView {
  return {
    channel,
    configured,
    status: accountStatus(state),
    lastSuccessAt: state?.lastSuccessAt?.toISOString() ?? null,
    lastFailureAt: state?.lastFailureAt?.toISOString() ?? null,
    lastFailure: state?.lastFailure ?? null,
    failuresInRow: state?.failuresInRow ?? 0,
    failingSince: state?.failingSince?.toISOString() ?? null,
    alertedAt: state?.alertedAt?.toISOString() ?? null,
  };
}
