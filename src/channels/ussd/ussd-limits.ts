import type { Clock } from '../../platform/clock/index.ts';
import type { UssdConfig } from './ussd.config.ts';
import { countOneMore, type WindowCount, withinUssdLimits } from './ussd-limits.rules.ts';

/** Keys remembered at most (a few MB); the least recently counted are forgotten first. */
const REMEMBERED = 50_000;

/** One screen as the limits see it: its organization, phone, gateway address, and whether it opens a session. */
export interface UssdScreenCaller {
  orgId: string;
  phone: string;
  address: string;
  newSession: boolean;
}

export interface UssdLimits {
  /** Counts the screen (refused ones too) and tells whether it may run. */
  admit(caller: UssdScreenCaller): boolean;
}

/**
 * The USSD screens' limits of one app, in this process's memory on `clock`: the phone's key comes
 * from the gateway's form, after the body is read, which a per-route rate limit (counted before)
 * cannot key on. Each organization is counted apart, so one organization's traffic, or a caller
 * holding its key, never spends another's.
 */
export function ussdLimits(config: UssdConfig, clock: Clock): UssdLimits {
  const counts = new Map<string, WindowCount>();
  const limits = {
    screensPerPhone: config.USSD_SCREENS_PER_PHONE_PER_MINUTE,
    screensPerAddress: config.USSD_SCREENS_PER_ADDRESS_PER_MINUTE,
    sessionsPerAddress: config.USSD_SESSIONS_PER_ADDRESS_PER_MINUTE,
  };
  const count = (key: string, nowMs: number): number => {
    const next = countOneMore(counts.get(key), nowMs);
    counts.delete(key); // a Map keeps insertion order: the first key is the least recently counted
    counts.set(key, next);
    if (counts.size > REMEMBERED) counts.delete(counts.keys().next().value!);
    return next.count;
  };
  return {
    admit({ orgId, phone, address, newSession }) {
      const now = clock.now().getTime();
      return withinUssdLimits(
        {
          phoneScreens: count(`phone\0${orgId}\0${phone}`, now),
          addressScreens: count(`screens\0${orgId}\0${address}`, now),
          addressSessions: newSession ? count(`sessions\0${orgId}\0${address}`, now) : undefined,
        },
        limits,
      );
    },
  };
}
