import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../../platform/http/index.ts';
import type { MessRuntime } from '../mess.runtime.ts';
import { startPassRun } from '../pass-regeneration.ts';
import { tags, v1ReportQuery } from './v1.contract.ts';
import { v1MessCutReport, v1PaymentReport } from './v1-reads.ts';

const op = routeOptions(tags);

/** The original's admin paths: regenerate every pass, and its two reports. */
export const v1AdminRoutes =
  (rt: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/admin/qr/regenerate-all',
      op(
        'mess.student.approve',
        "Sign every approved student's pass again and send it on Telegram (the pass run)",
        {
          response: {
            200: z.object({
              status: z.literal('success'),
              affected_students: z.number().int(),
              new_version: z.number().int().nullable(),
              run_id: z.string(),
            }),
          },
        },
      ),
      async (req) => {
        const run = await startPassRun(req.ctx, rt);
        return {
          status: 'success' as const,
          affected_students: run.total,
          new_version: null,
          run_id: run.id,
        };
      },
    );
    app.get(
      '/api/v1/admin/reports/payments',
      op(
        'mess.report.read',
        'Payment report: counts by status and the latest, or the students who paid nothing',
        { querystring: v1ReportQuery, response: { 200: z.object({ type: z.string() }).passthrough() } },
      ),
      async (req) => v1PaymentReport(req.ctx, req.query),
    );
    app.get(
      '/api/v1/admin/reports/mess-cuts',
      op('mess.report.read', "Mess cut report: cuts in the period, and the next week's by first day", {
        querystring: v1ReportQuery,
        response: { 200: z.object({ total_count: z.number().int() }).passthrough() },
      }),
      async (req) => v1MessCutReport(req.ctx, req.query),
    );
  };
