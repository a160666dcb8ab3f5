import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../core/i18n/index.ts';
import { formatMoney } from '../../core/money/index.ts';
import {
  fitTemplateStaffText,
  fittedToGsm7,
  renderTemplate,
  smsSegments,
} from '../../core/notifications/index.ts';
import { raffleTemplates } from './raffle.notifications.ts';
import {
  RAFFLE_SMS_PARTS,
  raffleSmsTemplates,
  SMS_BACKED,
  smsDataOf,
  smsNumbers,
  smsTemplateFor,
} from './raffle.sms.ts';

/** 500 tickets of a raffle numbered to 99999 (the most one order may hold). */
const FIVE_HUNDRED = Array.from({ length: 500 }, (_, i) => 99_000 + i * 2).join(', ');
const LONG_NAME = 'Gran Rifa Solidaria de Navidad del Club Deportivo Sportivo Luqueño 2027 '.repeat(3);
/** What staff type as a reason, as long as the routes take it. */
const REASON = 'The transfer reference does not match any payment received this week. '.repeat(10);

/** The WhatsApp message's data with the longest values it carries, as the fallback reads it. */
const longest = (locale: string): Record<string, string> => ({
  raffle: LONG_NAME,
  prize: LONG_NAME,
  numbers: FIVE_HUNDRED,
  number: '99999',
  amount: formatMoney({ amountMinor: 999_999_999, currency: 'PYG' }, locale),
  reason: REASON,
});

describe('raffle SMS templates (issue 65)', () => {
  for (const whatsapp of SMS_BACKED)
    for (const locale of LOCALES)
      it(`${smsTemplateFor(whatsapp).key} in ${locale} fits ${RAFFLE_SMS_PARTS} parts in GSM-7`, () => {
        const template = smsTemplateFor(whatsapp);
        expect(template.smsParts).toBe(RAFFLE_SMS_PARTS);
        const data = fitTemplateStaffText(template, 'sms', locale, smsDataOf(whatsapp, longest(locale)));
        const body = fittedToGsm7(renderTemplate(template, locale, data).body);
        const fit = smsSegments(body);
        expect({ body, encoding: fit.encoding }).toEqual({ body, encoding: 'GSM-7' });
        expect(fit.segments, body).toBeLessThanOrEqual(RAFFLE_SMS_PARTS);
        expect(body).not.toMatch(/\{\{|undefined/);
        if ('numbers' in data) expect(body).toContain('99000, 99002, 99004');
        if ('number' in data) expect(body).toContain('99999');
      });

  it('declares every text in the module, each with a key of its own', () => {
    expect(raffleSmsTemplates.map((t) => t.key).sort()).toEqual([
      'raffle.order_cancelled_sms',
      'raffle.order_paid_sms',
      'raffle.order_refunded_sms',
      'raffle.proof_denied_sms',
      'raffle.winner_sms',
    ]);
  });

  it('is the fallback its WhatsApp message declares, and no other message has one', () => {
    const fallbacks = Object.fromEntries(
      raffleTemplates.map((t) => [
        t.key,
        t.fallback && { channel: t.fallback.channel, text: t.fallback.template },
      ]),
    );
    for (const whatsapp of SMS_BACKED)
      expect(fallbacks[whatsapp]).toEqual({ channel: 'sms', text: smsTemplateFor(whatsapp) });
    const others = raffleTemplates.filter((t) => !(SMS_BACKED as string[]).includes(t.key));
    expect(others.map((t) => t.key)).toEqual([
      'raffle.hold_expired',
      'raffle.hold_reminder',
      'raffle.announcement',
    ]);
    expect(others.filter((t) => t.fallback)).toEqual([]);
  });

  it("takes the WhatsApp message's data as it was stored, fitted", () => {
    const fallback = raffleTemplates.find((t) => t.key === 'raffle.proof_denied')!.fallback!;
    expect(fallback.data!({ numbers: '7, 3', reason: 'Wrong reference. ' } as never)).toEqual({
      numbers: '7, 3',
      reason: 'Wrong reference',
    });
  });

  it('keeps the accents GSM-7 has (French "confirmé", Spanish "¡Suerte!")', () => {
    const paid = smsTemplateFor('raffle.order_paid');
    const data = { raffle: 'Rifa', numbers: '7' };
    expect(fittedToGsm7(renderTemplate(paid, 'fr', data).body)).toContain('Paiement confirmé');
    expect(fittedToGsm7(renderTemplate(paid, 'es', data).body)).toContain('¡Suerte!');
  });

  it('shows as many ticket numbers as fit and says how many more', () => {
    expect(smsNumbers('3, 7, 12')).toBe('3, 7, 12');
    const fitted = smsNumbers(FIVE_HUNDRED);
    expect(fitted).toMatch(/^99000, 99002, .+ \(\+\d+\)$/);
    const shown = fitted.replace(/ \(\+\d+\)$/, '').split(', ').length;
    expect(fitted).toContain(`(+${500 - shown})`);
  });
});
