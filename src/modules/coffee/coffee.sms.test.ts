import { describe, expect, it } from 'vitest';
import { fittedToGsm7, renderTemplate, smsSegments } from '../../core/notifications/index.ts';
import { ALARM_KINDS } from './coffee.rules.ts';
import { COFFEE_SMS_PART_BUDGET, coffeeSmsTemplates } from './coffee.sms.ts';

const LOCALES = ['en', 'hi', 'es', 'fr', 'rw'] as const;

/** The longest values a real text carries: a 64-character serial, 200-character names and a 64-character tag. */
const LONGEST = {
  device: 'CM-'.padEnd(64, '7'),
  place: 'Salle des fêtes de la Chambre de Commerce de Kigali, '.repeat(4).slice(0, 200),
  about: 'Lait entier en poudre de la ferme coopérative, '.repeat(5).slice(0, 200),
  severity: 'critical',
  version: 2_147_483_647,
  tag: 'zone-centre-ville-kigali-nyarugenge-étage-2-'.repeat(2).slice(0, 64),
  failed: 9_999,
  total: 10_000,
};
const CASES = [
  ...ALARM_KINDS.map((kind) => ({ key: 'coffee.alarm_sms', data: { ...LONGEST, kind } })),
  ...(['held', 'aborted'] as const).map((status) => ({
    key: 'coffee.rollout_sms',
    data: { ...LONGEST, status },
  })),
];
const templateOf = (key: string) => coffeeSmsTemplates.find((t) => t.key === key)!;
const text = (key: string, locale: (typeof LOCALES)[number], data: object) =>
  fittedToGsm7(renderTemplate(templateOf(key), locale, data as never).body);

describe('coffee SMS templates (issue 65)', () => {
  for (const c of CASES)
    for (const locale of LOCALES)
      it(`${c.key} (${'kind' in c.data ? c.data.kind : c.data.status}) in ${locale} fits its budget, GSM-7 but in Hindi`, () => {
        const body = text(c.key, locale, c.data);
        const fit = smsSegments(body);
        const budget = COFFEE_SMS_PART_BUDGET[c.key as keyof typeof COFFEE_SMS_PART_BUDGET];
        expect({ body, segments: fit.segments }).toEqual({ body, segments: Math.min(fit.segments, budget) });
        expect(fit.encoding).toBe(locale === 'hi' ? 'UCS-2' : 'GSM-7');
        // the budget is Hindi's (UCS-2, 67 characters a part); a Latin text takes two parts at most
        if (locale !== 'hi') expect(fit.segments).toBeLessThanOrEqual(2);
        expect(body).not.toMatch(/\{\{|undefined|coffee-sms:/);
      });

  it('keeps the accents GSM-7 has: a French manager reads "La machine à café", "a échoué"', () => {
    const alarm = { kind: 'command_failed', severity: 'warn', device: 'CM-1', place: '', about: 'restart' };
    expect(text('coffee.alarm_sms', 'fr', alarm)).toBe(
      'La machine à café CM-1 a échoué la commande "Redémarrer".',
    );
    expect(
      text('coffee.rollout_sms', 'fr', { ...LONGEST, tag: 'centre', status: 'held', failed: 1, total: 4 }),
    ).toContain("1 machine d'essai sur 4 a échoué");
    expect(
      text('coffee.rollout_sms', 'fr', { ...LONGEST, tag: 'centre', status: 'held', failed: 2, total: 4 }),
    ).toContain("2 machines d'essai sur 4 ont échoué");
  });

  it('writes French in letters GSM-7 has: nothing of a French text is folded on its way', () => {
    for (const c of CASES) {
      const data = { ...c.data, place: 'Gare', about: 'Lait' };
      const body = renderTemplate(templateOf(c.key), 'fr', data as never).body;
      expect(fittedToGsm7(body)).toBe(body);
    }
  });

  it('cuts a long place and material with "..." and says a critical alarm is urgent', () => {
    const body = text('coffee.alarm_sms', 'en', { ...LONGEST, kind: 'low_material', device: 'CM-9' });
    expect(body).toBe(
      'URGENT: Coffee machine CM-9 (Salle des fetes de la Chamb...) is running low on Lait entier en poudre de la ferme coo....',
    );
  });
});
