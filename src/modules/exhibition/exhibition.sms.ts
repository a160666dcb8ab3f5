import { z } from 'zod';
import { createI18n } from '../../core/i18n/index.ts';
import { defineTemplate, type ListedTemplate, listed } from '../../core/notifications/index.ts';
import { passLinkSegment } from '../../core/pass-issuer/index.ts';
import { exhibitionSmsCatalog } from './exhibition.sms.catalog.ts';

const exhibitionSms = createI18n({ catalogs: { 'exhibition-sms': exhibitionSmsCatalog } });
const t = (locale: string, key: string, params: object = {}) =>
  exhibitionSms.t(locale, `exhibition-sms:${key}`, { ...params });

/** The scope of badge links' hashes (core/pass-issuer `passLinkToken`). */
export const BADGE_LINK_SCOPE = 'exhibition.badge-link';

/**
 * The public path of a customer's badge (a PDF): the SMS's link, a pass link (core/pass-issuer): the
 * customer, their pass version and a keyed hash of both.
 */
export const badgeLinkPath = (secretKey: string, customerId: string, passVersion: number) =>
  `/public/exhibition/badge/${customerId}/${passLinkSegment(secretKey, BADGE_LINK_SCOPE, customerId, passVersion)}`;

/** An exhibition's name as the SMS carries it: at most 32 characters, so the text keeps to two parts. */
export const smsExhibitionName = (name: string) => (name.length > 32 ? name.slice(0, 32).trimEnd() : name);

/**
 * The welcome by SMS, for a visitor registered without an e-mail (issue 65): the exhibition, the
 * code and the badge link. The link holds the pass (the visitor's bearer credential at the booths):
 * it rests sealed in the outbox like the e-mail's pass.
 */
export const welcomeSmsTemplate = defineTemplate({
  key: 'exhibition.welcome_sms',
  data: z.object({ exhibition: z.string(), code: z.string(), link: z.string() }),
  secrets: ['link'],
  body: (locale, d) => t(locale, 'welcome', d),
});

/** The scope of statement links' hashes: a badge link does not open a statement, nor the reverse. */
export const STATEMENT_LINK_SCOPE = 'exhibition.statement-link';

/**
 * The public path of a customer's statement (the PDF statement.pdf answers), the statement SMS's
 * link: a pass link at the customer's current pass version, so a re-issued pass turns it off too.
 */
export const statementLinkPath = (secretKey: string, customerId: string, passVersion: number) =>
  `/public/exhibition/statement/${customerId}/${passLinkSegment(secretKey, STATEMENT_LINK_SCOPE, customerId, passVersion)}`;

/**
 * The statement by SMS, on request, for a customer without e-mail (issue 65): the exhibition, the
 * code, the bill count, the total, paid, returned and net, and a link to the PDF. The link opens the
 * statement without signing in: it rests sealed in the outbox like the welcome's.
 */
export const statementSmsTemplate = defineTemplate({
  key: 'exhibition.statement_sms',
  data: z.object({
    exhibition: z.string(),
    code: z.string(),
    bills: z.number().int(),
    total: z.string(),
    paid: z.string(),
    returned: z.string(),
    net: z.string(),
    link: z.string(),
  }),
  secrets: ['link'],
  body: (locale, d) => t(locale, 'statement', d),
});

export const exhibitionSmsTemplates: ReadonlyArray<ListedTemplate> = [
  listed(welcomeSmsTemplate),
  listed(statementSmsTemplate),
];

/** The most SMS parts each exhibition text may take. */
export const EXHIBITION_SMS_PART_BUDGET: Record<string, number> = {
  'exhibition.welcome_sms': 2,
  // Four amounts and a link about as long as the welcome's: three parts with the longest values.
  'exhibition.statement_sms': 3,
};
