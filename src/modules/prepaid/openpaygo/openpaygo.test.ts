import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DeviceState,
  decodeToken,
  encodeToken,
  encodeVectorLine,
  startingCodeFromKey,
  type VectorLine,
} from './openpaygo.ts';
import { fromRestrictedDigits, toRestrictedDigits } from './restricted-digits.ts';
import { siphash24 } from './siphash.ts';

const VECTORS = new URL('./test-tokens.jsonl', import.meta.url);
const vectors = readFileSync(VECTORS, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as VectorLine & { token: string; new_count: number; serial_number: string });

describe('SipHash-2-4', () => {
  it('matches the reference vector of the SipHash paper (key 00..0f, message 00..0e)', () => {
    const key = Uint8Array.from({ length: 16 }, (_, i) => i);
    expect(
      siphash24(
        key,
        Uint8Array.from({ length: 15 }, (_, i) => i),
      ).toString(16),
    ).toBe('a129ca6149be45e5');
    expect(siphash24(key, new Uint8Array(0)).toString(16)).toBe('726fdb47dd0e0e31');
  });
});

describe('OpenPAYGO Token encoder', () => {
  it('reproduces all 80 official vectors (EnAccess test_tokens.jsonl)', () => {
    expect(vectors).toHaveLength(80);
    for (const v of vectors) {
      expect({ line: v, out: encodeVectorLine(v) }).toEqual({
        line: v,
        out: { token: v.token, new_count: v.new_count },
      });
    }
  });

  it('derives the starting code from the key when none is given', () => {
    expect(startingCodeFromKey('bc41ec9530f6dac86b1a29ab82edc5fb')).toBe(901467777);
  });

  it('refuses values out of range and bad keys', () => {
    const base = { key: 'bc41ec9530f6dac86b1a29ab82edc5fb', startingCode: 516959010, count: 1 };
    expect(() => encodeToken({ ...base, type: 'ADD_TIME', value: 996 })).toThrow(/0 to 995/);
    expect(() => encodeToken({ ...base, type: 'ADD_TIME', value: 1_000_000, extendedToken: true })).toThrow();
    expect(() => encodeToken({ ...base, key: 'zz', type: 'ADD_TIME', value: 1 })).toThrow(/32 hexadecimal/);
  });

  it('writes restricted digits 1-4 two bits each, and reads them back', () => {
    expect(toRestrictedDigits(588224011, 30)).toBe('314114432231134');
    expect(fromRestrictedDigits('314114432231134')).toBe(588224011);
  });
});

describe('OpenPAYGO Token decoder', () => {
  const device = (over: Partial<DeviceState> = {}): DeviceState => ({
    key: 'bc41ec9530f6dac86b1a29ab82edc5fb',
    startingCode: 516959010,
    lastCount: 1,
    usedCounts: [],
    ...over,
  });

  it('decodes every official vector on a device at its count, and refuses it the second time', () => {
    for (const v of vectors) {
      const d = device({
        key: v.key,
        startingCode: v.starting_code,
        lastCount: v.count,
        restrictedDigitSet: v.restricted_digit_set,
        extendedToken: v.extended_token,
      });
      const first = decodeToken(d, v.token);
      expect(first).toMatchObject({ status: 'valid', type: v.token_type, count: v.new_count });
      if (first.status !== 'valid') continue;
      expect(first.value).toBe(v.value_raw);
      const again = decodeToken(first.device, v.token);
      // A counter sync may be entered again: it only re-syncs (same count, nothing added).
      if (v.token_type === 'COUNTER_SYNC')
        expect(again).toMatchObject({ status: 'valid', device: first.device });
      else expect(again).toEqual({ status: 'already_used' });
    }
  });

  it('accepts an older unused Add Time token but not an older Set Time one', () => {
    const d = device();
    const a = encodeToken({ key: d.key, startingCode: d.startingCode, count: 1, type: 'ADD_TIME', value: 7 });
    const b = encodeToken({
      key: d.key,
      startingCode: d.startingCode,
      count: a.newCount,
      type: 'ADD_TIME',
      value: 3,
    });
    const afterB = decodeToken(d, b.token);
    expect(afterB).toMatchObject({ status: 'valid', value: 3, count: 4 });
    if (afterB.status !== 'valid') throw new Error('b refused');
    expect(decodeToken(afterB.device, a.token)).toMatchObject({ status: 'valid', value: 7, count: 2 });
    const s = encodeToken({ key: d.key, startingCode: d.startingCode, count: 1, type: 'SET_TIME', value: 9 });
    expect(decodeToken(afterB.device, s.token)).toEqual({ status: 'already_used' });
  });

  it('refuses tokens beyond the count window, and garbage', () => {
    const d = device();
    const far = encodeToken({
      key: d.key,
      startingCode: d.startingCode,
      count: 80,
      type: 'ADD_TIME',
      value: 5,
    });
    expect(decodeToken(d, far.token)).toEqual({ status: 'invalid' });
    expect(decodeToken(d, '12345')).toEqual({ status: 'invalid' });
    expect(decodeToken(d, '999999999')).toEqual({ status: 'invalid' });
    const sync = encodeToken({ key: d.key, startingCode: d.startingCode, count: 80, type: 'COUNTER_SYNC' });
    expect(decodeToken(d, sync.token)).toMatchObject({ status: 'valid', type: 'COUNTER_SYNC' });
  });

  it('encode → decode round-trips for random keys, counts, values and formats', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: 0, max: 300 }),
        fc.constantFrom('ADD_TIME', 'SET_TIME', 'DISABLE_PAYG', 'COUNTER_SYNC' as const),
        fc.integer({ min: 0, max: 999_999 }),
        fc.boolean(),
        fc.boolean(),
        (keyBytes, startingCode, count, type, raw, restrictedDigitSet, extendedToken) => {
          const key = Buffer.from(keyBytes).toString('hex');
          const value = extendedToken ? raw : raw % 996;
          const { token, newCount } = encodeToken({
            key,
            startingCode,
            count,
            type,
            value,
            restrictedDigitSet,
            extendedToken,
          });
          const d: DeviceState = {
            key,
            startingCode,
            lastCount: count,
            usedCounts: [],
            restrictedDigitSet,
            extendedToken,
          };
          const out = decodeToken(d, token);
          expect(out).toMatchObject({ status: 'valid', type, count: newCount });
          if (out.status === 'valid' && (type === 'ADD_TIME' || type === 'SET_TIME'))
            expect(out.value).toBe(value);
          if (out.status === 'valid' && type !== 'COUNTER_SYNC') {
            // Never again at the count it was accepted at. A standard token carries only 6 digits of
            // the hash chain, so the same digits can recur at a later count (1 in 10^6 per count;
            // fast-check found key fb026d…, start 28, count 103 → accepted again at 162): the
            // protocol, and the official decoder, accept that collision as a new token.
            const again = decodeToken(out.device, token);
            if (again.status === 'valid') expect(again.count).toBeGreaterThan(out.count);
            else expect(again.status).toBe('already_used');
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
