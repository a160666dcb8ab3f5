import { describe, expect, it } from 'vitest';
import { mergeRefundLimits } from './refunds.settings.ts';

describe('a change of the refund limits', () => {
  it('changes the roles it names and keeps the others: a number, null for no limit, "default" for the default', () => {
    const stored = { admin: 1000, ops: 500, viewer: 0 };
    expect(mergeRefundLimits(stored, { admin: 5000 })).toEqual({
      value: { admin: 5000, ops: 500, viewer: 0 },
    });
    expect(mergeRefundLimits(stored, { ops: null })).toEqual({
      value: { admin: 1000, ops: null, viewer: 0 },
    });
    expect(mergeRefundLimits(stored, { ops: 'default', viewer: 'default' })).toEqual({
      value: { admin: 1000 },
    });
    expect(mergeRefundLimits(stored, {})).toEqual({ value: stored });
  });

  it('gives every role its default for null, and starts from the defaults over a malformed stored value', () => {
    expect(mergeRefundLimits({ admin: 1000 }, null)).toEqual({ value: undefined });
    expect(mergeRefundLimits({ admin: 'lots' }, { ops: 10 })).toEqual({ value: { ops: 10 } });
    expect(mergeRefundLimits(undefined, { ops: 10 })).toEqual({ value: { ops: 10 } });
  });

  it('refuses what is no limit, naming the role, or the setting itself', () => {
    const fields = (sent: unknown) => {
      const merged = mergeRefundLimits({}, sent);
      return 'issues' in merged ? merged.issues.map((i) => i.field) : [];
    };
    expect(fields({ admin: -1 })).toEqual(['admin']);
    expect(fields({ admin: 2.5, ops: '10' })).toEqual(['admin', 'ops']);
    expect(fields({ admn: 10 })).toEqual(['admn']);
    expect(fields(5000)).toEqual(['']);
    expect(fields([1])).toEqual(['']);
  });
});
