import { describe, expect, it } from 'vitest';
import { wordsIn } from './i18n.ts';
import { mealText } from './scan.screen.ts';

// Issue 66 item 4: the scanner said "Lunch" and "14:30" to a Hindi-reading counter, where the console
// says the meal and the time as a Hindi reader does.
describe('the meal at the counter, in the scanner’s language', () => {
  it('names the usual meals and their times in Hindi, and keeps a name the mess chose', () => {
    const hindi = wordsIn('hi');
    const serving = mealText({ kind: 'serving', meal: 'Lunch', end: '14:30' }, hindi);
    expect(serving).toContain('दोपहर का भोजन');
    expect(serving).not.toMatch(/Lunch|14:30/);
    expect(mealText({ kind: 'closed', meal: 'Tiffin' }, hindi)).toContain('Tiffin');
  });

  it('says them in English on an English scanner', () => {
    expect(mealText({ kind: 'serving', meal: 'Lunch', end: '14:30' }, wordsIn('en'))).toMatch(/Lunch.*14:30/);
  });
});
