import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatRelativeDay, formatTime } from './format-date.ts';
import { durationParts, formatDuration, formatRelativeTime } from './format-duration.ts';
import { formatNumber, formatPercent } from './format-number.ts';

// Intl separates some parts with narrow no-break spaces; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const evening = new Date('2025-03-01T18:45:00Z'); // 00:15 on 2 March in Kolkata

describe('date formatting', () => {
  it('shows dates in the operator time zone, not the server one', () => {
    expect(formatDate(evening, { locale: 'en', timeZone: 'Asia/Kolkata' })).toBe('Mar 2, 2025');
    expect(formatDate(evening, { locale: 'en', timeZone: 'America/Bogota' })).toBe('Mar 1, 2025');
    expect(formatDate(evening, { locale: 'hi', timeZone: 'Asia/Kolkata', style: 'long' })).toBe(
      '2 मार्च 2025',
    );
    expect(formatDate(evening, { locale: 'es', timeZone: 'Asia/Kolkata', style: 'long' })).toBe(
      '2 de marzo de 2025',
    );
  });

  it('shows date and time, and time alone', () => {
    expect(plain(formatDateTime(evening, { locale: 'en', timeZone: 'Asia/Kolkata', style: 'short' }))).toBe(
      '3/2/25, 12:15 AM',
    );
    expect(formatTime(evening, { locale: 'es', timeZone: 'Asia/Kolkata' })).toBe('0:15');
  });

  it('names calendar days relative to now in the operator time zone', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    expect(formatRelativeDay(evening, { now, locale: 'en', timeZone: 'Asia/Kolkata' })).toBe('tomorrow');
    expect(formatRelativeDay(evening, { now, locale: 'en', timeZone: 'UTC' })).toBe('today');
    expect(formatRelativeDay(evening, { now, locale: 'es', timeZone: 'Asia/Kolkata' })).toBe('mañana');
    expect(formatRelativeDay(now, { now: evening, locale: 'hi', timeZone: 'Asia/Kolkata' })).toBe('कल');
  });
});

describe('number formatting', () => {
  it('groups digits the way each language does', () => {
    expect(formatNumber(1234567.5, 'hi')).toBe('12,34,567.5');
    expect(formatNumber(1234567.5, 'es')).toBe('1.234.567,5');
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
    expect(plain(formatPercent(0.125, 'es'))).toBe('12,5 %');
  });
});

describe('durations', () => {
  it('rounds up to the minute from one minute on, and to the second below', () => {
    expect(durationParts(13 * 60_000 + 1)).toEqual([{ unit: 'minute', value: 14 }]);
    expect(durationParts(44_200)).toEqual([{ unit: 'second', value: 45 }]);
    expect(durationParts(59 * 60_000 + 30_000)).toEqual([{ unit: 'hour', value: 1 }]);
    expect(durationParts(0)).toEqual([{ unit: 'second', value: 0 }]);
  });

  it('shows at most the two largest units and carries when rounding up', () => {
    expect(durationParts(74 * 60_000)).toEqual([
      { unit: 'hour', value: 1 },
      { unit: 'minute', value: 14 },
    ]);
    expect(durationParts((2 * 24 + 23) * 3_600_000 + 20 * 60_000)).toEqual([{ unit: 'day', value: 3 }]);
    expect(durationParts(26 * 3_600_000 + 1)).toEqual([
      { unit: 'day', value: 1 },
      { unit: 'hour', value: 3 },
    ]);
  });

  it('writes durations with Intl units in each language', () => {
    expect(formatDuration(74 * 60_000, 'en')).toBe('1 hour, 14 minutes');
    expect(formatDuration(74 * 60_000, 'es')).toBe('1 hora y 14 minutos');
    expect(formatDuration(74 * 60_000, 'hi')).toMatch(/^1 घंटा.*14 मिनट$/);
    expect(plain(formatDuration(74 * 60_000, 'en', 'short'))).toBe('1 hr 14 min');
  });

  it('says how far a moment is from now', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    expect(formatRelativeTime(new Date('2025-03-01T12:14:00Z'), { now, locale: 'en' })).toBe('in 14 minutes');
    expect(formatRelativeTime(new Date('2025-03-01T10:00:00Z'), { now, locale: 'es' })).toBe('hace 2 horas');
    expect(formatRelativeTime(new Date('2025-03-03T12:00:00Z'), { now, locale: 'hi' })).toBe('परसों');
    expect(formatRelativeTime(new Date('2025-03-01T11:59:30Z'), { now, locale: 'en' })).toBe(
      '30 seconds ago',
    );
  });
});
