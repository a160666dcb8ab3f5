import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { statementPdf } from './statement.pdf.ts';
import { statementData } from './statements.ts';

export const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** Staff download an account's monthly statement (the same PDF the schedule sends). */
export const statementRoutes =
  (_rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/prepaid/accounts/:id/statements/:month',
      {
        schema: {
          tags: ['prepaid'],
          summary:
            'An account’s monthly statement as a PDF: per meter, purchases, tokens, kWh and use per day',
          params: z.object({ id: z.uuid(), month: monthParam }),
        },
        config: { permission: 'prepaid.purchase.read', refuses: [404] },
      },
      async (req, reply) => {
        const pdf = await statementPdf(
          await statementData(req.ctx, req.params.id, req.params.month),
          req.ctx.clock.now(),
        );
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="statement-${req.params.month}.pdf"`)
          .send(pdf);
      },
    );
  };
