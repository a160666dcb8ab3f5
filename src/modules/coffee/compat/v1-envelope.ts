import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ignoreUnknownQueryParams, setRetryAfter, toProblem } from '../../../platform/http/index.ts';

/**
 * The original system's envelope (github.com/yulaomao/coffeeNew, backend PR #2 `api/response.py`):
 * `{ok: true, data}`, `{ok: false, error: {code, message, details}}`, bad input 422
 * `VALIDATION_ERROR` with `details.validation_errors`, a page as `{items, pagination}`. A refusal
 * also carries Opsdesk's own `code` at the top level, as every other route's problem does.
 */
export const envelope = z.object({ ok: z.boolean() }).passthrough();
/** A route's answers as OpenAPI shows them: the envelope, whatever `data` holds. */
export const answers = { 200: envelope };

/** Our codes the original names otherwise, with the status it answered them with. */
const ORIGINAL_CODES: Record<string, { code: string; status?: number }> = {
  validation_failed: { code: 'VALIDATION_ERROR', status: 422 },
  rate_limited: { code: 'RATE_LIMITED' },
  route_not_found: { code: 'NOT_FOUND' },
  unauthenticated: { code: 'UNAUTHORIZED' },
  forbidden: { code: 'FORBIDDEN' },
  'coffee.order_not_refundable': { code: 'REFUND_NOT_ALLOWED', status: 400 },
};

/** `coffee.device_token_invalid` → `DEVICE_TOKEN_INVALID`; the original's word where it had its own. */
export function v1ErrorCode(code: string): string {
  return ORIGINAL_CODES[code]?.code ?? (code.split('.').at(-1) ?? code).toUpperCase();
}

/** Every refusal of the plugin's routes (their hooks' too: auth, a module not run) in the original's envelope. */
export function answerErrorsInV1Envelope(app: FastifyInstance): void {
  ignoreUnknownQueryParams(app); // as the original (Flask) did
  app.setErrorHandler((error, req, reply) => {
    const problem = toProblem(error, req);
    if (problem.status >= 500) req.log.error({ err: error }, 'request failed');
    setRetryAfter(reply, problem);
    const validation = problem.code === 'validation_failed';
    return reply
      .status(ORIGINAL_CODES[problem.code]?.status ?? problem.status)
      .type('application/json')
      .send({
        ok: false,
        error: {
          code: v1ErrorCode(problem.code),
          message: problem.detail ?? problem.title,
          details: validation ? { validation_errors: problem.errors ?? [] } : (problem.details ?? {}),
        },
        // Opsdesk's own code beside the original's, as every other route answers it
        code: problem.code,
      });
  });
}

/** `{ok: true, data}`, with fields some clients read at the top level beside it. */
export const ok = (reply: FastifyReply, data: unknown, status = 200, top: object = {}) =>
  reply.status(status).send({ ok: true, data, ...top });

/** A page in the original's shape. */
export function v1Page<T>(items: T[], total: number, page: number, pageSize: number) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return {
    items,
    pagination: {
      total,
      page,
      page_size: pageSize,
      pages,
      has_next: page < pages,
      has_prev: page > 1,
    },
  };
}
