import { z } from 'zod';
import { createI18n, type Locale } from '../../core/i18n/index.ts';
import { defineTemplate, type NotificationTemplate } from '../../core/notifications/index.ts';

/**
 * What a customer is told when money went back for a purchase (issue 53), in their language. Written
 * for SMS too: plain quotes, no dashes, two parts at most.
 */
const catalog = {
  en: {
    subject: 'Refund for meter {{meter}}',
    refunded: '{{amount}} was refunded for meter {{meter}}. Reason: {{reason}}.',
    token_works: ' The token you received keeps working on the meter.',
  },
  hi: {
    subject: 'मीटर {{meter}} के लिए धनवापसी',
    refunded: 'मीटर {{meter}} के लिए {{amount}} वापस किए गए। कारण: {{reason}}।',
    token_works: ' आपको मिला टोकन मीटर पर काम करता रहेगा।',
  },
  es: {
    subject: 'Reembolso del medidor {{meter}}',
    refunded: 'Se reembolsaron {{amount}} del medidor {{meter}}. Motivo: {{reason}}.',
    token_works: ' El token que recibio sigue funcionando en el medidor.',
  },
  fr: {
    subject: 'Remboursement pour le compteur {{meter}}',
    refunded: '{{amount}} ont ete rembourses pour le compteur {{meter}}. Motif : {{reason}}.',
    token_works: ' Le code recu continue de fonctionner sur le compteur.',
  },
  rw: {
    subject: 'Amafaranga yasubijwe kuri mubazi {{meter}}',
    refunded: 'Amafaranga {{amount}} yasubijwe kuri mubazi {{meter}}. Impamvu: {{reason}}.',
    token_works: ' Tokeni wahawe ikomeza gukora kuri mubazi.',
  },
};

const words = createI18n({ catalogs: { 'prepaid-refund': catalog } });
const t = (locale: Locale, key: string, params: object = {}) =>
  words.t(locale, `prepaid-refund:${key}`, { ...params });

const data = z.object({
  meter: z.string(),
  amount: z.string(),
  reason: z.string(),
  /** `yes` when the purchase's token was issued: it keeps working (an OpenPAYGO token cannot be revoked). */
  delivered: z.enum(['yes', 'no']),
});
const body = (locale: Locale, d: z.infer<typeof data>) =>
  `${t(locale, 'refunded', d)}${d.delivered === 'yes' ? t(locale, 'token_works') : ''}`;

/** The refund to the account's channel (e-mail, WhatsApp, Telegram). */
export const refundMessageTemplate = defineTemplate({
  key: 'prepaid.refund',
  data,
  // Staff type the reason (up to 500 characters): cut to the message's room, without links.
  staffText: ['reason'],
  subject: (locale, d) => t(locale, 'subject', d),
  body,
});

/** The refund by SMS to the phone that paid: the reason cut to fit two parts. */
export const refundSmsTemplate = defineTemplate({
  key: 'prepaid.refund_sms',
  data,
  staffText: ['reason'],
  smsParts: 2,
  body,
});

export const prepaidRefundTemplates = [
  refundMessageTemplate,
  refundSmsTemplate,
] as NotificationTemplate<never>[];
