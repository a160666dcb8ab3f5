import { describe, expect, it } from 'vitest';
import { LOCALES } from '../core/i18n/index.ts';
import {
  CHAT_MESSAGE_CHARS,
  fitTemplateStaffText,
  fittedToGsm7,
  hasLink,
  smsSegments,
} from '../core/notifications/index.ts';
import { ALWAYS_ENABLED } from './core-areas.ts';
import { AVAILABLE_MODULES } from './modules.ts';

// Security issue 61 item 4: text staff type reaches a person only inside a template that keeps its
// room and carries no link of theirs. Each template decides on its fields that look typed by staff.

/** Field names that usually carry what staff typed for the person to read. */
const LOOKS_TYPED = /reason|note|message|comment|remark|explanation|text/i;

const templates = [...ALWAYS_ENABLED, ...AVAILABLE_MODULES].flatMap((area) => area.templates ?? []);

/** The longest staff text the routes accept (an announcement: 700), links in it everywhere. */
const TYPED =
  `Wrong meter, see https://pay.example.com/r?id=1 or www.example.org and bit.ly/x. ${'Sorry for the trouble caused. '.repeat(25)}`.slice(
    0,
    700,
  );
/** The longest values the other fields carry, whatever template reads them. */
const LONGEST: Record<string, unknown> = {
  meter: '0412345678901',
  amount: 'RWF 9,999,999',
  delivered: 'yes',
  approved: false,
  name: 'Priyanka Venkataraman-Sharma',
  cycle: 'September 2027 (second half)',
  numbers: '1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12',
  raffle: 'Grand Christmas Raffle 2027',
  reason: TYPED,
  note: TYPED,
  message: TYPED,
};

describe('staff text in message templates', () => {
  it('has every template decide on each field that looks typed by staff', () => {
    const undecided: string[] = [];
    for (const template of templates) {
      const shape = (template.data as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
      for (const field of Object.keys(shape))
        if (LOOKS_TYPED.test(field) && !template.staffText?.includes(field))
          undecided.push(`${template.key}.${field}`);
    }
    expect(undecided, 'declare these in the template’s `staffText`').toEqual([]);
  });

  it('fits the reasons, notes and announcements found in the sweep', () => {
    const declared = Object.fromEntries(
      templates.filter((t) => t.staffText?.length).map((t) => [t.key, [...(t.staffText ?? [])]]),
    );
    expect(declared).toEqual({
      'mess.denied': ['reason'],
      'mess.suspended': ['reason'],
      'mess.payment_denied': ['reason'],
      'mess.payment_refunded': ['reason'],
      'mess.approved_sms': ['name'],
      'mess.denied_sms': ['name', 'reason'],
      'mess.payment_verified_sms': ['cycle'],
      'mess.payment_denied_sms': ['cycle', 'reason'],
      'mess.payment_refunded_sms': ['cycle', 'reason'],
      'mess.fee_reminder_sms': ['name', 'cycle'],
      'mess.approved_link_sms': ['name'],
      'raffle.proof_denied': ['reason'],
      'raffle.order_refunded': ['reason'],
      'raffle.announcement': ['message'],
      'raffle.proof_denied_sms': ['reason'],
      'raffle.order_refunded_sms': ['reason'],
      'prepaid.meter_request': ['note'],
      'prepaid.refund': ['reason'],
      'prepaid.refund_sms': ['reason'],
      'payments.refund_rejected': ['reason'],
      'exhibition.money_returned': ['reason'],
    });
  });

  for (const template of templates.filter((t) => t.staffText?.length))
    it(`${template.key} keeps its room and no link in every language`, () => {
      for (const locale of LOCALES) {
        const channels = template.smsParts ? (['sms', 'email'] as const) : (['email', 'whatsapp'] as const);
        for (const channel of channels) {
          const data = fitTemplateStaffText(template, channel, locale, LONGEST as never);
          const body = template.body(locale, data);
          expect(hasLink(body), `${locale} ${channel}: ${body}`).toBe(false);
          if (channel === 'sms')
            expect(smsSegments(fittedToGsm7(body)).segments).toBeLessThanOrEqual(template.smsParts!);
          else expect([...body].length).toBeLessThanOrEqual(CHAT_MESSAGE_CHARS);
        }
      }
    });
});
