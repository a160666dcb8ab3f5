import { describe, expect, it } from 'vitest';
import { countOneMore, USSD_LIMIT_WINDOW_MS, withinUssdLimits } from './ussd-limits.rules.ts';

const limits = { screensPerPhone: 30, screensPerAddress: 1500, sessionsPerAddress: 300 };

describe('USSD limits', () => {
  it('counts screens in fixed windows of a minute, from the first screen after the last one ran out', () => {
    let window = countOneMore(undefined, 1_000);
    window = countOneMore(window, 2_000);
    expect(window).toEqual({ startedMs: 1_000, count: 2 });
    expect(countOneMore(window, 1_000 + USSD_LIMIT_WINDOW_MS - 1)).toEqual({ startedMs: 1_000, count: 3 });
    expect(countOneMore(window, 1_000 + USSD_LIMIT_WINDOW_MS)).toEqual({
      startedMs: 1_000 + USSD_LIMIT_WINDOW_MS,
      count: 1,
    });
    // A clock set back starts a window rather than holding a caller out until it catches up.
    expect(countOneMore(window, 500)).toEqual({ startedMs: 500, count: 1 });
  });

  it('admits a screen within every limit, its own count included', () => {
    const at = { phoneScreens: 30, addressScreens: 1500, addressSessions: 300 };
    expect(withinUssdLimits(at, limits)).toBe(true);
    expect(withinUssdLimits({ ...at, phoneScreens: 31 }, limits)).toBe(false);
    expect(withinUssdLimits({ ...at, addressScreens: 1501 }, limits)).toBe(false);
    expect(withinUssdLimits({ ...at, addressSessions: 301 }, limits)).toBe(false);
    // A screen that continues a session is not a new one.
    expect(withinUssdLimits({ ...at, addressSessions: undefined }, limits)).toBe(true);
  });
});
