import type { ChannelDriver } from './channel-driver.ts';
import { emailChannel } from './email-channel.ts';
import { type ChannelName, DEFAULT_PACE_MS } from './notifications.rules.ts';

const drivers = new Map<ChannelName, ChannelDriver>([['email', emailChannel]]);

/**
 * Installs the driver of a channel (replacing the one before). Drivers hold no per-app state:
 * what differs between deployments reaches them through `ChannelContext`.
 */
export function registerChannel(driver: ChannelDriver): void {
  drivers.set(driver.name, driver);
}

/** The driver of a channel, if one is registered. */
export function channelDriver(name: ChannelName): ChannelDriver | undefined {
  return drivers.get(name);
}

/** Pace per recipient: the organization's override, else the driver's, else the channel default. */
export function paceOf(name: ChannelName, override?: number): number {
  return override ?? drivers.get(name)?.pace.perRecipientMs ?? DEFAULT_PACE_MS[name];
}
