import { z } from 'zod';
import { createI18n } from '../../i18n/index.ts';
import { defineTemplate } from '../../notifications/index.ts';
import { refundRejectedCatalogs } from './refund-rejected.catalog.ts';

const i18n = createI18n({ catalogs: { 'refund-rejected': refundRejectedCatalogs } });

/**
 * `payments.refund_rejected`: tells the member of staff who asked for a refund that a second person
 * turned it down, with the reason, the amount, the person it was for and the record it had paid for.
 */
export const refundRejectedTemplate = defineTemplate<{
  /** Already written in the reader's language (`formatMoney`). */
  amount: string;
  /** The person the money would have gone back to; empty when the record names nobody. */
  payer: string;
  /** The record the money had paid for, in its module's words. */
  record: string;
  /** Who turned it down (their e-mail). */
  decidedBy: string;
  reason: string;
}>({
  key: 'payments.refund_rejected',
  data: z.object({
    amount: z.string().min(1).max(100),
    payer: z.string().max(200),
    record: z.string().min(1).max(500),
    decidedBy: z.string().min(1).max(320),
    reason: z.string().min(1).max(500),
  }),
  staffText: ['reason'],
  subject: (locale, data) => i18n.t(locale, 'refund-rejected:subject', data),
  body: (locale, data) =>
    i18n.t(locale, 'refund-rejected:body', {
      ...data,
      payer: data.payer || i18n.t(locale, 'refund-rejected:noPayer'),
    }),
});
