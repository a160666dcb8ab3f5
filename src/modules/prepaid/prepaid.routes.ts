import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyKeyOf, idempotent, idempotentCreate } from '../../core/idempotency/index.ts';
import { meterCommissioningRoutes } from './meter-commissioning.routes.ts';
import { meterDeviceRoutes } from './meter-device.routes.ts';
import { createAccount, createMeter, createTariff, getMeterRow, setMeterStatus } from './meters.ts';
import { portalRoutes } from './portal/portal.routes.ts';
import { normalizePhone } from './portal/portal.rules.ts';
import { portalAccountRoutes } from './portal/portal-account.routes.ts';
import { portalSignUpRoutes } from './portal/portal-sign-up.routes.ts';
import { portalUsersRoutes } from './portal/portal-users.routes.ts';
import { purchaseSchema, quoteSchema, salesReportSchema, tokenCheckSchema } from './prepaid.contract.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { getPurchase, quoteFor, startPurchase } from './purchases.ts';
import { meterConsumption, recordReading } from './readings.ts';
import { receiptRoutes } from './receipts.routes.ts';
import { salesCsv, salesReport } from './reports.ts';
import { statementRoutes } from './statements.routes.ts';
import { checkTypedToken } from './token-check.ts';

const tags = ['prepaid'];
const idParams = z.object({ id: z.uuid() });
const currency = z.string().regex(/^[A-Z]{3}$/);

const accountSchema = z.object({
  id: z.string(),
  kind: z.enum(['household', 'institution']),
  name: z.string(),
  channel: z.string().nullable(),
});
const meterSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  number: z.string(),
  category: z.string(),
  location: z.string(),
  building: z.string(),
  department: z.string(),
  status: z.enum(['active', 'inactive', 'suspended']),
  openPaygo: z.object({
    keySet: z.boolean(),
    startingCode: z.number(),
    lastCount: z.number(),
    restrictedDigits: z.boolean(),
    extendedTokens: z.boolean(),
    valueDivider: z.number(),
  }),
  /** The meter API: whether the meter has a token, and what it last reported. */
  /** Until when a generated key's commissioning sheet can still be printed (once); null once printed. */
  commissioningSheetUntil: z.string().nullable(),
  reporting: z.object({
    tokenIssuedAt: z.string().nullable(),
    reportedAt: z.string().nullable(),
    reportedCount: z.number().nullable(),
  }),
});
const createdMeterSchema = meterSchema.extend({
  openPaygoKey: z
    .string()
    .optional()
    .describe('The generated key (32 hex), in this answer only; absent when the key was given'),
});
const toMeterJson = (m: Awaited<ReturnType<typeof getMeterRow>>) => ({
  id: m.id,
  accountId: m.account_id,
  number: m.number,
  category: m.category,
  location: m.location,
  building: m.building,
  department: m.department,
  status: m.status,
  openPaygo: {
    keySet: m.opg_key_sealed.length > 0,
    startingCode: Number(m.opg_starting_code),
    lastCount: m.opg_last_count,
    restrictedDigits: m.opg_restricted_digits,
    extendedTokens: m.opg_extended,
    valueDivider: m.opg_value_divider,
  },
  commissioningSheetUntil: m.opg_key_sheet_until?.toISOString() ?? null,
  reporting: {
    tokenIssuedAt: m.device_token_issued_at?.toISOString() ?? null,
    reportedAt: m.reported_at?.toISOString() ?? null,
    reportedCount: m.reported_count,
  },
});

