import { describe, expect, it } from 'vitest';
import type { MessFacts } from '../browser.ts';
import { mealNow } from './meal-now.ts';

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const facts: MessFacts = {
  timeZone: 'Asia/Kolkata',
  meals: [
    { id: 'b', name: 'Breakfast', start: '07:30', end: '09:30', weekdays: EVERY_DAY },
    { id: 'l', name: 'Lunch', start: '12:30', end: '14:30', weekdays: EVERY_DAY },
    { id: 'd', name: 'Dinner', start: '19:30', end: '21:30', weekdays: [1, 2, 3, 4, 5] },
  ],
  closures: [{ date: '2026-01-06', mealIds: ['l'] }],
  cycles: [],
};
// Monday 5 January 2026, Kolkata (UTC+5:30).
const at = (time: string, date = '2026-01-05') => new Date(`${date}T${time}:00+05:30`);

describe('the meal shown before any scan', () => {
  it('names the meal being served and when it ends', () => {
    expect(mealNow(facts, at('13:10'))).toEqual({ kind: 'serving', meal: 'Lunch', end: '14:30' });
  });

  it('names the next meal today between meals', () => {
    expect(mealNow(facts, at('10:00'))).toEqual({
      kind: 'next',
      meal: 'Lunch',
      start: '12:30',
      date: '2026-01-05',
      today: true,
    });
  });

  it('says the mess is closed for a meal closed today, and skips closed meals when naming the next', () => {
    expect(mealNow(facts, at('13:00', '2026-01-06'))).toEqual({ kind: 'closed', meal: 'Lunch' });
    expect(mealNow(facts, at('10:00', '2026-01-06'))).toMatchObject({ kind: 'next', meal: 'Dinner' });
  });

  it('names tomorrow’s first meal after the last one, on days without it too', () => {
    // Friday night: no dinner on Saturday, breakfast is next.
    expect(mealNow(facts, at('22:00', '2026-01-09'))).toEqual({
      kind: 'next',
      meal: 'Breakfast',
      start: '07:30',
      date: '2026-01-10',
      today: false,
    });
  });

  it('says so when the phone knows no meal at all', () => {
    expect(mealNow({ ...facts, meals: [] }, at('13:00'))).toEqual({ kind: 'none' });
  });
});
