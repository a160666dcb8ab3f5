import { describe, expect, it } from 'vitest';
import { isUuid, uuidsIn } from './index.ts';

describe('isUuid', () => {
  it('takes a UUID written out in either case, and nothing more or less', () => {
    const id = '3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b';
    expect([isUuid(id), isUuid(id.toUpperCase())]).toEqual([true, true]);
    for (const other of [
      `${id}\n`,
      ` ${id}`,
      `${id}:${id}`,
      id.replaceAll('-', ''),
      id.slice(1),
      'order-1',
      '',
    ])
      expect(isUuid(other), JSON.stringify(other)).toBe(false);
  });

  it('tells a stored id from other text and from anything not a string', () => {
    expect(isUuid('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true);
    expect(isUuid('Rifa 0f8fad5b')).toBe(false);
    expect([isUuid(42), isUuid(null), isUuid(undefined)]).toEqual([false, false, false]);
  });
});

describe('uuidsIn', () => {
  it('finds every UUID written out in a text, in order, and none in text without one', () => {
    const a = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const b = '3F2B8C1E-9A4D-4E6F-8B7A-0C1D2E3F4A5B';
    expect(uuidsIn(`order ${a}, then "${b}" and ${a}.`)).toEqual([a, b, a]);
    expect(uuidsIn('Rifa 0f8fad5b · 2026-11-27')).toEqual([]);
  });
});
