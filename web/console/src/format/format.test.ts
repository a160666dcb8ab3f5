import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatTime,
  fromZoneInput,
  shortReference,
  toZoneInput,
} from './format.ts';

describe('console formats', () => {
  it('writes a timestamp on the organization clock, not the browser one', () => {
    const at = '2026-11-22T17:45:00Z';
    expect(formatDateTime(at, 'en-GB', 'Asia/Kolkata')).toBe('22 Nov 2026, 23:15 GMT+5:30');
    expect(formatDateTime(at, 'en-GB', 'America/Asuncion')).toBe('22 Nov 2026, 14:45 GMT-3');
    expect(formatTime(at, 'en-GB', 'Asia/Kolkata')).toBe('23:15 GMT+5:30');
  });

  it('says the part of the day in Hindi, never a Latin am/pm (issue 66 item 4)', () => {
    const at = '2026-11-22T17:45:00Z';
    expect(formatDateTime(at, 'hi', 'Asia/Kolkata')).toBe('22 नव॰ 2026, 11:15 रात IST');
    expect(formatTime('2026-11-22T07:30:00Z', 'hi', 'Asia/Kolkata')).toBe('1:00 दोपहर IST');
  });

  it('keeps a calendar date on its day in every zone', () => {
    expect(formatDate('2026-11-22', 'en-GB', 'Pacific/Kiritimati')).toBe('22 Nov 2026');
    expect(formatDate('2026-11-22', 'en-GB', 'Pacific/Pago_Pago')).toBe('22 Nov 2026');
  });

  it('writes money from minor units with the currency digits', () => {
    expect(formatMoney(250, 'USD', 'en-US')).toBe('$2.50');
    expect(formatMoney(15000, 'PYG', 'es-PY')).toMatch(/15\.000/);
  });

  it('writes Kinyarwanda dates and money as Kinyarwanda does, whatever the browser knows (issue 54, item 11)', () => {
    const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
    expect(formatDate('2026-11-26', 'rw', 'Africa/Kigali')).toBe('26 Ugushyingo 2026');
    expect(formatDateTime('2026-11-25T22:30:00Z', 'rw', 'Africa/Kigali')).toBe(
      '26 Ugushyingo 2026, 00:30 GMT+2',
    );
    expect(plain(formatMoney(1481, 'RWF', 'rw'))).toBe('RWF 1.481');
    expect(plain(formatMoney(150, 'USD', 'rw'))).toBe('$1,50');
  });

  it('falls back to the browser zone for an unknown one instead of failing', () => {
    expect(() => formatDateTime('2026-11-22T17:45:00Z', 'en', 'Mars/Olympus')).not.toThrow();
  });
});

describe('date-time inputs in the organization zone', () => {
  it('shows a stored instant as the wall clock of the organization, wherever the browser is', () => {
    expect(toZoneInput('2026-12-24T12:30:00Z', 'Asia/Kolkata')).toBe('2026-12-24T18:00');
    expect(toZoneInput('2026-12-24T12:30:00Z', 'America/Bogota')).toBe('2026-12-24T07:30');
    expect(toZoneInput(null, 'Asia/Kolkata')).toBe('');
  });

  it('reads what staff typed as the organization wall clock, across daylight-saving changes', () => {
    expect(fromZoneInput('2026-12-24T18:00', 'Asia/Kolkata')).toBe('2026-12-24T12:30:00.000Z');
    expect(fromZoneInput('2026-07-01T09:00', 'America/New_York')).toBe('2026-07-01T13:00:00.000Z');
    expect(fromZoneInput('2026-01-15T09:00', 'America/New_York')).toBe('2026-01-15T14:00:00.000Z');
    expect(fromZoneInput('', 'Asia/Kolkata')).toBeNull();
  });

  it('round-trips every quarter hour of a day with a DST change', () => {
    for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
      const at = new Date(Date.UTC(2026, 10, 1, 0, minutes)).toISOString();
      const local = toZoneInput(at, 'America/New_York');
      expect(toZoneInput(fromZoneInput(local, 'America/New_York'), 'America/New_York')).toBe(local);
    }
  });
});

describe('a record without a title', () => {
  it('is named by a short reference, never by its whole UUID', () => {
    expect(shortReference('1a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d')).toBe('#1a2b3c4d');
    expect(shortReference('ABCD-2345')).toBe('ABCD-2345');
  });
});
