import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerKey, sendCreated } from '../../core/idempotency/index.ts';
import { offeredMethods } from '../../core/payments/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { tabBillsWithMoney } from './bill-money.ts';
import { idParams, tabPaymentBody, tabPaymentSchema, toBillJson } from './exhibition.contract.ts';
import { TAB_PAYMENT_METHODS } from './exhibition.rules.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import { takeTabPayment } from './tab-payments.ts';

const op = routeOptions(['exhibition']);

/** Taking a customer's money at the desk: cash, or a mobile-money request to the payer. */
export const tabPaymentRoutes =
  (rt: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/exhibition/payment-methods',
      op(
        'exhibition.bill.pay',
        'How the desk may take payment here: cash, and the mobile-money providers configured',
        {
          response: { 200: z.object({ methods: z.array(z.enum(TAB_PAYMENT_METHODS)) }) },
        },
      ),
      async () => ({
        methods: TAB_PAYMENT_METHODS.filter((m) => m === 'cash' || offeredMethods(rt.deps).includes(m)),
      }),
    );
    app.post(
      '/api/exhibition/customers/:id/payments',
      op(
        { permission: 'exhibition.bill.pay', refuses: [400, 404, 409, 503] },
        "Take payment for what a customer's tab owes (or some of its bills): one core payment per bill, cash settled at once, MoMo / Airtel Money asked of the payer's phone. Accepts Idempotency-Key: a retry takes the money once",
        { params: idParams, body: tabPaymentBody, response: { 201: tabPaymentSchema } },
      ),
      async (req, reply) =>
        sendCreated(
          req,
          reply,
          { scope: 'exhibition.tab.payment', request: [req.params.id, req.body] },
          async (tx, key) => {
            const payments = await takeTabPayment(
              tx,
              { ...rt.deps, publish: rt.publish },
              { customerId: req.params.id, ...req.body, idempotencyKey: callerKey(tx, key) },
            );
            const bills = await tabBillsWithMoney(tx, req.params.id);
            return {
              payments: payments.map((p) => ({
                id: p.id,
                billId: p.purpose.id,
                method: p.method,
                status: p.status,
                amount: p.amount,
              })),
              bills: bills.map(toBillJson),
            };
          },
        ),
    );
  };
