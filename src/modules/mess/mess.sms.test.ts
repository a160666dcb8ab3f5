import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../core/money/index.ts';
import {
  fitTemplateStaffText,
  fittedToGsm7,
  renderTemplate,
  smsSegments,
} from '../../core/notifications/index.ts';
import { mealPassLinkPath } from './meal-pass.ts';
import { messSmsTemplates, smsValues } from './mess.notifications.ts';

const KEY = 'mess-sms-test-key-0123456789abcdef0123';
const ID = '0b6f1c2e-7a4d-4e8b-9c1f-3d5e7a9b1c2d';

const LOCALES = ['en', 'hi', 'es', 'fr', 'rw'] as const;

/** The longest values a text carries: a 120-character name, a 500-character reason, a large fee. */
const longest = (locale: string) =>
  smsValues({
    name: 'Aarav Venkatanarayanan Subramaniam'.padEnd(120, ' Krishnamurthy'),
    roll: 'ROLL-2026-0000000000123456789012',
    cycle: 'November 2026 (second half, hostel B)'.padEnd(80, '.'),
    amount: formatMoney({ amountMinor: 9_999_999, currency: 'INR' }, locale),
    balance: formatMoney({ amountMinor: 9_999_999, currency: 'INR' }, locale),
    reason: 'The proof shows another account; please pay at the office. '.repeat(9).slice(0, 500),
    // A long public address, a uuid, the pass version at its largest and the 20-digit hash.
    link: `https://mess.hostel-b.university.example.ac.in${mealPassLinkPath(KEY, ID, 4_294_967_295)}`,
  });

describe('mess SMS templates (issue 65)', () => {
  for (const template of messSmsTemplates)
    for (const locale of LOCALES)
      it(`${template.key} in ${locale} fits its parts with the longest values`, () => {
        const data = fitTemplateStaffText(template, 'sms', locale, longest(locale) as never);
        const body = fittedToGsm7(renderTemplate(template, locale, data).body);
        // Two parts, three for the approval that carries the pass link.
        expect(smsSegments(body).segments).toBeLessThanOrEqual(template.smsParts ?? 2);
        expect(template.smsParts ?? 2).toBeLessThanOrEqual(3);
        // A link is never cut: the whole of it reaches the phone.
        if (template.key === 'mess.approved_link_sms') expect(body).toContain(longest(locale).link);
        expect(body).not.toMatch(/\{\{|undefined/);
        // The words are the language's own, not English fallen back to.
        if (locale !== 'en')
          expect(renderTemplate(template, locale, data).body).not.toBe(
            renderTemplate(template, 'en', data).body,
          );
      });

  it('writes Spanish, French and Kinyarwanda in GSM-7', () => {
    for (const locale of ['en', 'es', 'fr', 'rw'] as const)
      for (const template of messSmsTemplates) {
        const data = fitTemplateStaffText(template, 'sms', locale, longest(locale) as never);
        expect(smsSegments(fittedToGsm7(renderTemplate(template, locale, data).body)).encoding).toBe('GSM-7');
      }
  });
});
