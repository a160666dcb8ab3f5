import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions, sendFile } from '../../platform/http/index.ts';
import { listDefaulters, remindDefaulters } from './defaulters.ts';
import { defaultersSchema, headcountForecastSchema, isoDate, messSummarySchema } from './mess.contract.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { passSheetPdf } from './pass-sheet.pdf.ts';
import { REPORT_LANGUAGES } from './report.pdf.catalog.ts';
import { reportPdf } from './report.pdf.ts';
import { headcountForecast, messSummary } from './reports.ts';

/** Reports for the office and the kitchen, and the printable pass sheet. */
export const reportsRoutes =
  (rt: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const op = routeOptions(['mess']);
    app.get(
      '/api/mess/reports/summary',
      op(
        'mess.report.read',
        'Meals served/denied per day, denial reasons, payments per cycle, cuts, approval times',
        {
          querystring: z.object({ from: isoDate.optional(), to: isoDate.optional() }),
          response: {
            200: messSummarySchema,
          },
        },
      ),
      async (req) => messSummary(req.ctx, req.query),
    );
    app.get(
      '/api/mess/reports/forecast',
      op('mess.report.read', 'Headcount forecast for the next meal windows', {
        querystring: z.object({ count: z.coerce.number().int().min(1).max(21).default(6) }),
        response: {
          200: headcountForecastSchema,
        },
      }),
      async (req) => headcountForecast(req.ctx, req.query.count),
    );
    app.get(
      '/api/mess/reports/defaulters',
      op('mess.report.read', 'Approved students who have not paid the current cycle in full', {
        response: { 200: defaultersSchema },
      }),
      async (req) => listDefaulters(req.ctx),
    );
    app.post(
      '/api/mess/defaulters/remind',
      op(
        { permission: 'mess.student.approve', refuses: [409] },
        'Remind every defaulter on Telegram of their balance (once a day per student)',
        { response: { 200: z.object({ reminded: z.number(), unreachable: z.number() }) } },
      ),
      async (req) => remindDefaulters(req.ctx, rt),
    );
    app.get(
      '/api/mess/reports/summary.pdf',
      op(
        'mess.report.read',
        'The mess report (meals, denials, payments, cuts, approvals, forecast) as a PDF',
        {
          querystring: z.object({
            from: isoDate.optional(),
            to: isoDate.optional(),
            /** The reader's language (the console sends its own); English by default. */
            lang: z.enum(REPORT_LANGUAGES).default('en'),
          }),
        },
      ),
      async (req, reply) => {
        const { lang, ...range } = req.query;
        const pdf = await reportPdf(req.ctx, range, lang);
        return sendFile(reply, { type: 'application/pdf', name: 'mess-report.pdf' }, pdf);
      },
    );
    // A POST, not a GET: signing passes is audited (who printed whose pass), and a GET must change
    // nothing, since any cross-site link can make the browser send one with the session cookie.
    // A POST needs the console's CSRF token, so only a deliberate click prints.
    app.post(
      '/api/mess/passes.pdf',
      op(
        'mess.student.approve',
        'Print a sheet of meal passes for approved students (signs and audits each pass)',
        { body: z.object({ ids: z.array(z.string().uuid()).min(1).max(500).optional() }).default({}) },
      ),
      async (req, reply) => {
        const pdf = await passSheetPdf(req.ctx, {
          secretKey: rt.secretKey,
          ids: req.body.ids,
        });
        return sendFile(reply, { type: 'application/pdf', name: 'meal-passes.pdf' }, pdf);
      },
    );
  };
