import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney } from './format.ts';

describe('console formats', () => {
  it('writes a timestamp on the organization clock, not the browser one', () => {
    const at = '2026-11-22T17:45:00Z';
    expect(formatDateTime(at, 'en-GB', 'Asia/Kolkata')).toBe('22 Nov 2026, 23:15');
    expect(formatDateTime(at, 'en-GB', 'America/Asuncion')).toBe('22 Nov 2026, 14:45');
  });

  it('keeps a calendar date on its day in every zone', () => {
    expect(formatDate('2026-11-22', 'en-GB', 'Pacific/Kiritimati')).toBe('22 Nov 2026');
    expect(formatDate('2026-11-22', 'en-GB', 'Pacific/Pago_Pago')).toBe('22 Nov 2026');
  });

  it('writes money from minor units with the currency digits', () => {
    expect(formatMoney(250, 'USD', 'en-US')).toBe('$2.50');
    expect(formatMoney(15000, 'PYG', 'es-PY')).toMatch(/15\.000/);
  });

  it('falls back to the browser zone for an unknown one instead of failing', () => {
    expect(() => formatDateTime('2026-11-22T17:45:00Z', 'en', 'Mars/Olympus')).not.toThrow();
  });
});
