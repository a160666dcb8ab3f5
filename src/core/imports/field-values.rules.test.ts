import { describe, expect, it } from 'vitest';
import { dateTimeField, FieldProblem } from './field-values.rules.ts';

describe('dateTimeField', () => {
  it('reads a moment however the original system wrote it', () => {
    const at = new Date('2026-11-20T10:00:00.000Z');
    for (const written of [
      '2026-11-20T10:00:00Z', // dumpdata
      '2026-11-20T15:30:00+05:30',
      '2026-11-20 10:00:00+00', // psql's CSV: an offset of whole hours
      '2026-11-20 12:00:00+02',
      '2026-11-20 10:00:00', // no zone: UTC, as Django stores it
      at,
    ])
      expect(dateTimeField({ at: written }, 'at'), String(written)).toEqual(at);
  });

  it('names the field and what it got when it is no moment', () => {
    expect(() => dateTimeField({ at: 'yesterday' }, 'at')).toThrow(FieldProblem);
    expect(() => dateTimeField({ at: 'yesterday' }, 'at')).toThrow(/expected a date and time/);
  });
});
