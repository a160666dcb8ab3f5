import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CaughtMail } from '../../channels/email/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { ownNotificationIds } from '../../core/notifications/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions, sendFile } from '../../platform/http/index.ts';
import { isUuid } from '../../platform/ids/index.ts';
import type { Sandbox } from './start-sandbox.ts';

const summarySchema = z.object({
  id: z.string(),
  from: z.string().nullable(),
  to: z.array(z.string()),
  subject: z.string().nullable(),
  receivedAt: z.string(),
  attachments: z.number(),
});
const attachmentSchema = z.object({
  index: z.number(),
  filename: z.string().nullable(),
  mimeType: z.string(),
  size: z.number(),
  inline: z.boolean(),
});
const detailSchema = summarySchema.extend({
  text: z.string().nullable(),
  /** The HTML with its inline (`cid:`) images as data URLs, ready for a sandboxed frame. */
  html: z.string().nullable(),
  files: z.array(attachmentSchema),
});
const idParams = z.object({ id: z.string().uuid() });

/**
 * The mail of this organization: each message the outbox sends carries its notification's id
 * (`X-Opsdesk-Notification`), so the inbox shows a staff member only their organization's mail.
 */
async function ownMail(ctx: Ctx, mails: ReadonlyArray<CaughtMail>): Promise<CaughtMail[]> {
  const idOf = (m: CaughtMail) => m.headers['x-opsdesk-notification'] ?? '';
  const ids = [...new Set(mails.map(idOf).filter(isUuid))];
  if (ids.length === 0) return [];
  const own = await ownNotificationIds(ctx, ids);
  return mails.filter((m) => own.has(idOf(m)));
}

const summary = (m: CaughtMail) => ({
  id: m.id,
  from: m.from,
  to: m.to,
  subject: m.subject,
  receivedAt: m.receivedAt,
  attachments: m.attachments.filter((a) => !a.related).length,
});

/** Inline images (`cid:`) become data URLs: the frame showing the HTML has no access to the API. */
function viewableHtml(m: CaughtMail): string | null {
  if (m.html === null) return null;
  return m.html.replace(/cid:([^"'\s)>]+)/g, (whole, cid: string) => {
    const part = m.attachments.find((a) => a.contentId === cid);
    return part ? `data:${part.mimeType};base64,${part.base64}` : whole;
  });
}

/** The caught-mail inbox: every e-mail the sandbox's SMTP server accepted, as Mailpit shows them. */
export const sandboxMailRoutes: FastifyPluginAsyncZod<{ sandbox: Sandbox }> = async (app, { sandbox }) => {
  const op = routeOptions(['sandbox']);
  const mailOf = async (ctx: Ctx, id: string) => {
    const mail = sandbox.mail?.message(id);
    const [own] = mail ? await ownMail(ctx, [mail]) : [];
    if (!own) throw PlatformErrors.not_found({ id });
    return own;
  };
  app.get(
    '/api/sandbox/mail',
    op('sandbox.mail.open', 'E-mails the sandbox caught for my organization, newest first', {
      response: { 200: z.object({ items: z.array(summarySchema) }) },
    }),
    async (req) => ({
      items: (await ownMail(req.ctx, sandbox.mail?.messages() ?? [])).reverse().map(summary),
    }),
  );
  app.get(
    '/api/sandbox/mail/:id',
    op({ permission: 'sandbox.mail.open', refuses: [404] }, 'One caught e-mail: text, HTML and attachments', {
      params: idParams,
      response: { 200: detailSchema },
    }),
    async (req) => {
      const mail = await mailOf(req.ctx, req.params.id);
      return {
        ...summary(mail),
        text: mail.text,
        html: viewableHtml(mail),
        files: mail.attachments.map((a, index) => ({
          index,
          filename: a.filename,
          mimeType: a.mimeType,
          size: a.size,
          inline: a.related,
        })),
      };
    },
  );
  app.get(
    '/api/sandbox/mail/:id/attachments/:index',
    op(
      { permission: 'sandbox.mail.open', refuses: [404] },
      'The bytes of one attachment of a caught e-mail',
      { params: idParams.extend({ index: z.coerce.number().int().min(0) }) },
    ),
    async (req, reply) => {
      const mail = await mailOf(req.ctx, req.params.id);
      const part = mail.attachments[req.params.index];
      if (!part) throw PlatformErrors.not_found({ id: req.params.id, index: req.params.index });
      const name = (part.filename ?? `attachment-${req.params.index}`).replace(/["\\\r\n]/g, '_');
      return sendFile(
        reply.header('x-content-type-options', 'nosniff'),
        { type: part.mimeType, name },
        Buffer.from(part.base64, 'base64'),
      );
    },
  );
};