/** The prepaid staff API: accounts, meters, tariffs, quotes, purchases and token checks. */
export const prepaidRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const secret = rt.deps.config.OPSDESK_SECRET_KEY;
    const manage = { permission: 'prepaid.meter.manage' };
    await app.register(portalRoutes(rt));
    await app.register(portalAccountRoutes(rt));
    await app.register(portalSignUpRoutes(rt));
    await app.register(portalUsersRoutes(rt));
    await app.register(statementRoutes(rt));
    await app.register(receiptRoutes);
    await app.register(meterCommissioningRoutes(rt));
    await app.register(meterDeviceRoutes(rt));
    app.post(
      '/api/prepaid/accounts',
      {
        schema: {
          tags,
          summary: 'Create a household or institution account',
          body: z.object({
            kind: z.enum(['household', 'institution']),
            name: z.string().min(1).max(200),
            channel: z
              .object({ name: z.enum(['email', 'whatsapp', 'telegram']), to: z.string().min(1).max(200) })
              .nullable()
              .optional(),
            language: z.string().min(2).max(10).optional(),
            phone: z.string().min(8).max(24).optional(),
          }),
          response: { 201: accountSchema },
        },
        config: { ...manage, refuses: [422] },
      },
      async (req, reply) => {
        const body = await idempotentCreate(req, { scope: 'prepaid.account.create' }, async (tx) => {
          const phone = req.body.phone === undefined ? null : normalizePhone(req.body.phone);
          if (phone === null && req.body.phone !== undefined) throw PrepaidErrors.phone_invalid({});
          const a = await createAccount(tx, { ...req.body, phone });
          return { id: a.id, kind: a.kind, name: a.name, channel: a.channel };
        });
        return reply.status(201).send(body);
      },
    );
    app.post(
      '/api/prepaid/meters',
      {
        schema: {
          tags,
          summary:
            'Register a meter; a key left empty is generated and shown in this answer only (openPaygoKey), then sealed and never shown again',
          body: z.object({
            accountId: z.uuid(),
            number: z.string().regex(/^[A-Za-z0-9-]{3,40}$/),
            category: z.string().min(1).max(60).optional(),
            location: z.string().max(200).optional(),
            building: z.string().max(120).optional(),
            department: z.string().max(120).optional(),
            openPaygoKey: z.string().optional(),
            startingCode: z.number().int().min(0).max(999_999_999).optional(),
            restrictedDigits: z.boolean().optional(),
            extendedTokens: z.boolean().optional(),
            valueDivider: z.union([z.literal(1), z.literal(10), z.literal(100)]).optional(),
          }),
          response: { 201: createdMeterSchema },
        },
        config: { ...manage, refuses: [404, 409, 422] },
      },
      async (req, reply) => {
        // The stored answer (Idempotency-Key) never holds the generated key: a replay answers without it.
        let generatedKey: string | null = null;
        const result = await idempotent(
          req.ctx,
          {
            scope: 'prepaid.meter.create',
            key: idempotencyKeyOf(req.headers),
            request: { ...req.body, openPaygoKey: req.body.openPaygoKey ? 'set' : undefined },
          },
          async (tx) => {
            const meter = await createMeter(tx, secret, req.body);
            generatedKey = meter.generatedKey;
            return { status: 201, body: toMeterJson(meter) };
          },
        );
        const once = !result.replayed && generatedKey ? { openPaygoKey: generatedKey } : {};
        return reply
          .status(201)
          .header('cache-control', 'no-store')
          .send({ ...result.body, ...once });
      },
    );
    app.get(
      '/api/prepaid/meters/:id',
      {
        schema: { tags, summary: 'One meter', params: idParams, response: { 200: meterSchema } },
        config: { permission: 'prepaid.meter.read' },
      },
      async (req) => toMeterJson(await getMeterRow(req.ctx, req.params.id)),
    );
    app.post(
      '/api/prepaid/meters/:id/status',
      {
        schema: {
          tags,
          summary: 'Activate, deactivate or suspend a meter (audited with the reason)',
          params: idParams,
          body: z.object({
            status: z.enum(['active', 'inactive', 'suspended']),
            reason: z.string().min(1).max(500),
          }),
          response: { 200: meterSchema },
        },
        config: { ...manage, refuses: [404, 409] },
      },
      async (req) =>
        toMeterJson(await setMeterStatus(req.ctx, req.params.id, req.body.status, req.body.reason)),
    );
    app.get(
      '/api/prepaid/meters/:id/quote',
      {
        schema: {
          tags,
          summary: 'Units for an amount, or the amount for units, with the tier breakdown',
          params: idParams,
          querystring: z.union([
            z.object({ amountMinor: z.coerce.number().int().positive() }),
            z.object({ unitsTenths: z.coerce.number().int().positive() }),
          ]),
          response: { 200: quoteSchema },
        },
        config: { permission: 'prepaid.meter.read', refuses: [404, 409] },
      },
      async (req) => quoteFor(req.ctx, req.params.id, req.query),
    );
    app.post(
      '/api/prepaid/meters/:id/check-token',
      {
        schema: {
          tags,
          summary:
            'What the meter would do with a token a customer typed: found at any count it was issued, used or not by what the meter reported (changes nothing)',
          params: idParams,
          body: z.object({ token: z.string().min(1).max(40) }),
          response: { 200: tokenCheckSchema },
        },
        config: { permission: 'prepaid.token.check', refuses: [404] },
      },
      async (req) => checkTypedToken(req.ctx, secret, req.params.id, req.body.token),
    );
    app.post(
      '/api/prepaid/tariffs',
      {
        schema: {
          tags,
          summary: 'Add a tariff for a meter category from a date (flat = one open tier)',
          body: z.object({
            category: z.string().min(1).max(60),
            currency,
            tiers: z
              .array(
                z.object({
                  uptoKwh: z.number().int().positive().nullable(),
                  priceMinorPerKwh: z.number().int(),
                }),
              )
              .min(1)
              .max(10),
            feeMinor: z.number().int().min(0).default(0),
            taxBasisPoints: z.number().int().min(0).max(10_000).default(0),
            effectiveFrom: z.coerce.date(),
            effectiveTo: z.coerce.date().nullable().optional(),
          }),
          response: { 201: z.object({ id: z.string(), category: z.string() }) },
        },
        config: { permission: 'prepaid.tariff.manage', refuses: [422] },
      },
      async (req, reply) => {
        const body = await idempotentCreate(req, { scope: 'prepaid.tariff.create' }, async (tx) => {
          const t = await createTariff(tx, req.body);
          return { id: t.id, category: t.category };
        });
        return reply.status(201).send(body);
      },
    );
    app.post(
      '/api/prepaid/purchases',
      {
        schema: {
          tags,
          summary: 'Buy units: request to pay by MoMo/Airtel, or cash taken by staff (token at once)',
          body: z.object({
            meterId: z.uuid(),
            method: z.enum(['momo', 'airtel', 'cash']),
            amount: z.object({ amountMinor: z.number().int().positive(), currency }),
            msisdn: z.string().min(8).max(20).optional(),
          }),
          response: { 201: purchaseSchema },
        },
        config: { permission: 'prepaid.purchase.create', refuses: [404, 409, 422] },
      },
      async (req, reply) => {
        const body = await idempotentCreate(req, { scope: 'prepaid.purchase.create' }, (tx) =>
          startPurchase(tx, rt, {
            meterId: req.body.meterId,
            method: req.body.method,
            amountMinor: req.body.amount.amountMinor,
            currency: req.body.amount.currency,
            msisdn: req.body.msisdn,
          }),
        );
        return reply.status(201).send(body);
      },
    );
    app.get(
      '/api/prepaid/purchases/:id',
      {
        schema: {
          tags,
          summary: 'One purchase, with its token once paid',
          params: idParams,
          response: { 200: purchaseSchema },
        },
        config: { permission: 'prepaid.purchase.read' },
      },
      async (req) => getPurchase(req.ctx, req.params.id),
    );
    const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
    app.get(
      '/api/prepaid/reports/sales',
      {
        schema: {
          tags,
          summary: 'Sales per day and provider, and settled payments reconciled against tokens (JSON or CSV)',
          querystring: z.object({ from: day, to: day, format: z.enum(['json', 'csv']).optional() }),
          response: { 200: salesReportSchema.or(z.string()) },
        },
        config: { permission: 'prepaid.purchase.read' },
      },
      async (req, reply) => {
        const report = await salesReport(req.ctx, req.query);
        if (req.query.format !== 'csv') return report;
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="prepaid-sales-${req.query.from}-${req.query.to}.csv"`,
          )
          .send(salesCsv(report.sales));
      },
    );
    app.post(
      '/api/prepaid/readings',
      {
        schema: {
          tags,
          summary:
            'Record a meter register reading (smart meters); the same meter and moment twice is kept once',
          body: z.object({
            meterNumber: z.string().regex(/^[A-Za-z0-9-]{3,40}$/),
            readAt: z.coerce.date(),
            registerTenths: z.number().int().min(0).max(1e12),
          }),
          response: { 201: z.object({ id: z.string(), created: z.boolean() }) },
        },
        config: { permission: 'prepaid.reading.create', refuses: [404] },
      },
      async (req, reply) =>
        reply.status(201).send(await recordReading(req.ctx, { ...req.body, source: 'api' })),
    );
    app.get(
      '/api/prepaid/meters/:id/consumption',
      {
        schema: {
          tags,
          summary: 'Daily use, balance and days left from the last 30 days of readings',
          params: idParams,
          response: {
            200: z.object({
              dailyTenths: z.number().nullable(),
              balanceTenths: z.number(),
              daysLeft: z.number().nullable(),
            }),
          },
        },
        config: { permission: 'prepaid.meter.read', refuses: [404] },
      },
      async (req) => meterConsumption(req.ctx, (await getMeterRow(req.ctx, req.params.id)).id),
    );
  };
