import { describe, expect, it } from 'vitest';
import { type FreeTicketLookup, lazyPermutation, sampleFreeNumbers } from './random-pick.rules.ts';

/** A small deterministic PRNG (mulberry32), so the statistical tests never flake. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return (bound: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(r * bound);
  };
}

function lookupOver(free: Set<number>): FreeTicketLookup & { calls: number[] } {
  const sorted = [...free].sort((a, b) => a - b);
  const calls: number[] = [];
  return {
    calls,
    freeAmong: async (numbers) => {
      calls.push(numbers.length);
      return numbers.filter((n) => free.has(n));
    },
    countFree: async () => sorted.length,
    freeAtRanks: async (ranks) => ranks.map((r) => sorted[r]!),
  };
}

/** Chi-square statistic of observed counts against a uniform expectation. */
const chiSquare = (counts: number[]) => {
  const expected = counts.reduce((a, b) => a + b, 0) / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
};

describe('uniform random picks of free tickets', () => {
  it('draws a permutation: every value once', () => {
    const p = lazyPermutation(50, seeded(1));
    const seen = Array.from({ length: 50 }, () => p.next()!);
    expect(new Set(seen).size).toBe(50);
    expect(p.next()).toBeUndefined();
  });

  it('picks free numbers uniformly when they are plentiful (chi-square, 29 degrees of freedom)', async () => {
    const free = new Set(Array.from({ length: 100 }, (_, i) => i + 1).filter((n) => n % 10 < 3));
    const counts = new Map([...free].map((n) => [n, 0]));
    const random = seeded(7);
    for (let i = 0; i < 15_000; i++) {
      const pick = await sampleFreeNumbers({
        min: 1,
        max: 100,
        k: 2,
        lookup: lookupOver(free),
        randomInt: random,
      });
      expect(new Set(pick).size).toBe(2);
      for (const n of pick!) counts.set(n, counts.get(n)! + 1);
    }
    // 99.9th percentile of chi-square with 29 df is 58.3
    expect(chiSquare([...counts.values()])).toBeLessThan(58.3);
  });

  it('stays uniform when free tickets are scarce and the rank fallback is used (9 df)', async () => {
    const free = new Set([3, 170, 171, 400, 555, 556, 700, 901, 902, 1000]);
    const counts = new Map([...free].map((n) => [n, 0]));
    const random = seeded(11);
    for (let i = 0; i < 10_000; i++) {
      const pick = await sampleFreeNumbers({
        min: 1,
        max: 1000,
        k: 1,
        lookup: lookupOver(free),
        randomInt: random,
      });
      counts.set(pick![0]!, counts.get(pick![0]!)! + 1);
    }
    // 99.9th percentile of chi-square with 9 df is 27.9
    expect(chiSquare([...counts.values()])).toBeLessThan(27.9);
  });

  it('asks about a few candidates, never the whole range, when most tickets are free', async () => {
    const free = new Set(Array.from({ length: 100_000 }, (_, i) => i));
    const lookup = lookupOver(free);
    await sampleFreeNumbers({ min: 0, max: 99_999, k: 3, lookup, randomInt: seeded(3) });
    expect(lookup.calls).toEqual([16]);
  });

  it('answers null when fewer than k are free', async () => {
    const pick = await sampleFreeNumbers({
      min: 1,
      max: 10,
      k: 3,
      lookup: lookupOver(new Set([4, 5])),
      randomInt: seeded(5),
    });
    expect(pick).toBeNull();
  });
});
