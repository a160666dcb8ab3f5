import { describe, expect, it } from 'vitest';
import { alertState, lastDayUse, DEFAULT_ALERT_SETTINGS as S } from './alerts.rules.ts';
import { dailySeries } from './consumption.rules.ts';

const t0 = Date.parse('2026-12-01T06:00:00Z');
const at = (days: number, kwh: number) => ({
  readAt: new Date(t0 + days * 86_400_000),
  registerTenths: kwh * 10,
});
const facts = (
  balanceTenths: number,
  daysLeft: number | null,
  lastDay: ReturnType<typeof lastDayUse> = null,
  trusted = true,
) => ({
  balanceTenths,
  daysLeft,
  dailyTenths: 10,
  basis: 'sold' as const,
  estimated: true,
  trusted,
  doubt: trusted ? null : ('unrecorded_units' as const),
  lastDay,
});

describe('meter alert rules', () => {
  it('compares the last day’s use with the usual day before it', () => {
    expect(lastDayUse([at(0, 0), at(1, 1), at(2, 2), at(3, 6)])).toEqual({
      lastDayTenths: 40,
      usualTenths: 10,
    });
    expect(lastDayUse([at(0, 0), at(1, 1)]), 'no usual day to compare with').toBeNull();
  });

  it('raises low balance at the threshold and clears it only a quarter past it', () => {
    expect(alertState('low_balance', S, facts(60, 3), false)).toBe(true);
    expect(alertState('low_balance', S, facts(60, 4), false)).toBe(false);
    expect(alertState('low_balance', S, facts(60, 4), true), 'still within the margin').toBe(true);
    expect(alertState('low_balance', S, facts(70, 5), true)).toBe(false);
    expect(alertState('low_balance', { ...S, enabled: false }, facts(0, 0), false)).toBe(false);
  });

  it('says nothing of a low balance it does not trust, and clears an alert raised before (issue 54, item 7)', () => {
    expect(alertState('low_balance', S, facts(0, 0, null, false), false)).toBe(false);
    expect(alertState('low_balance', S, facts(0, 0, null, false), true)).toBe(false);
  });

  it('raises unusual use above the percentage and clears it below three quarters of the margin', () => {
    const use = (lastDayTenths: number) => ({ lastDayTenths, usualTenths: 10 });
    expect(alertState('unusual_consumption', S, facts(500, 50, use(21)), false)).toBe(true);
    expect(alertState('unusual_consumption', S, facts(500, 50, use(20)), false)).toBe(false);
    expect(alertState('unusual_consumption', S, facts(500, 50, use(18)), true)).toBe(true);
    expect(alertState('unusual_consumption', S, facts(500, 50, use(17)), true)).toBe(false);
  });

  it('draws use per local day, every day present', () => {
    const days = dailySeries([at(0, 0), at(1, 2), at(1.1, 3), at(3, 4)], {
      from: new Date(t0),
      to: new Date(t0 + 3 * 86_400_000),
      timeZone: 'Africa/Kigali',
    });
    expect(days).toEqual([
      { date: '2026-12-01', tenths: 0 },
      { date: '2026-12-02', tenths: 30 },
      { date: '2026-12-03', tenths: 0 },
      { date: '2026-12-04', tenths: 10 },
    ]);
  });
});
