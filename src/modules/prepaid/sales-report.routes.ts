import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions, sendFile } from '../../platform/http/index.ts';
import { salesReportQuerySchema, salesReportSchema } from './prepaid.contract.ts';
import { salesCsv, salesReport } from './reports.ts';

const op = routeOptions(['prepaid']);

/** The sales report: per day and provider, reconciled against tokens, as JSON or CSV. */
export const salesReportRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/prepaid/reports/sales',
    op(
      'prepaid.purchase.read',
      'Sales per day and provider, and settled payments reconciled against tokens (JSON or CSV)',
      { querystring: salesReportQuerySchema, response: { 200: salesReportSchema.or(z.string()) } },
    ),
    async (req, reply) => {
      const report = await salesReport(req.ctx, req.query);
      if (req.query.format !== 'csv') return report;
      return sendFile(
        reply,
        { type: 'text/csv; charset=utf-8', name: `prepaid-sales-${req.query.from}-${req.query.to}.csv` },
        salesCsv(report.sales),
      );
    },
  );
};
