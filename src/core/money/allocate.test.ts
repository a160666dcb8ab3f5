import { describe, expect, it } from 'vitest';
import { allocate, split } from './allocate.ts';
import { money } from './money.ts';

const usd = (minor: number) => money(minor, 'USD');
const amounts = (parts: Array<{ amountMinor: number }>) => parts.map((p) => p.amountMinor);

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('allocate', () => {
  it('gives leftover cents to the largest remainders', () => {
    // 1.00 by 1:1:1 -> 33.33.. each; one leftover cent to the first (tie broken by order)
    expect(amounts(allocate(usd(100), [1, 1, 1]))).toEqual([34, 33, 33]);
    // 0.05 by 70:30 -> 3.5 and 1.5; tie on remainder, first wins
    expect(amounts(allocate(usd(5), [70, 30]))).toEqual([4, 1]);
    // 10 by 1:2:7 -> 1, 2, 7 exactly
    expect(amounts(allocate(usd(10), [1, 2, 7]))).toEqual([1, 2, 7]);
    // 0.11 by 3:3:4 -> 3.3, 3.3, 4.4; the leftover cent goes to the largest remainder (.4)
    expect(amounts(allocate(usd(11), [3, 3, 4]))).toEqual([3, 3, 5]);
  });

  it('never gives anything to a zero weight', () => {
    expect(amounts(allocate(usd(101), [0, 1, 1]))).toEqual([0, 51, 50]);
  });

  it('mirrors negative amounts', () => {
    expect(amounts(allocate(usd(-100), [1, 1, 1]))).toEqual([-34, -33, -33]);
  });

  it('refuses empty, negative, fractional or all-zero weights', () => {
    const invalid = expect.objectContaining({ code: 'money.invalid_ratios' });
    for (const ratios of [[], [1, -1], [0.5, 1], [0, 0]]) {
      expect(() => allocate(usd(100), ratios)).toThrowError(invalid);
    }
  });

  it('never loses or creates a minor unit, over many random amounts and weights', () => {
    const random = seededRandom(42);
    for (let run = 0; run < 2000; run++) {
      const amount = Math.floor((random() - 0.3) * 1_000_000_000);
      const ratios = Array.from({ length: 1 + Math.floor(random() * 7) }, () => Math.floor(random() * 100));
      if (!ratios.some((r) => r > 0)) ratios[0] = 1;
      const parts = amounts(allocate(usd(amount), ratios));
      expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
      const total = ratios.reduce((a, b) => a + b, 0);
      parts.forEach((part, i) => {
        const exact = (amount * (ratios[i] ?? 0)) / total;
        expect(Math.abs(part - exact)).toBeLessThan(1 + 1e-6);
      });
    }
  });
});

describe('split', () => {
  it('splits into near-equal parts that add up to the whole', () => {
    expect(amounts(split(usd(1000), 3))).toEqual([334, 333, 333]);
    expect(amounts(split(money(7, 'JPY'), 7))).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('refuses zero or fractional part counts', () => {
    expect(() => split(usd(100), 0)).toThrowError(expect.objectContaining({ code: 'money.invalid_ratios' }));
    expect(() => split(usd(100), 1.5)).toThrowError(
      expect.objectContaining({ code: 'money.invalid_ratios' }),
    );
  });
});
