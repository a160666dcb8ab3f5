/** The window every USSD limit counts over. */
export const USSD_LIMIT_WINDOW_MS = 60_000;

/** One key's screens in its current window, which started at `startedMs`. */
export interface WindowCount {
  startedMs: number;
  count: number;
}

/**
 * The count after one more screen at `nowMs`, in fixed windows: a window restarts at the first
 * screen after it ran out (or if the clock went back), so a refused caller is served again once its
 * minute is over however often it tried meanwhile.
 */
export function countOneMore(current: WindowCount | undefined, nowMs: number): WindowCount {
  if (!current || nowMs < current.startedMs || nowMs - current.startedMs >= USSD_LIMIT_WINDOW_MS)
    return { startedMs: nowMs, count: 1 };
  return { startedMs: current.startedMs, count: current.count + 1 };
}

/** What a screen counts against: its phone's screens, its gateway address's screens and new sessions. */
export interface UssdScreenCounts {
  phoneScreens: number;
  addressScreens: number;
  /** Undefined for a screen that continues a session. */
  addressSessions: number | undefined;
}

export interface UssdLimitsPerMinute {
  screensPerPhone: number;
  screensPerAddress: number;
  sessionsPerAddress: number;
}

/** Whether a screen with these counts (its own included) is within every limit. */
export function withinUssdLimits(counts: UssdScreenCounts, limits: UssdLimitsPerMinute): boolean {
  return (
    counts.phoneScreens <= limits.screensPerPhone &&
    counts.addressScreens <= limits.screensPerAddress &&
    (counts.addressSessions === undefined || counts.addressSessions <= limits.sessionsPerAddress)
  );
}
