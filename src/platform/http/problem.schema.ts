import { z } from 'zod';
import type { FieldIssue } from '../errors/index.ts';

/** One invalid field of a refused request, as a problem lists it (`AppError`'s `FieldIssue` on the wire). */
const problemFieldSchema = z.object({
  field: z.string().describe('Dotted path, e.g. `body.items.0.qty` or `query.sort`'),
  message: z.string(),
  code: z.string(),
  expected: z.string().optional(),
}) satisfies z.ZodType<FieldIssue>;

/** RFC 9457 problem document, with Opsdesk's stable `code` and per-field `errors`. */
export const problemSchema = z
  .object({
    type: z.string().describe('`urn:opsdesk:problem:<code>`'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional().describe('The path of the request'),
    code: z.string().describe('Stable machine-readable code, e.g. `validation_failed`'),
    requestId: z.string().describe('Also in the `x-request-id` header; quote it when reporting a problem'),
    errors: z
      .array(problemFieldSchema)
      .optional()
      .describe('One entry per invalid field (validation failures)'),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  // One component (`#/components/schemas/Problem`) that every error answer of the OpenAPI document refers to.
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (`application/problem+json`)' });
export type Problem = z.infer<typeof problemSchema>;

/** One entry of a problem's `errors`: the field, what is wrong in words, the issue's code. */
export type ProblemField = z.infer<typeof problemFieldSchema>;
