import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import { importWelcomeProgress, retryImportWelcomes, retryStatementRunFailures } from './email-retries.ts';
import {
  idParams,
  importWelcomeSchema,
  retriedSchema,
  statementRunSchema,
  toStatementRunJson,
} from './exhibition.contract.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import { getStatementRun, listStatementRuns, startStatementRun } from './statement-run.ts';

const op = routeOptions(['exhibition']);

/** The e-mails sent in bulk: statement runs at the end, welcomes of customers imported from CSV. */
export const emailRunRoutes =
  (rt: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/exhibition/exhibitions/:id/statement-runs',
      op(
        'exhibition.customer.register',
        'E-mail every customer their statement (end of the exhibition); a running run is returned',
        { params: idParams, response: { 202: statementRunSchema } },
      ),
      async (req, reply) =>
        reply.status(202).send(toStatementRunJson(await startStatementRun(req.ctx, rt, req.params.id))),
    );
    app.get(
      '/api/exhibition/exhibitions/:id/statement-runs',
      op('exhibition.customer.read', 'Statement runs of an exhibition with their progress, latest first', {
        params: idParams,
        response: { 200: z.array(statementRunSchema) },
      }),
      async (req) => (await listStatementRuns(req.ctx, req.params.id)).map(toStatementRunJson),
    );
    app.get(
      '/api/exhibition/statement-runs/:id',
      op('exhibition.customer.read', 'A statement run: progress, e-mail states and failures', {
        params: idParams,
        response: { 200: statementRunSchema },
      }),
      async (req) => toStatementRunJson(await getStatementRun(req.ctx, req.params.id)),
    );
    app.post(
      '/api/exhibition/statement-runs/:id/retry-failed',
      op(
        'exhibition.customer.register',
        "Send again the run's statements the outbox gave up on (a customer reached is never e-mailed twice)",
        { params: idParams, response: { 200: retriedSchema } },
      ),
      async (req) => retryStatementRunFailures(req.ctx, rt, req.params.id),
    );
    app.get(
      '/api/exhibition/exhibitions/:id/import-welcome',
      op(
        'exhibition.customer.read',
        'Progress of the welcome e-mails of customers pre-registered from CSV: sent, waiting, who was not reached',
        { params: idParams, response: { 200: importWelcomeSchema } },
      ),
      async (req) => importWelcomeProgress(req.ctx, req.params.id),
    );
    app.post(
      '/api/exhibition/exhibitions/:id/import-welcome/retry-failed',
      op(
        'exhibition.customer.register',
        "Send again the imported customers' welcome e-mails the outbox gave up on (never twice to one reached)",
        { params: idParams, response: { 200: retriedSchema.extend({ progress: importWelcomeSchema }) } },
      ),
      async (req) => retryImportWelcomes(req.ctx, rt, req.params.id),
    );
  };
