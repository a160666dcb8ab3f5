import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions, sendFile } from '../../platform/http/index.ts';
import { idParams, statementQuery } from './prepaid.contract.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { statementPdf } from './statement.pdf.ts';
import { lastMonth, statementData } from './statements.ts';

const op = routeOptions(['prepaid']);

/** Staff download an account's monthly statement (the same PDF the schedule sends). */
export const statementRoutes =
  (_rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/prepaid/accounts/:id/statement',
      op(
        { permission: 'prepaid.purchase.read', refuses: [404] },
        'An account’s monthly statement as a PDF: per meter, purchases, tokens, kWh and use per day',
        { params: idParams, querystring: statementQuery },
      ),
      async (req, reply) => {
        const month = req.query.month ?? (await lastMonth(req.ctx));
        const pdf = await statementPdf(
          await statementData(req.ctx, req.params.id, month),
          req.ctx.clock.now(),
        );
        return sendFile(reply, { type: 'application/pdf', name: `statement-${month}.pdf` }, pdf);
      },
    );
  };
