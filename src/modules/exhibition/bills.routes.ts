import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCreated } from '../../core/idempotency/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { billWithMoney, tabBillsWithMoney } from './bill-money.ts';
import { addBill, type Biller, voidBill, voidOwnBill } from './bills.ts';
import { boothsOfBiller } from './booth-desk.ts';
import { boothOrganizationsOf } from './booth-organizations.ts';
import {
  billerBoothSchema,
  billSchema,
  boothOrganizationSchema,
  idParams,
  newBillSchema,
  toBillJson,
  voidBillSchema,
} from './exhibition.contract.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';

const op = routeOptions(['exhibition']);

/** Desk staff hold it; booth staff (scanner role) bill only at their assigned booths. */
export const BILL_ANY_BOOTH = 'exhibition.bill.any_booth';

/** Bills on a customer's tab and the booths a caller may bill at (the statement: `statements.routes.ts`). */
export const billRoutes =
  (rt: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const find = { permission: 'exhibition.customer.find' };
    const billerOf = (req: FastifyRequest): Biller => ({
      userId: req.auth?.userId ?? null,
      billsAnyBooth: req.auth?.permissions.has(BILL_ANY_BOOTH) ?? false,
    });

    app.get(
      '/api/exhibition/my-booths',
      op('exhibition.bill.add', 'The booths the caller may bill at, with live totals (the booth page)', {
        response: { 200: z.array(billerBoothSchema) },
      }),
      async (req) => boothsOfBiller(req.ctx, billerOf(req)),
    );
    app.get(
      '/api/exhibition/booth-organizations',
      op(
        { anyOrganization: true },
        "The ids of the caller's organizations that run the exhibition and have a booth (the booth page's chooser; answers in any of them)",
        { response: { 200: z.array(boothOrganizationSchema) } },
      ),
      async (req) =>
        (req.auth?.userId ? await boothOrganizationsOf(req.ctx.db, req.auth.userId) : []).map((id) => ({
          id,
        })),
    );
    app.get(
      '/api/exhibition/customers/:id/bills',
      op(find, "A customer's bills, oldest first", {
        params: idParams,
        response: { 200: z.array(billSchema) },
      }),
      async (req) => (await tabBillsWithMoney(req.ctx, req.params.id)).map(toBillJson),
    );
    app.post(
      '/api/exhibition/customers/:id/bills',
      op(
        { permission: 'exhibition.bill.add', refuses: [409, 422] },
        "Add a bill to a customer's tab (send an Idempotency-Key: a retried tap bills once)",
        { params: idParams, body: newBillSchema, response: { 201: billSchema } },
      ),
      async (req, reply) => {
        const biller = billerOf(req);
        return sendCreated(
          req,
          reply,
          { scope: 'exhibition.bill', request: [req.params.id, req.body] },
          async (tx) => toBillJson(await addBill(tx, rt, biller, { customerId: req.params.id, ...req.body })),
        );
      },
    );
    app.post(
      '/api/exhibition/bills/:id/void',
      op(
        { permission: 'exhibition.bill.void', refuses: [409] },
        'Void a bill with a reason (never deleted)',
        { params: idParams, body: voidBillSchema, response: { 200: billSchema } },
      ),
      async (req) => toBillJson(await voidBill(req.ctx, rt, req.params.id, req.body)),
    );
    app.post(
      '/api/exhibition/bills/:id/void-at-booth',
      op(
        { permission: 'exhibition.bill.add', refuses: [403, 409] },
        'Void a bill you made yourself, at the booth, within a short window after billing (voidWindowSeconds of my-booths)',
        { params: idParams, body: voidBillSchema, response: { 200: billSchema } },
      ),
      async (req) =>
        toBillJson(await voidOwnBill(req.ctx, rt, req.auth?.userId ?? null, req.params.id, req.body)),
    );
    app.get(
      '/api/exhibition/bills/:id',
      op('exhibition.bill.read', 'One bill', { params: idParams, response: { 200: billSchema } }),
      async (req) => toBillJson(await billWithMoney(req.ctx, req.params.id)),
    );
  };
