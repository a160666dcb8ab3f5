import { describe, expect, it } from 'vitest';
import { alarmTemplate } from './coffee.notifications.ts';

const failed = {
  kind: 'command_failed' as const,
  severity: 'warn' as const,
  device: 'CM-1005',
  place: 'Downtown #5',
  about: 'apply_recipes',
};

describe('the alarm message to on-call staff', () => {
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
