import { describe, expect, it } from 'vitest';
import { cutoffFor, periodsInForce, unknownKinds, validDays } from './retention.rules.ts';

const now = new Date('2026-12-21T03:00:00Z');
const kinds = [
  { kind: 'mess.scans', defaultDays: 365 },
  { kind: 'notifications.delivered', defaultDays: 30 },
];

describe('retention periods', () => {
  it('uses the default when the organization chose nothing', () => {
    const [scans] = periodsInForce(kinds, {}, now);
    expect(scans).toEqual({
      kind: 'mess.scans',
      defaultDays: 365,
      days: 365,
      cutoff: new Date('2025-12-21T03:00:00Z'),
    });
  });

  it("uses the organization's period, and null keeps a kind forever", () => {
    const [scans, delivered] = periodsInForce(
      kinds,
      { 'mess.scans': 90, 'notifications.delivered': null },
      now,
    );
    expect(scans?.days).toBe(90);
    expect(scans?.cutoff).toEqual(cutoffFor(now, 90));
    expect(delivered).toMatchObject({ days: null, cutoff: null });
  });

  it('falls back to the default for a stored value that is no valid period', () => {
    const [scans] = periodsInForce(kinds, { 'mess.scans': 0 }, now);
    expect(scans?.days).toBe(365);
    expect(validDays(0)).toBe(false);
    expect(validDays(1.5)).toBe(false);
    expect(validDays(3651)).toBe(false);
    expect(validDays(30)).toBe(true);
  });

  it('names kinds no area declares', () => {
    expect(unknownKinds({ 'mess.scans': 1, 'mess.scan': 2 }, ['mess.scans'])).toEqual(['mess.scan']);
  });
});
