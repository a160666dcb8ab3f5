import { z } from 'zod';
import { defineTemplate, type NotificationTemplate } from '../../core/notifications/index.ts';
import { badgePdf, passQrPng } from './customer-pass.ts';

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
  }),
  attachments: async (_locale, d) => {
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
  subject: (_locale, d) => `Your code for ${d.exhibition}: ${d.code}`,
  body: (_locale, d) =>
    [
      `Hello ${d.name},`,
      '',
      `welcome to ${d.exhibition}. Your customer code is ${d.code}.`,
      'Show the attached QR code (or your badge) at any booth: purchases are added to your tab,',
      'and you receive a statement at the end.',
    ].join('\n'),
  html: (_locale, d) => {
    const [name, exhibition, code] = [d.name, d.exhibition, d.code].map(escapeHtml);
    return [
      '<!doctype html><html><body style="font-family:sans-serif;color:#1b1c1a">',
      `<p>Hello ${name},</p>`,
      `<p>welcome to ${exhibition}. Your customer code is <strong style="letter-spacing:2px">${code}</strong>.</p>`,
      `<p><img src="cid:${WELCOME_QR_CID}" alt="QR code ${code}" width="240" height="240" style="display:block"></p>`,
      '<p>Show this QR code (or your badge) at any booth: purchases are added to your tab,',
      'and you receive a statement at the end.</p>',
      '</body></html>',
    ].join('\n');
  },
});

/** A customer's statement: every bill and the total, with the PDF attached. */
export const statementTemplate = defineTemplate({
  key: 'exhibition.statement',
  data: z.object({
    name: z.string(),
    exhibition: z.string(),
    code: z.string(),
    billCount: z.number().int(),
    total: z.string(),
  }),
  subject: (_locale, d) => `Your statement for ${d.exhibition}`,
  body: (_locale, d) =>
    [
      `Hello ${d.name},`,
      '',
      `your tab at ${d.exhibition} (code ${d.code}) has ${d.billCount} bill(s), total ${d.total}.`,
      'The attached PDF lists every bill.',
    ].join('\n'),
});

export const exhibitionTemplates = [welcomeTemplate, statementTemplate] as unknown as ReadonlyArray<
  NotificationTemplate<never>
>;
