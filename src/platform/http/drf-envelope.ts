import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { setRetryAfter, toProblem } from './problem.ts';
import { ignoreUnknownQueryParams } from './query-params.ts';

/**
 * Errors as the Django REST Framework systems we replace answered them (the mess's `core/views.py`,
 * the raffle backoffice's `apps/raffles/api_views.py`), for their compatibility paths: bad input is
 * 400 with each field's messages (`{"numbers": ["…"]}`), a refused action 400 `{"error": "…"}`, and
 * authentication, permission and missing things `{"detail": "…"}`. The last two also carry our own
 * `code` (DRF clients read only their keys), so a caller can tell `unauthenticated` from `forbidden`.
 * Like DRF, these paths ignore a query parameter they do not know.
 */
export function answerErrorsAsDrf(app: FastifyInstance): void {
  ignoreUnknownQueryParams(app);
  app.setErrorHandler((error, req, reply) => {
    const problem = toProblem(error, req);
    if (problem.status >= 500) req.log.error({ err: error }, 'request failed');
    setRetryAfter(reply, problem);
    const message = problem.detail ?? problem.title;
    if (problem.code === 'validation_failed') {
      const fields: Record<string, string[]> = {};
      for (const f of problem.errors ?? []) {
        const name = f.field.replace(/^(body|query|params)\.?/, '') || 'non_field_errors';
        fields[name] = [...(fields[name] ?? []), f.message];
      }
      return reply
        .status(400)
        .type('application/json')
        .send(Object.keys(fields).length ? fields : { detail: message });
    }
    // A state that refuses the action (not pending, already verified or paid) was the originals' 400.
    if (problem.status === 409)
      return reply.status(400).type('application/json').send({ error: message, code: problem.code });
    return reply
      .status(problem.status)
      .type('application/json')
      .send({ detail: message, code: problem.code });
  });
}

/** A page as DRF's PageNumberPagination writes it (PAGE_SIZE 50, `?page=`). */
export function drfPage<T>(url: string, page: number, pageSize: number, total: number, results: T[]) {
  const at = (n: number) => {
    const [path, query = ''] = url.split('?');
    const params = new URLSearchParams(query);
    params.set('page', String(n));
    return `${path}?${params.toString()}`;
  };
  return {
    count: total,
    next: page * pageSize < total ? at(page + 1) : null,
    previous: page > 1 ? at(page - 1) : null,
    results,
  };
}

export const DRF_PAGE_SIZE = 50;

/** The schema of a `drfPage` of `item`s. */
export const drfPageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    count: z.number().int(),
    next: z.string().nullable(),
    previous: z.string().nullable(),
    results: z.array(item),
  });

/** The page a DRF list is asked for (`?page=`, from 1). */
export const drfPageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });
