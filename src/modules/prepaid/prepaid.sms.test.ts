import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../core/money/index.ts';
import { fittedToGsm7, renderTemplate, smsSegments } from '../../core/notifications/index.ts';
import { kwhIn } from './prepaid.format.ts';
import { groupedToken } from './prepaid.notifications.ts';
import { prepaidSmsTemplates, SMS_PART_BUDGET } from './prepaid.sms.ts';

const LOCALES = ['en', 'hi', 'es', 'fr', 'rw'] as const;

/** The longest values a real text carries: a 13-digit meter, a 20-digit token, a large sale. */
const longest = (locale: string) => ({
  meter: '0412345678901',
  token: groupedToken('12345678901234567890'),
  amount: formatMoney({ amountMinor: 9_999_999, currency: 'RWF' }, locale),
  units: kwhIn(99_999, locale),
  balance: kwhIn(12_345, locale),
  daysLeft: '14',
  ussd: '*384*12345*01#',
});

describe('prepaid SMS templates', () => {
  for (const template of prepaidSmsTemplates)
    for (const locale of LOCALES)
      it(`${template.key} in ${locale} fits ${SMS_PART_BUDGET[template.key]} part(s)`, () => {
        const body = fittedToGsm7(renderTemplate(template, locale, longest(locale) as never).body);
        const fit = smsSegments(body);
        expect({ body, segments: fit.segments }).toEqual({
          body,
          segments: Math.min(fit.segments, SMS_PART_BUDGET[template.key]!),
        });
        expect(body).not.toMatch(/\{\{|undefined/);
      });

  it('writes French and Kinyarwanda in GSM-7 (an apostrophe or accent outside it would halve the room)', () => {
    for (const locale of ['en', 'es', 'fr', 'rw'] as const)
      for (const template of prepaidSmsTemplates)
        expect(
          smsSegments(fittedToGsm7(renderTemplate(template, locale, longest(locale) as never).body)).encoding,
        ).toBe('GSM-7');
  });

  it('keeps the accents GSM-7 has: a French payer reads "n\'a été prélevé", not "n a ete preleve"', () => {
    const failed = prepaidSmsTemplates.find((t) => t.key === 'prepaid.payment_failed_sms')!;
    const body = fittedToGsm7(renderTemplate(failed, 'fr', longest('fr') as never).body);
    expect(body).toContain("n'a été prélevé");
  });
});
