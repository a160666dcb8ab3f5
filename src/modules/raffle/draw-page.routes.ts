import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getOrganization } from '../../core/orgs/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { publicDraw, raffleOrgOf } from './draw.ts';
import { DRAW_PAGE_FONT_PATH, DRAW_PAGE_FONTS, type DrawPageFont, drawPageFont } from './draw-page.fonts.ts';
import { drawPageLanguage, renderDrawPage } from './draw-page.ts';
import { idParams, publicDrawSchema } from './raffle.contract.ts';
import { RaffleErrors } from './raffle.errors.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';

const op = routeOptions(['raffle']);

/** The public, verifiable draw page of a raffle (JSON or HTML) and its fonts, read without signing in. */
export const drawPageRoutes =
  ({ deps }: RaffleRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/public/raffles/:id/draw',
      op(
        { public: true },
        'The verifiable draw: commitment, seed (after the draw), ledger, winners, algorithm',
        {
          params: idParams,
          querystring: z.object({
            format: z.enum(['json', 'html']).optional(),
            lang: z
              .string()
              .max(35)
              .optional()
              .describe(
                "the page's language (en, hi, es, fr, rw); else the raffle's (its organization's first language), else Accept-Language",
              ),
          }),
          response: { 200: publicDrawSchema.or(z.string()) },
        },
      ),
      async (req, reply) => {
        const orgId = await raffleOrgOf(deps.database.db, req.params.id);
        if (!orgId) throw RaffleErrors.raffle_not_found({ raffleId: req.params.id });
        const ctx = await req.actIn(orgId, { type: 'system', id: null, label: 'raffle.draw-page' });
        const draw = await publicDraw(ctx, req.params.id);
        if (!draw) throw RaffleErrors.raffle_not_found({ raffleId: req.params.id });
        const wantsHtml =
          req.query.format === 'html' ||
          (!req.query.format && (req.headers.accept ?? '').includes('text/html'));
        if (wantsHtml) {
          const { languages } = await getOrganization(ctx);
          const lang = drawPageLanguage(req.query.lang, req.headers['accept-language'], languages[0]);
          return reply
            .type('text/html; charset=utf-8')
            .header('content-language', lang)
            .header('vary', 'Accept, Accept-Language')
            .send(renderDrawPage(draw, lang));
        }
        return draw;
      },
    );
    app.get(
      `${DRAW_PAGE_FONT_PATH}/:file`,
      op(
        { public: true },
        "The draw page's Devanagari font (Noto Sans Devanagari, OFL), so Hindi reads on phones without one",
        {
          params: z.object({
            file: z.enum(Object.keys(DRAW_PAGE_FONTS) as [DrawPageFont, ...DrawPageFont[]]),
          }),
        },
      ),
      async (req, reply) =>
        reply
          .type('font/woff2')
          .header('cache-control', 'public, max-age=604800')
          .send(await drawPageFont(req.params.file)),
    );
  };
