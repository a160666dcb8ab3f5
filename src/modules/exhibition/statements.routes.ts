import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatCode } from '../../core/codes/index.ts';
import { idempotentCreate } from '../../core/idempotency/index.ts';
import { publicBaseUrl, routeOptions, sendFile } from '../../platform/http/index.ts';
import { getCustomer } from './customers.ts';
import { idParams } from './exhibition.contract.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import { textStatement } from './statement-sms.ts';
import { emailStatement, statementPdf } from './statements.ts';

const op = routeOptions(['exhibition']);

/** A customer's statement: the PDF, and the same sent to them by e-mail or, with a link to it, by SMS. */
export const statementRoutes =
  (rt: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/exhibition/customers/:id/statement.pdf',
      op('exhibition.customer.read', "A customer's statement: every bill and the total", {
        params: idParams,
      }),
      async (req, reply) => {
        const pdf = await statementPdf(req.ctx, req.params.id);
        // Named by the code as printed on the customer's pass, like the statement e-mail's attachment.
        const { code } = await getCustomer(req.ctx, req.params.id);
        return sendFile(
          reply,
          { type: 'application/pdf', name: `statement-${formatCode(code, 4)}.pdf`, inline: true },
          pdf,
        );
      },
    );
    app.post(
      '/api/exhibition/customers/:id/statement/email',
      op(
        { permission: 'exhibition.customer.register', refuses: [422] },
        'E-mail the statement to the customer (422: no e-mail address); accepts Idempotency-Key',
        {
          params: idParams,
          response: { 202: z.object({ notificationId: z.string() }) },
        },
      ),
      // A retry with the same key answers the first e-mail instead of queueing the statement again.
      async (req, reply) => {
        const body = await idempotentCreate(
          req,
          { scope: 'exhibition.statement.email', request: { customerId: req.params.id }, status: 202 },
          (tx) => emailStatement(tx, rt, req.params.id),
        );
        return reply.status(202).send(body);
      },
    );
    app.post(
      '/api/exhibition/customers/:id/statement/sms',
      op(
        { permission: 'exhibition.customer.register', refuses: [422] },
        'Text the statement to the customer: its sums and a link to the PDF (422: no phone); accepts Idempotency-Key',
        {
          params: idParams,
          response: { 202: z.object({ notificationId: z.string() }) },
        },
      ),
      // A retry with the same key answers the first text instead of sending the statement again.
      async (req, reply) => {
        const publicUrl = publicBaseUrl(req, rt.deps.config.OPSDESK_PUBLIC_URL);
        const body = await idempotentCreate(
          req,
          { scope: 'exhibition.statement.sms', request: { customerId: req.params.id }, status: 202 },
          (tx) => textStatement(tx, rt, req.params.id, { publicUrl }),
        );
        return reply.status(202).send(body);
      },
    );
  };
