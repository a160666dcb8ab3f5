import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions, sendFile } from '../../platform/http/index.ts';
import { RECEIPT_PAPERS, receiptPdf } from './receipt.pdf.ts';
import { receiptData } from './receipts.ts';

const op = routeOptions(['prepaid']);

/** Staff print a paid sale's receipt at the counter: on A4, or on a 58 mm or 80 mm receipt printer. */
export const receiptRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/prepaid/purchases/:id/receipt',
    op(
      { permission: 'prepaid.purchase.read', refuses: [404, 409] },
      'A paid purchase’s receipt as a PDF in the customer’s language: the grouped token, units with their tariff blocks, amount paid',
      {
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ paper: z.enum(RECEIPT_PAPERS).default('a4') }),
      },
    ),
    async (req, reply) => {
      const data = await receiptData(req.ctx, req.params.id);
      const pdf = await receiptPdf(data, req.query.paper);
      return sendFile(
        reply,
        { type: 'application/pdf', name: `receipt-${data.meterNumber}-${data.tokenCount}.pdf`, inline: true },
        pdf,
      );
    },
  );
};
