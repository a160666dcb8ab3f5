import { describe, expect, it } from 'vitest';
import { flattenKeys } from '../../core/i18n/index.ts';
import { alarmTemplate } from './coffee.notifications.ts';
import { coffeeNotifyCatalog } from './coffee.notify.catalog.ts';
import { COMMAND_TYPES } from './coffee.rules.ts';
import { ONCALL_LANGUAGES } from './oncall.ts';

const failed = {
  kind: 'command_failed' as const,
  severity: 'warn' as const,
  device: 'CM-1005',
  place: 'Downtown #5',
  about: 'apply_recipes',
};

describe('the alarm message to on-call staff', () => {
  it('is worded in its catalog in every language a person on call may choose, with the same keys', () => {
    expect(Object.keys(coffeeNotifyCatalog)).toEqual([...ONCALL_LANGUAGES]);
    for (const language of ONCALL_LANGUAGES)
      expect(flattenKeys(coffeeNotifyCatalog[language]!)).toEqual(flattenKeys(coffeeNotifyCatalog.en));
    expect(Object.keys(coffeeNotifyCatalog.en.commands!)).toEqual([...COMMAND_TYPES]);
  });

  it("names a failed command by its name in the reader's language, not its code", () => {
    expect(alarmTemplate.body('hi', failed)).toBe(
      'कॉफ़ी मशीन CM-1005 (Downtown #5) कमांड "रेसिपी लागू करें" पूरा नहीं कर सकी।',
    );
    expect(alarmTemplate.body('es', failed)).toBe(
      'La cafetera CM-1005 (Downtown #5) no pudo cumplir la orden "Aplicar recetas".',
    );
    expect(alarmTemplate.body('en', failed)).toBe(
      'Coffee machine CM-1005 (Downtown #5) failed the command "Apply recipes".',
    );
  });

  it('says how urgent a critical alarm is in Hindi too, in the subject and the body', () => {
    const offline = { ...failed, kind: 'offline' as const, severity: 'critical' as const, about: '' };
    expect(alarmTemplate.subject?.('hi', offline)).toBe('गंभीर: मशीन ऑफ़लाइन CM-1005');
    expect(alarmTemplate.body('hi', offline)).toMatch(/^गंभीर: कॉफ़ी मशीन CM-1005 \(Downtown #5\)/);
  });
});
