import { describe, expect, it } from 'vitest';
import { minorUnitsOf } from './source-values.ts';

describe("the original's float prices in minor units", () => {
  it('rounds the decimal the original shows half up to the cent, not the float below it', () => {
    expect(minorUnitsOf(25.5, 2)).toEqual({ minor: 2550, exact: true });
    // 1.005 is 1.00499999999999989… as a float: Math.round(1.005 * 100) says 100
    expect(minorUnitsOf(1.005, 2)).toEqual({ minor: 101, exact: false });
    expect(minorUnitsOf(0, 2)).toEqual({ minor: 0, exact: true });
    expect(minorUnitsOf(-3.5, 2)).toEqual({ minor: -350, exact: true });
    expect(minorUnitsOf(1234.5, 0)).toEqual({ minor: 1235, exact: false });
  });

  it('takes float noise for exact and says when real decimals were dropped', () => {
    expect(minorUnitsOf(29.700000000000003, 2)).toEqual({ minor: 2970, exact: true });
    expect(minorUnitsOf(9.9 * 3, 2)).toEqual({ minor: 2970, exact: true });
    expect(minorUnitsOf(10 / 3, 2)).toEqual({ minor: 333, exact: false });
    // a float String() writes in exponent notation
    expect(minorUnitsOf(1e-7, 2)).toEqual({ minor: 0, exact: false });
    expect(minorUnitsOf(5e-3, 2)).toEqual({ minor: 1, exact: false });
  });
});
