import { describe, expect, it } from 'vitest';
import { applyGuardedSettings, type GuardedSetting } from './guarded-settings.rules.ts';

/** A guarded map merged key by key; a key sent as 'x' is refused. */
const limits: GuardedSetting = {
  path: 'payments.refunds.limits',
  permission: 'payments.refund.limits',
  merge: (stored, sent) => {
    if (sent === null) return { value: undefined };
    const bad = Object.keys(sent as object).filter((k) => (sent as Record<string, unknown>)[k] === 'x');
    if (bad.length) return { issues: bad.map((field) => ({ field, message: 'no', code: 'invalid' })) };
    return { value: { ...(stored as object), ...(sent as object) } };
  },
  recordChange: async () => {},
};

const STORED = { payments: { refunds: { limits: { admin: 1000, ops: 500 } }, mobileMoney: { a: 1 } } };
/** The patch as `mergeSettings` leaves it: top-level keys replace. */
const apply = (patch: Record<string, unknown>) =>
  applyGuardedSettings(STORED, { ...structuredClone(STORED), ...patch }, patch, [limits]);

describe('guarded settings in a settings patch', () => {
  it('leaves a patch that does not reach the setting alone, and keeps it when its object is sent without it', () => {
    expect(apply({ mess: { cutoffTime: '21:00' } })).toEqual({
      settings: { ...STORED, mess: { cutoffTime: '21:00' } },
      outcomes: [],
    });
    for (const payments of [{ mobileMoney: { a: 2 } }, { mobileMoney: { a: 2 }, refunds: {} }]) {
      const { settings, outcomes } = apply({ payments });
      expect(settings.payments).toEqual({ ...payments, refunds: { limits: { admin: 1000, ops: 500 } } });
      expect(outcomes).toEqual([]);
    }
  });

  it('merges what is sent by the declaration and lists it as a change with before and after', () => {
    const { settings, outcomes } = apply({ payments: { refunds: { limits: { admin: null } } } });
    expect(settings.payments).toEqual({ refunds: { limits: { admin: null, ops: 500 } } });
    expect(outcomes).toEqual([
      { setting: limits, before: { admin: 1000, ops: 500 }, after: { admin: null, ops: 500 }, issues: [] },
    ]);
  });

  it('lists no change when the value sent is the one stored', () => {
    expect(apply({ payments: { refunds: { limits: { ops: 500 } } } }).outcomes).toEqual([]);
  });

  it('counts a parent replaced with no object as removing the setting', () => {
    for (const payments of [null, 5, { refunds: null }, { refunds: [1] }]) {
      const { outcomes } = apply({ payments });
      expect(
        outcomes.map((o) => [o.before, o.after]),
        JSON.stringify(payments),
      ).toEqual([[{ admin: 1000, ops: 500 }, undefined]]);
    }
    const removed = apply({ payments: { refunds: { limits: null } } });
    expect(removed.settings.payments).toEqual({ refunds: {} });
    expect(removed.outcomes[0]?.after).toBeUndefined();
  });

  it("names a value the declaration refuses by its field under the setting's path", () => {
    const { outcomes } = apply({ payments: { refunds: { limits: { admin: 'x' } } } });
    expect(outcomes).toEqual([
      expect.objectContaining({
        setting: limits,
        issues: [{ field: 'body.settings.payments.refunds.limits.admin', message: 'no', code: 'invalid' }],
      }),
    ]);
  });
});
