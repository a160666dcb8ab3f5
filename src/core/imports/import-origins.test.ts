import { describe, expect, it } from 'vitest';
import { recordHash } from './import-origins.ts';

describe('recordHash', () => {
  it('hashes a record read from dumpdata as the same record read from the database', () => {
    // Django's dumpdata writes milliseconds and Z; pg gives a Date (timestamptz) or zone-less text.
    const fromDumpdata = { model: 'core.payment', pk: '1', fields: { at: '2026-11-20T10:00:00.123Z', n: 2 } };
    const fromDatabase = {
      model: 'core.payment',
      pk: '1',
      fields: { n: 2, at: new Date('2026-11-20T10:00:00.123Z') },
    };
    const zoneless = { model: 'core.payment', pk: '1', fields: { n: 2, at: '2026-11-20 10:00:00.123' } };
    // psql's CSV: an offset of whole hours, and an empty cell for a blank text
    const psqlCsv = {
      model: 'core.payment',
      pk: '1',
      fields: { n: '2', at: '2026-11-20 10:00:00.123+00', note: null },
    };
    expect(recordHash(psqlCsv)).toBe(
      recordHash({ ...fromDumpdata, fields: { ...fromDumpdata.fields, note: '' } }),
    );
    expect(recordHash(fromDatabase)).toBe(recordHash(fromDumpdata));
    expect(recordHash(zoneless)).toBe(recordHash(fromDumpdata));
  });

  it('takes a number and its text as one value, and leaves the volatile fields out', () => {
    const fromDumpdata = { model: 'customers.bill', pk: '7', fields: { customer: 2, amount: '10.00' } };
    const fromDatabase = { model: 'customers.bill', pk: '7', fields: { customer: '2', amount: '10.00' } };
    expect(recordHash(fromDatabase)).toBe(recordHash(fromDumpdata));
    const touched = {
      ...fromDumpdata,
      fields: { ...fromDumpdata.fields, updated_at: '2026-11-21T09:00:00Z' },
    };
    expect(recordHash(touched, ['updated_at'])).toBe(recordHash(fromDumpdata, ['updated_at']));
    expect(recordHash(touched)).not.toBe(recordHash(fromDumpdata));
  });

  it('tells a changed field apart', () => {
    const before = { model: 'x.y', pk: '1', fields: { status: 'pending', at: '2026-11-20' } };
    expect(recordHash({ ...before, fields: { ...before.fields, status: 'paid' } })).not.toBe(
      recordHash(before),
    );
  });
});
