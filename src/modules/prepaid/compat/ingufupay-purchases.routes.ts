import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyKeyOf, idempotent } from '../../../core/idempotency/index.ts';
import { AppError, PlatformErrors } from '../../../platform/errors/index.ts';
import { routeOptions } from '../../../platform/http/index.ts';
import { getMeterRow } from '../meters.ts';
import { PrepaidErrors } from '../prepaid.errors.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { startPurchase } from '../purchases.ts';
import { purchaseAnswer, purchaseBody, tags, unitsOf } from './ingufupay.contract.ts';
import { balanceOf } from './ingufupay-reads.ts';
import { meterIdOf } from './ingufupay-transactions.ts';

const op = routeOptions(tags);

/**
 * The original's answer, and what Opsdesk adds to it (issue 54, item 7): whether the new balance is
 * an estimate (the meter does not report it) and whether it is trusted; `low_balance` is said only
 * of a trusted balance, as the alerts do.
 */
const purchaseAnswerWithTrust = purchaseAnswer
  .extend({
    new_balance_estimated: z
      .boolean()
      .describe(
        'true when the meter does not report its balance: units sold (or keyed in) less its readings’ use',
      ),
    new_balance_trusted: z
      .boolean()
      .describe(
        'false for an estimate that knows too little (fewer than 3 readings over 2 days, a last reading over 3 days old, or use the units on record do not explain): low_balance is then false',
      ),
  })
  .meta({ id: 'PrepaidOriginalPurchaseAnswer' });

const STATUS = { pending: 'pending', paid: 'success', failed: 'failed' } as const;

/**
 * The original's `POST /api/transactions/purchase-token/`: the native purchase (same use case and
 * permission as `POST /api/prepaid/purchases`), for a meter named by Opsdesk's id or by the
 * original's id of a meter the import brought. A retry with the same `Idempotency-Key`, or else the
 * same `external_reference`, answers the first sale again; that reference with another body is
 * refused (400), as the original refused a used reference.
 */
export const ingufupayPurchaseRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/transactions/purchase-token/',
      op(
        { permission: 'prepaid.purchase.create', refuses: [400, 404] },
        'Buy units for a meter: cash gives the token at once; MoMo asks the payer and gives it once approved',
        { body: purchaseBody, response: { 201: purchaseAnswerWithTrust } },
      ),
      async (req, reply) => {
        const { meter, amount_rwf, method, external_reference, phone_number } = req.body;
        const header = idempotencyKeyOf(req.headers);
        const key = header ?? (external_reference ? `ingufupay:${external_reference}` : undefined);
        const sell = () =>
          idempotent(req.ctx, { scope: 'prepaid.purchase.create', key, request: req.body }, async (tx) => {
            const meterId = await meterIdOf(tx, meter);
            if (!meterId) throw PrepaidErrors.meter_not_found({ meterId: String(meter) });
            const sale = await startPurchase(tx, rt, {
              meterId,
              method,
              amountMinor: amount_rwf,
              currency: 'RWF',
              ...(phone_number ? { msisdn: phone_number } : {}),
            });
            const row = await getMeterRow(tx, sale.meterId);
            const balance = await balanceOf(tx, row);
            const body = {
              payment_id: sale.id,
              meter: sale.meterId,
              token: sale.token,
              units: sale.unitsTenths === null ? null : unitsOf(sale.unitsTenths),
              new_balance_units: unitsOf(balance.balanceTenths),
              low_balance: balance.low,
              new_balance_estimated: balance.estimated,
              new_balance_trusted: balance.trusted,
              rate_frw_per_kwh: sale.unitsTenths
                ? Math.round((sale.amount.amountMinor / (sale.unitsTenths / 10)) * 100) / 100
                : null,
              category: row.category,
              status: STATUS[sale.status],
            };
            return { status: 201, body };
          });
        const result = await sell().catch((e: unknown) => {
          // A reference used for another purchase: the original's 400 on that field.
          if (!header && e instanceof AppError && e.code === 'idempotency_key_reused')
            throw PlatformErrors.validation_failed(
              {},
              {
                message: 'external_reference: already used for another purchase',
                fields: [
                  {
                    field: 'body.external_reference',
                    message: 'already used for another purchase',
                    code: 'already_used',
                    expected: 'a reference not used before',
                  },
                ],
              },
            );
          throw e;
        });
        return reply.status(201).send(result.body);
      },
    );
  };
