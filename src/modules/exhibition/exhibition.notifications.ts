import { z } from 'zod';
import { createI18n } from '../../core/i18n/index.ts';
import { defineTemplate, type ListedTemplate, listed } from '../../core/notifications/index.ts';
import { badgePdf, passQrPng } from './customer-pass.ts';
import { exhibitionMailCatalog } from './exhibition.mail.catalog.ts';
import { statementSmsTemplate, welcomeSmsTemplate } from './exhibition.sms.ts';
import { fillWording } from './mail-texts.rules.ts';

/** The words of the customers' e-mails and statement PDF, in the customer's language. */
export const exhibitionMail = createI18n({ catalogs: { 'exhibition-mail': exhibitionMailCatalog } });
const t = (locale: string, key: string, params?: Record<string, unknown>) =>
  exhibitionMail.t(locale, `exhibition-mail:${key}`, params);

/**
 * The organization's own words for the e-mail, when the desk edited them (issue 66): queued with the
 * message, so a resend, a retry and the send of a sealed pass all use the words of the queueing.
 */
const wording = z.object({ subject: z.string(), body: z.string() }).optional();
type Worded = { wording?: { subject: string; body: string } | undefined };
const subjectOf = (d: Worded, fallback: () => string) =>
  d.wording ? fillWording(d.wording.subject, d as Record<string, unknown>).replace(/\n/g, ' ') : fallback();
const bodyOf = (d: Worded, fallback: () => string) =>
  d.wording ? fillWording(d.wording.body, d as Record<string, unknown>) : fallback();

/** The `cid:` of the QR shown inline in the welcome e-mail's HTML body. */
export const WELCOME_QR_CID = 'qr@opsdesk';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * The e-mail a customer gets on registration (and on resend): the code, the QR and the badge
 * attached. The QR and the badge are made from `pass` when the e-mail is sent, so registering
 * does not wait for them and the outbox keeps the pass text instead of the images.
 */
export const welcomeTemplate = defineTemplate({
  key: 'exhibition.welcome',
  data: z.object({
    name: z.string(),
    exhibition: z.string(),
    /** Shown: `ABCD-EFGH`. */
    code: z.string(),
    /** As stored (`ABCDEFGH`), for file names and the badge. */
    rawCode: z.string(),
    /** The signed pass the QR holds. */
    pass: z.string(),
    wording,
  }),
  // The pass is the customer's bearer credential at the booth (it finds their tab): it rests
  // sealed in the outbox and goes into the QR and the badge only when the e-mail is sent.
  secrets: ['pass'],
  attachments: async (_locale, d) => {
    // Welcome e-mails queued before the files were made at send time carry them stored, and no pass.
    if (typeof d.pass !== 'string' || typeof d.rawCode !== 'string') return [];
    const png = Buffer.from(await passQrPng(d.pass));
    const badge = await badgePdf({
      exhibitionName: d.exhibition,
      customerName: d.name,
      code: d.rawCode,
      qrPng: png,
    });
    return [
      // The QR twice: inline in the HTML body (`cid:`), and as a file to save or forward.
      {
        filename: `qr-${d.rawCode}-inline.png`,
        contentType: 'image/png',
        content: png,
        contentId: WELCOME_QR_CID,
      },
      { filename: `qr-${d.rawCode}.png`, contentType: 'image/png', content: png },
      { filename: `badge-${d.rawCode}.pdf`, contentType: 'application/pdf', content: badge },
    ];
  },
  subject: (locale, d) => subjectOf(d, () => t(locale, 'welcome.subject', d)),
  body: (locale, d) =>
    bodyOf(d, () =>
      [t(locale, 'welcome.hello', d), '', t(locale, 'welcome.intro', d), t(locale, 'welcome.show', d)].join(
        '\n',
      ),
    ),
  html: (locale, d) => {
    if (d.wording) return wordedWelcomeHtml(locale, d);
    // The code is set in bold: the sentence is translated with a marker where the code goes.
    return [
      '<!doctype html><html><body style="font-family:sans-serif;color:#1b1c1a">',
      `<p>${escapeHtml(t(locale, 'welcome.hello', d))}</p>`,
      `<p>${escapeHtml(t(locale, 'welcome.intro', { ...d, code: '\u0000' })).replace('\u0000', `<strong style="letter-spacing:2px">${escapeHtml(d.code)}</strong>`)}</p>`,
      `<p><img src="cid:${WELCOME_QR_CID}" alt="${escapeHtml(t(locale, 'welcome.qrAlt', d))}" width="240" height="240" style="display:block"></p>`,
      `<p>${escapeHtml(t(locale, 'welcome.showInline', d))}</p>`,
      '</body></html>',
    ].join('\n');
  },
});

/** The welcome's HTML from the organization's words: their paragraphs, then the QR. */
function wordedWelcomeHtml(locale: string, d: Worded & { code: string }): string {
  const paragraphs = bodyOf(d, () => '')
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return [
    '<!doctype html><html><body style="font-family:sans-serif;color:#1b1c1a">',
    ...paragraphs,
    `<p><img src="cid:${WELCOME_QR_CID}" alt="${escapeHtml(t(locale, 'welcome.qrAlt', d))}" width="240" height="240" style="display:block"></p>`,
    '</body></html>',
  ].join('\n');
}

/** A customer's statement: every bill and the total, with the PDF attached. */
export const statementTemplate = defineTemplate({
  key: 'exhibition.statement',
  data: z.object({
    name: z.string(),
    exhibition: z.string(),
    code: z.string(),
    billCount: z.number().int(),
    total: z.string(),
    /** Money taken, given back and kept (issue 62); absent before any was taken, and in older e-mails. */
    paid: z.string().optional(),
    refunded: z.string().optional(),
    net: z.string().optional(),
    wording,
  }),
  subject: (locale, d) => subjectOf(d, () => t(locale, 'statement.subject', d)),
  body: (locale, d) =>
    bodyOf(d, () =>
      [
        t(locale, 'statement.hello', d),
        '',
        t(locale, 'statement.summary', d),
        ...(d.paid !== undefined ? [t(locale, 'statement.money', d)] : []),
        t(locale, 'statement.attached', d),
      ].join('\n'),
    ),
});

/**
 * What a customer is told when money taken for a bill came back to them (issue 62): the amount, the
 * bill, how it went back and the staff's reason (cut to the message's room, without links).
 */
export const moneyReturnedTemplate = defineTemplate({
  key: 'exhibition.money_returned',
  data: z.object({
    name: z.string(),
    exhibition: z.string(),
    amount: z.string(),
    bill: z.string(),
    booth: z.string(),
    /** `cash`, `mobile money` or a provider's name, in the customer's language. */
    method: z.string(),
    reason: z.string(),
    wording,
  }),
  staffText: ['reason'],
  subject: (locale, d) => subjectOf(d, () => t(locale, 'returned.subject', d)),
  body: (locale, d) =>
    bodyOf(d, () =>
      [
        t(locale, 'returned.hello', d),
        '',
        t(locale, 'returned.body', d),
        t(locale, 'returned.reason', d),
      ].join('\n'),
    ),
});

export const exhibitionTemplates: ReadonlyArray<ListedTemplate> = [
  listed(welcomeTemplate),
  listed(welcomeSmsTemplate),
  listed(statementTemplate),
  listed(statementSmsTemplate),
  listed(moneyReturnedTemplate),
];
