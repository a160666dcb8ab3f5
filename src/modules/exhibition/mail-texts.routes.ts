import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import { mailTextParams, mailTextSchema, mailWordingSchema } from './exhibition.contract.ts';
import { listMailTexts, previewMailText, resetMailText, saveMailText } from './mail-texts.ts';

const op = routeOptions(['exhibition']);

/** The customers' e-mails as the desk words them (issue 66): list, edit, preview, back to the default. */
export const mailTextRoutes = (): FastifyPluginAsyncZod => async (app) => {
  const manage = { permission: 'exhibition.exhibition.manage' };
  app.get(
    '/api/exhibition/mail-texts',
    op(
      'exhibition.exhibition.read',
      "The customers' e-mails in every language: the organization's words or the default",
      {
        response: { 200: z.array(mailTextSchema) },
      },
    ),
    async (req) => listMailTexts(req.ctx),
  );
  app.put(
    '/api/exhibition/mail-texts/:template/:locale',
    op(
      { ...manage, refuses: [422] },
      'Word one e-mail in one language (a placeholder the e-mail does not have is refused, naming the field)',
      { params: mailTextParams, body: mailWordingSchema, response: { 200: mailTextSchema } },
    ),
    async (req) => saveMailText(req.ctx, req.params.template, req.params.locale, req.body),
  );
  app.delete(
    '/api/exhibition/mail-texts/:template/:locale',
    op(manage, 'Back to the default words for one e-mail in one language', {
      params: mailTextParams,
      response: { 200: mailTextSchema },
    }),
    async (req) => resetMailText(req.ctx, req.params.template, req.params.locale),
  );
  app.post(
    '/api/exhibition/mail-texts/:template/:locale/preview',
    op(
      { ...manage, refuses: [422] },
      'The e-mail a sample customer would get with these words (nothing is saved)',
      { params: mailTextParams, body: mailWordingSchema, response: { 200: mailWordingSchema } },
    ),
    async (req) => previewMailText(req.params.template, req.params.locale, req.body),
  );
};
