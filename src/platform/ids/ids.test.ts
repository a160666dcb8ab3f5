import { describe, expect, it } from 'vitest';
import { isUuid } from './index.ts';

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
});
