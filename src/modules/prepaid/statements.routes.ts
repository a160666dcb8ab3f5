import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { statementPdf } from './statement.pdf.ts';
import { previousMonth, statementData } from './statements.ts';

export const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** The last whole month in the operator's time zone: what a statement shows unless asked. */
export const lastMonth = async (ctx: Ctx) =>
  previousMonth(ctx.clock.now(), (await getOrganization(ctx)).timeZone);

/** Staff download an account's monthly statement (the same PDF the schedule sends). */
export const statementRoutes =
  (_rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/prepaid/accounts/:id/statement',
      {
        schema: {
          tags: ['prepaid'],
          summary:
            'An account’s monthly statement as a PDF: per meter, purchases, tokens, kWh and use per day',
          params: z.object({ id: z.uuid() }),
          querystring: z.object({ month: monthParam.optional() }),
        },
        config: { permission: 'prepaid.purchase.read', refuses: [404] },
      },
      async (req, reply) => {
        const month = req.query.month ?? (await lastMonth(req.ctx));
        const pdf = await statementPdf(
          await statementData(req.ctx, req.params.id, month),
          req.ctx.clock.now(),
        );
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="statement-${month}.pdf"`)
          .send(pdf);
      },
    );
  };
