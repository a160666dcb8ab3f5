import { describe, expect, it } from 'vitest';
import { clockTimeIn, mealNameIn, zoneNameIn } from './local-words.rules.ts';

describe('the mess in the reader’s language (issue 66 item 4)', () => {
  it('names the usual meals in the reader’s language, however they were stored', () => {
    expect(mealNameIn('Breakfast', 'hi')).toBe('नाश्ता');
    expect(mealNameIn('LUNCH', 'hi')).toBe('दोपहर का भोजन');
    expect(mealNameIn('रात का भोजन', 'en')).toBe('Dinner');
    expect(mealNameIn(' Desayuno ', 'fr')).toBe('Petit-déjeuner');
    expect(mealNameIn('Dinner', 'rw')).toBe('Ifunguro rya nimugoroba');
  });

  it('leaves a meal the mess named itself as it is', () => {
    expect(mealNameIn('Evening tiffin', 'hi')).toBe('Evening tiffin');
  });

  it('names the zone as people say it, never the IANA id where a name exists', () => {
    expect(zoneNameIn('Asia/Kolkata', 'hi')).toBe('भारतीय मानक समय');
    expect(zoneNameIn('Asia/Kolkata', 'en')).toBe('India Standard Time');
    expect(zoneNameIn('Asia/Kolkata', 'es')).toBe('hora estándar de la India');
    // Intl knows no Kinyarwanda name, only an offset: the id says more.
    expect(zoneNameIn('Asia/Kolkata', 'rw')).toBe('Asia/Kolkata');
    expect(zoneNameIn('Not/AZone', 'hi')).toBe('Not/AZone');
  });

  it('says a time in Hindi by the part of the day, and on the 24-hour clock elsewhere', () => {
    expect(clockTimeIn('23:00', 'hi')).toBe('रात 11:00');
    expect(clockTimeIn('07:30', 'hi')).toBe('सुबह 7:30');
    expect(clockTimeIn('13:05', 'hi')).toBe('दोपहर 1:05');
    expect(clockTimeIn('23:00', 'en')).toBe('23:00');
    expect(clockTimeIn('07:30', 'fr')).toBe('07:30');
    expect(clockTimeIn('7:30', 'en')).toBe('07:30');
  });
});
