import { describe, expect, it } from 'vitest';
import { encodeToken, locateToken } from './openpaygo/openpaygo.ts';
import { judgeToken, withValidity } from './token-check.rules.ts';

const device = { key: 'bc41ec9530f6dac86b1a29ab82edc5fb', startingCode: 516959010 };
const addTime = (count: number) => ({ count, type: 'ADD_TIME' as const, value: 50 });
const reported = (reportedCount: number, keyedIn: number[]) => ({ reportedCount, keyedIn: new Set(keyedIn) });

describe('locating a token on a meter’s chain', () => {
  it('finds a top-up at any count, far past the decoder’s 64-count look-ahead', () => {
    let count = 1;
    const tokens: Array<{ token: string; count: number }> = [];
    for (let i = 0; i < 60; i++) {
      const t = encodeToken({ ...device, count, type: 'ADD_TIME', value: 7 + i });
      tokens.push({ token: t.token, count: t.newCount });
      count = t.newCount;
    }
    const last = tokens.at(-1)!;
    expect(last.count).toBe(120);
    expect(locateToken(device, last.token, 200)).toEqual({ count: 120, type: 'ADD_TIME', value: 66 });
    expect(locateToken(device, tokens[0]!.token, 200)).toEqual({ count: 2, type: 'ADD_TIME', value: 7 });
    expect(locateToken(device, last.token, 100)).toBeUndefined();
  });

  it('finds the official vector token at its count, and nothing for a typo', () => {
    expect(locateToken({ ...device }, '588 224 011', 10)).toEqual({ count: 2, type: 'ADD_TIME', value: 1 });
    expect(locateToken(device, '588224012', 500)).toBeUndefined();
    expect(locateToken(device, '58822401', 10)).toBeUndefined();
  });
});

describe('judging a genuine token by what the meter reported', () => {
  it('calls a token the meter reported taking already used', () => {
    expect(judgeToken(addTime(10), reported(10, [10]))).toEqual({
      status: 'already_used',
      reason: 'keyed_in',
    });
  });

  it('takes any token of a meter that never reported', () => {
    expect(judgeToken(addTime(200), null)).toEqual({ status: 'valid', reason: null });
  });

  it('keeps an older unused Add Time token within the last 16 counts, not beyond', () => {
    expect(judgeToken(addTime(26), reported(40, [40]))).toEqual({ status: 'valid', reason: null });
    expect(judgeToken(addTime(24), reported(40, [40]))).toEqual({
      status: 'already_used',
      reason: 'superseded',
    });
  });

  it('refuses a token more than 64 counts past the last one the meter took', () => {
    expect(judgeToken(addTime(74), reported(10, [10]))).toEqual({ status: 'valid', reason: null });
    expect(judgeToken(addTime(76), reported(10, [10]))).toEqual({
      status: 'invalid',
      reason: 'too_far_ahead',
    });
  });

  it('calls a token of another key invalid', () => {
    expect(judgeToken(undefined, null)).toEqual({ status: 'invalid', reason: 'not_this_meter' });
  });
});

describe('a token’s validity (issue 66)', () => {
  const now = new Date('2027-03-01T00:00:00Z');
  it('reports a token the meter would take, past its validity, as expired', () => {
    const valid = { status: 'valid' as const, reason: null };
    expect(withValidity(valid, new Date('2027-02-28T23:59:00Z'), now)).toEqual({
      status: 'expired',
      reason: 'expired',
    });
    expect(withValidity(valid, new Date('2027-03-01T00:01:00Z'), now)).toEqual(valid);
    expect(withValidity(valid, null, now)).toEqual(valid);
  });
  it('leaves a used or refused token as the meter judges it, expired or not', () => {
    const used = { status: 'already_used' as const, reason: 'keyed_in' as const };
    expect(withValidity(used, new Date('2027-01-01T00:00:00Z'), now)).toEqual(used);
  });
});
