import { describe, expect, it } from 'vitest';
import {
  decideScan,
  type MessFacts,
  RULE_DENIALS,
  type StudentFacts,
  upcomingWindows,
  windowKeyOf,
} from './mess.rules.ts';

const TZ = 'Asia/Kolkata';
/** Local Kolkata wall time → instant (IST is UTC+05:30, no DST). */
const ist = (local: string) => new Date(`${local}+05:30`);

const facts: MessFacts = {
  timeZone: TZ,
  meals: [
    { id: 'breakfast', name: 'Breakfast', start: '07:30', end: '09:30', weekdays: [1, 2, 3, 4, 5, 6, 7] },
    { id: 'lunch', name: 'Lunch', start: '12:30', end: '14:30', weekdays: [1, 2, 3, 4, 5, 6] },
    { id: 'dinner', name: 'Dinner', start: '19:30', end: '21:30', weekdays: [1, 2, 3, 4, 5, 6, 7] },
  ],
  closures: [
    { date: '2026-03-10', mealIds: null },
    { date: '2026-03-11', mealIds: ['dinner'] },
  ],
  cycles: [{ id: 'march', from: '2026-03-01', to: '2026-03-31' }],
};
const student: StudentFacts = { id: 's1', status: 'approved', paidCycleIds: ['march'], cuts: [] };
const never = () => false;
const scan = (at: string, s: Partial<StudentFacts> = {}, served: (k: string) => boolean = never) =>
  decideScan({ at: ist(at), facts, student: { ...student, ...s }, alreadyServed: served });

describe('decideScan (in the mess time zone, Asia/Kolkata)', () => {
  it('allows an approved, paid student inside a meal window and names the window', () => {
    expect(scan('2026-03-09T13:00:00')).toEqual({
      decision: 'allowed',
      reason: null,
      date: '2026-03-09',
      mealId: 'lunch',
      windowKey: '2026-03-09:lunch',
    });
  });

  it('uses the local date: 00:30 IST is still the previous day in UTC but counts as today', () => {
    const d = decideScan({
      at: new Date('2026-03-08T19:00:00Z'), // 00:30 on 9 March in Kolkata
      facts: { ...facts, meals: [{ id: 'late', name: 'Late', start: '00:00', end: '01:00', weekdays: [1] }] },
      student,
      alreadyServed: never,
    });
    expect(d).toMatchObject({ decision: 'allowed', date: '2026-03-09', windowKey: '2026-03-09:late' });
  });

  it.each(['pending', 'denied'] as const)('denies a %s student: not_approved', (status) => {
    expect(scan('2026-03-09T13:00:00', { status })).toMatchObject({
      decision: 'denied',
      reason: 'not_approved',
    });
  });

  it('denies a suspended student as suspended (the counter says so)', () => {
    expect(scan('2026-03-09T13:00:00', { status: 'suspended' })).toMatchObject({
      decision: 'denied',
      reason: 'suspended',
    });
  });

  it('denies outside every billing cycle: no_billing_cycle', () => {
    expect(scan('2026-04-02T13:00:00')).toMatchObject({ reason: 'no_billing_cycle' });
  });

  it('denies without a verified payment for the current cycle: payment_due', () => {
    expect(scan('2026-03-09T13:00:00', { paidCycleIds: ['february'] })).toMatchObject({
      reason: 'payment_due',
    });
  });

  it('denies on a day covered by a mess cut: mess_cut', () => {
    const cuts = [{ from: '2026-03-08', to: '2026-03-09' }];
    expect(scan('2026-03-09T13:00:00', { cuts })).toMatchObject({ reason: 'mess_cut' });
    expect(scan('2026-03-10T08:00:00', { cuts }).reason).not.toBe('mess_cut');
  });

  it('denies when the mess is closed all day, or for that meal: mess_closed', () => {
    expect(scan('2026-03-10T08:00:00')).toMatchObject({ reason: 'mess_closed', mealId: null });
    expect(scan('2026-03-11T20:00:00')).toMatchObject({ reason: 'mess_closed', mealId: 'dinner' });
    expect(scan('2026-03-11T13:00:00')).toMatchObject({ decision: 'allowed', mealId: 'lunch' });
  });

  it('denies between meals and on weekdays a meal does not run: outside_meal_window', () => {
    expect(scan('2026-03-09T10:00:00')).toMatchObject({ reason: 'outside_meal_window' });
    expect(scan('2026-03-09T09:30:00')).toMatchObject({ reason: 'outside_meal_window' }); // end is exclusive
    expect(scan('2026-03-15T13:00:00')).toMatchObject({ reason: 'outside_meal_window' }); // Sunday, no lunch
  });

  it('denies a second scan in the same window: already_served', () => {
    const served = (k: string) => k === windowKeyOf('2026-03-09', 'lunch');
    expect(scan('2026-03-09T14:00:00', {}, served)).toMatchObject({
      reason: 'already_served',
      windowKey: '2026-03-09:lunch',
    });
    expect(scan('2026-03-09T20:00:00', {}, served)).toMatchObject({ decision: 'allowed' });
  });

  it('checks the rules in order: the first failing one is the reason', () => {
    const all = scan('2026-03-10T10:00:00', { status: 'pending', paidCycleIds: [], cuts: [] });
    expect(all.reason).toBe('not_approved');
    expect(scan('2026-03-10T10:00:00', { paidCycleIds: [] }).reason).toBe('payment_due');
    expect(scan('2026-03-10T10:00:00', { status: 'suspended' }).reason).toBe('suspended');
    expect(RULE_DENIALS).toHaveLength(8);
  });
});

describe('upcomingWindows', () => {
  it('lists the current and next windows across midnight, in start order', () => {
    const w = upcomingWindows(ist('2026-03-09T20:00:00'), TZ, facts.meals, 3);
    expect(w.map((x) => x.windowKey)).toEqual([
      '2026-03-09:dinner',
      '2026-03-10:breakfast',
      '2026-03-10:lunch',
    ]);
  });
});
