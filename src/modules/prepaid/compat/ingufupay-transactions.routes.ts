import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { drfPage, routeOptions } from '../../../platform/http/index.ts';
import { PrepaidErrors } from '../prepaid.errors.ts';
import {
  originalTransaction,
  originalTransactionPage,
  tags,
  transactionParams,
  transactionQuery,
} from './ingufupay.contract.ts';
import { meterIdOf, transactionById, transactionPage } from './ingufupay-transactions.ts';

const op = routeOptions(tags);

/**
 * The original's `GET /api/transactions/` (its `TransactionListView`: newest first, `?meter=`, 20 a
 * page or `page_size`) and `GET /api/transactions/<id>/` (`TransactionDetailView`), answering with
 * its serializer's field names: what it sold, imported with its own ids, and what Opsdesk sold since.
 * The original listed the caller's own; here staff with the native sales' permission read them all.
 */
export const ingufupayTransactionRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = { permission: 'prepaid.purchase.read' };
  app.get(
    '/api/transactions/',
    op(read, "Transactions, newest first: the original's (its ids) and Opsdesk's since", {
      querystring: transactionQuery,
      response: { 200: originalTransactionPage },
    }),
    async (req) => {
      const { page, page_size, meter } = req.query;
      const meterId = meter === undefined ? undefined : await meterIdOf(req.ctx, meter);
      // an unknown meter has no transactions, as the original's filter found none
      if (meterId === null) return drfPage(req.url, page, page_size, 0, []);
      const { count, results } = await transactionPage(req.ctx, {
        ...(meterId === undefined ? {} : { meterId }),
        limit: page_size,
        offset: (page - 1) * page_size,
      });
      return drfPage(req.url, page, page_size, count, results);
    },
  );
  app.get(
    '/api/transactions/:id/',
    op({ ...read, refuses: [404] }, 'One transaction, by the id its list gives', {
      params: transactionParams,
      response: { 200: originalTransaction },
    }),
    async (req) => {
      const found = await transactionById(req.ctx, req.params.id);
      if (!found) throw PrepaidErrors.purchase_not_found({ purchaseId: req.params.id });
      return found;
    },
  );
};
