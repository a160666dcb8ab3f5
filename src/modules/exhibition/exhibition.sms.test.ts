import { describe, expect, it } from 'vitest';
import { formatMoney, money } from '../../core/money/index.ts';
import { fittedToGsm7, renderTemplate, smsSegments, smsValue } from '../../core/notifications/index.ts';
import { passLinkVersion } from '../../core/pass-issuer/index.ts';
import {
  BADGE_LINK_SCOPE,
  badgeLinkPath,
  EXHIBITION_SMS_PART_BUDGET,
  exhibitionSmsTemplates,
  STATEMENT_LINK_SCOPE,
  smsExhibitionName,
  statementLinkPath,
} from './exhibition.sms.ts';

const LOCALES = ['en', 'hi', 'es', 'fr', 'rw'] as const;
const KEY = 'exhibition-sms-test-key-0123456789abcdef';
const ID = '0195f3a2-7c1e-7b3d-9a4f-2c8e5d6b1a90';

/** An amount as long as a statement's: a hundred million euros in French, with its no-break spaces. */
const amount = smsValue(formatMoney(money(-99_999_999_99, 'EUR'), 'fr'));

/**
 * The longest values a real text carries: a 200-character exhibition name, a long public address
 * (the statement's path, the longer of the two links), 9 999 bills and amounts in the hundred millions.
 */
const longest = {
  exhibition: smsExhibitionName('Salon International de l’Agriculture et de l’Élevage de Kigali '.repeat(4)),
  code: 'WXYZ-2345',
  link: `https://opsdesk.kigali-trade-fair.example.rw${statementLinkPath(KEY, ID, 4_294_967_295)}`,
  bills: 9999,
  total: amount,
  paid: amount,
  returned: amount,
  net: amount,
};

describe('exhibition SMS templates (issue 65)', () => {
  for (const template of exhibitionSmsTemplates)
    for (const locale of LOCALES)
      it(`${template.key} in ${locale} fits ${EXHIBITION_SMS_PART_BUDGET[template.key]} parts in GSM-7`, () => {
        const body = fittedToGsm7(renderTemplate(template, locale, longest as never).body);
        const fit = smsSegments(body);
        expect(fit.encoding).toBe('GSM-7');
        expect(fit.segments).toBeLessThanOrEqual(EXHIBITION_SMS_PART_BUDGET[template.key]!);
        expect(body).toContain(longest.code);
        expect(body).toContain(longest.link);
        expect(body).not.toMatch(/\{\{|undefined/);
      });

  it("writes the statement's amounts with plain spaces, the rupee as Rs", () => {
    expect(amount).toBe('-99 999 999,99 €');
    expect(smsValue(formatMoney(money(1_234_567_00, 'INR'), 'hi'))).toMatch(/^Rs 12,34,567(\.00)?$/);
    const [, statement] = exhibitionSmsTemplates;
    const body = renderTemplate(statement!, 'fr', longest as never).body;
    expect(body).toContain(`Total ${amount}, payé ${amount}, rendu ${amount}, payé net ${amount}.`);
    expect(body).not.toMatch(/[\u00A0\u202F]/);
  });

  it('keeps the accents GSM-7 has (Spanish "Muéstrelo", French "à")', () => {
    const [welcome] = exhibitionSmsTemplates;
    expect(fittedToGsm7(renderTemplate(welcome!, 'es', longest as never).body)).toContain('Muéstrelo');
    expect(fittedToGsm7(renderTemplate(welcome!, 'fr', longest as never).body)).toContain('à chaque stand');
  });

  it("opens a badge link only with its own customer's and pass version's hash", () => {
    const [, version, token] = /\/(\d+)\.([0-9a-f]{20})$/.exec(badgeLinkPath(KEY, ID, 2))!;
    expect(passLinkVersion(KEY, BADGE_LINK_SCOPE, ID, `${version}.${token}`)).toBe(2);
    expect(passLinkVersion(KEY, BADGE_LINK_SCOPE, ID, `3.${token}`)).toBeUndefined();
    expect(
      passLinkVersion('another-key-0123456789abcdef0123456789', BADGE_LINK_SCOPE, ID, `2.${token}`),
    ).toBeUndefined();
    expect(passLinkVersion(KEY, BADGE_LINK_SCOPE, ID, `2.${'a'.repeat(20)}`)).toBeUndefined();
    // Another module's link to the same id opens nothing here.
    expect(passLinkVersion(KEY, 'mess.pass-link', ID, `${version}.${token}`)).toBeUndefined();
    // Nor does a badge link open the statement, nor the reverse.
    expect(passLinkVersion(KEY, STATEMENT_LINK_SCOPE, ID, `${version}.${token}`)).toBeUndefined();
    const statementSegment = statementLinkPath(KEY, ID, 2).split('/').pop()!;
    expect(passLinkVersion(KEY, STATEMENT_LINK_SCOPE, ID, statementSegment)).toBe(2);
    expect(passLinkVersion(KEY, BADGE_LINK_SCOPE, ID, statementSegment)).toBeUndefined();
  });
});
