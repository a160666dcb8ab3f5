import { describe, expect, it } from 'vitest';
import { countsNeverIssued, formatMeterToken, parseMeterToken, waitingCounts } from './meter-device.rules.ts';

describe('meter API tokens', () => {
  it('name their meter and carry a secret; anything else is no token', () => {
    const id = '0b7f1f5e-3c1a-4f55-9d1e-5b2f4f1d2a11';
    const secret = 'a'.repeat(43);
    expect(parseMeterToken(formatMeterToken(id, secret))).toEqual({ meterId: id, secret });
    expect(parseMeterToken(`cfd_${id}_${secret}`)).toBeUndefined();
    expect(parseMeterToken(`ppm_${id}_short`)).toBeUndefined();
  });
});

describe('what a report may say', () => {
  it('names every count that was not issued, between and below the issued ones too, once', () => {
    expect(countsNeverIssued([2, 4, 8], [2, 4, 6])).toEqual([8]);
    expect(countsNeverIssued([2, 4], [2, 4, 6])).toEqual([]);
    expect(countsNeverIssued([3, 0, 4, 3], [2, 4, 6])).toEqual([3, 0]);
  });

  it('waits on tokens not keyed in and still acceptable, oldest first', () => {
    const issued = [
      { count: 2, keyedIn: false },
      { count: 22, keyedIn: false },
      { count: 24, keyedIn: true },
      { count: 26, keyedIn: false },
    ];
    expect(waitingCounts(issued, null, 16)).toEqual([2, 22, 26]);
    expect(waitingCounts(issued, 24, 16)).toEqual([22, 26]);
  });
});
