import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  AppError,
  type ErrorKind,
  type FieldIssue,
  isDatabaseUnreachable,
  isLockWaitFailure,
  isUnstorableText,
  PlatformErrors,
} from '../errors/index.ts';
import type { Problem } from './problem.schema.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const P = PlatformErrors;
/**
 * What a 503 for an unreachable database asks clients to wait. A switchover leaves no primary for
 * about 1.4 s (test/ha): at 5 s clients saw 5 s without service, each waiting out the whole delay.
 */
const DATABASE_RETRY_AFTER_SECONDS = 2;
const FASTIFY_CODES: Record<string, ErrorKind> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: P.unsupported_media_type,
  FST_ERR_CTP_BODY_TOO_LARGE: P.payload_too_large,
  FST_ERR_CTP_EMPTY_JSON_BODY: P.bad_json,
  FST_ERR_CTP_INVALID_JSON_BODY: P.bad_json,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: P.validation_failed,
  FST_ERR_VALIDATION: P.validation_failed,
  FST_ERR_BAD_URL: P.bad_url,
  FST_INVALID_MULTIPART_CONTENT_TYPE: P.unsupported_media_type,
  FST_REQ_FILE_TOO_LARGE: P.payload_too_large,
  FST_FILES_LIMIT: P.payload_too_large,
  FST_PARTS_LIMIT: P.payload_too_large,
};

/** Turns any thrown value into a problem; unknown errors become a bare 500 (details only in the log). */
export function toProblem(error: unknown, req: FastifyRequest): Problem {
  const base = { instance: req.url.split('?')[0], requestId: String(req.id) };
  if (error instanceof AppError) {
    return {
      ...problemOf(error, error.message),
      ...base,
      ...(error.fields.length ? { errors: error.fields } : {}),
      ...(Object.keys(error.details).length ? { details: error.details } : {}),
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext ?? 'body';
    const errors = error.validation.map((v) => zodIssueToField(context, v));
    return { ...problemOf(P.validation_failed, describeFields(errors)), ...base, errors };
  }
  // A row lock the database gave up on (lock_timeout, or the loser of a deadlock): nothing was written.
  if (isLockWaitFailure(error)) return { ...problemOf(P.busy, P.busy.title), ...base };
  // The database server is gone or changing (a failover): nothing was written, or a retry finds it done.
  if (isDatabaseUnreachable(error))
    return {
      ...problemOf(
        P.unavailable,
        'The database cannot be reached right now (a failover may be under way). Try again in a few seconds: ' +
          'a request sent again with the same Idempotency-Key is not done twice.',
      ),
      ...base,
      details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    };
  // A NUL (or other character PostgreSQL cannot store) in some text of the request: the input's fault.
  if (isUnstorableText(error))
    return {
      ...problemOf(P.validation_failed, 'A value holds a character that cannot be stored (such as NUL).'),
      ...base,
    };
  const fe = error as Partial<FastifyError> & { statusCode?: number };
  if (error instanceof SyntaxError || (fe.code && FASTIFY_CODES[fe.code])) {
    const kind = error instanceof SyntaxError ? P.bad_json : FASTIFY_CODES[fe.code!]!;
    return { ...problemOf(kind, fe.message), ...base };
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const kind =
      fe.statusCode === 404 ? P.not_found : fe.statusCode === 429 ? P.rate_limited : P.validation_failed;
    return { ...problemOf(kind, fe.message), ...base, status: fe.statusCode };
  }
  return {
    ...problemOf(P.internal, 'Something went wrong on our side; the request id helps us find it.'),
    ...base,
  };
}

/** The problem of a code; an AppError and its constructor both carry code, status and title. */
function problemOf(
  error: Pick<AppError, 'code' | 'status' | 'title'>,
  detail?: string,
): Omit<Problem, 'requestId'> {
  return {
    type: `urn:opsdesk:problem:${error.code}`,
    title: error.title,
    status: error.status,
    code: error.code,
    ...(detail ? { detail } : {}),
  };
}

interface ZodValidationEntry {
  instancePath?: string;
  message?: string;
  /** The zod issue code (`invalid_type`, `too_small`, ...). */
  keyword?: string;
  /** The rest of the zod issue: `expected`, `values`, `format`, `minimum`, ... */
  params?: { expected?: string; values?: unknown[]; format?: string; minimum?: unknown; maximum?: unknown };
}

function zodIssueToField(context: string, v: ZodValidationEntry): FieldIssue {
  const p = v.params ?? {};
  const expected =
    p.expected ??
    (p.values ? p.values.map((x) => JSON.stringify(x)).join(' | ') : undefined) ??
    p.format ??
    (p.minimum !== undefined
      ? `at least ${String(p.minimum)}`
      : p.maximum !== undefined
        ? `at most ${String(p.maximum)}`
        : undefined);
  return {
    field: [context, ...(v.instancePath ?? '').split('/').filter(Boolean)].join('.'),
    message: v.message ?? 'is not valid',
    code: v.keyword ?? 'invalid',
    ...(expected ? { expected: String(expected) } : {}),
  };
}

function describeFields(errors: FieldIssue[]): string {
  return errors.map((e) => `${e.field}: ${e.message}`).join('; ');
}

/** Sends a problem as `application/problem+json`. */
export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  setRetryAfter(reply, problem);
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/** A 429 or 503 that says when to try again (`details.retryAfterSeconds`) says it in `Retry-After` too. */
export function setRetryAfter(reply: FastifyReply, problem: Problem): void {
  const seconds = problem.details?.retryAfterSeconds;
  if (
    (problem.status === 429 || problem.status === 503) &&
    typeof seconds === 'number' &&
    !reply.hasHeader('retry-after')
  )
    reply.header('retry-after', String(seconds));
}
