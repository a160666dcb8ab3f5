import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysFrom,
  isIsoDate,
  localMoment,
  minutesOf,
  overlapDays,
  weekdayOf,
} from './local-time.ts';

describe('wall clock in a time zone', () => {
  it('reads the date and time of the zone, not of the server', () => {
    const at = new Date('2026-03-01T20:15:30Z');
    expect(localMoment(at, 'Asia/Kolkata')).toEqual({
      date: '2026-03-02',
      time: '01:45',
      minutes: 105,
      seconds: 30,
      weekday: 1,
    });
    expect(localMoment(at, 'America/Asuncion').date).toBe('2026-03-01');
  });

  it('follows a daylight-saving change of the zone', () => {
    // New York moved its clocks forward on 2026-03-08 at 02:00.
    expect(localMoment(new Date('2026-03-08T06:30:00Z'), 'America/New_York').time).toBe('01:30');
    expect(localMoment(new Date('2026-03-08T07:30:00Z'), 'America/New_York').time).toBe('03:30');
  });

  it('counts calendar days across month and leap-year ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysFrom('2026-03-10', '2026-03-01')).toBe(-9);
    expect(weekdayOf('2026-03-08')).toBe(7);
    expect(
      overlapDays({ from: '2026-03-01', to: '2026-03-10' }, { from: '2026-03-08', to: '2026-03-20' }),
    ).toBe(3);
    expect(
      overlapDays({ from: '2026-03-01', to: '2026-03-02' }, { from: '2026-03-05', to: '2026-03-06' }),
    ).toBe(0);
  });

  it('refuses impossible dates and times', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(() => minutesOf('24:00')).toThrow(/HH:MM/);
    expect(minutesOf('23:59')).toBe(1439);
  });
});
