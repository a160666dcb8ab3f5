import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyKeyOf, idempotent } from '../../core/idempotency/index.ts';
import { deliverableChannels } from '../../core/notifications/index.ts';
import { verifyPassOnline } from '../../core/pass-issuer/index.ts';
import { addBill, type Biller, exhibitionTotals, getBill, listCustomerBills, voidBill } from './bills.ts';
import { boothDashboard } from './booth-dashboard.ts';
import { boothsOfBiller } from './booth-desk.ts';
import { findDuplicates, mergeCustomers } from './customer-merge.ts';
import { CUSTOMER_PASS_SUBJECT } from './customer-pass.ts';
import {
  findCustomerByCode,
  followMerge,
  getCustomer,
  registerCustomer,
  resendWelcome,
  searchCustomers,
} from './customers.ts';
import { importWelcomeProgress, retryImportWelcomes, retryStatementRunFailures } from './email-retries.ts';
import {
  billerBoothSchema,
  billSchema,
  boothDashboardSchema,
  boothSchema,
  customerSchema,
  exhibitionSchema,
  idParams,
  importWelcomeSchema,
  newBillSchema,
  newBoothSchema,
  newCustomerSchema,
  newExhibitionSchema,
  retriedSchema,
  statementRunSchema,
  toBillJson,
  toBoothJson,
  toCustomerJson,
  toExhibitionJson,
  toStatementRunJson,
  toTotalsJson,
  totalsSchema,
  voidBillSchema,
} from './exhibition.contract.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import {
  assignBoothStaff,
  createBooth,
  createExhibition,
  listBooths,
  listExhibitions,
} from './exhibitions.ts';
import { getStatementRun, listStatementRuns, startStatementRun } from './statement-run.ts';
import { emailStatement, statementPdf } from './statements.ts';

const tags = ['exhibition'];
/** Desk staff hold it; booth staff (scanner role) bill only at their assigned booths. */
export const BILL_ANY_BOOTH = 'exhibition.bill.any_booth';

/** The exhibition REST API for the desk, the booths and the console. Handlers: validate → one use case → reply. */
export const exhibitionRoutes =
  (rt: ExhibitionRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const manage = { permission: 'exhibition.exhibition.manage' };
    const find = { permission: 'exhibition.customer.find' };
    const billerOf = (req: FastifyRequest): Biller => ({
      userId: req.auth?.userId ?? null,
      billsAnyBooth: req.auth?.permissions.has(BILL_ANY_BOOTH) ?? false,
    });

    app.get(
      '/api/exhibition/my-booths',
      {
        schema: {
          tags,
          summary: 'The booths the caller may bill at, with live totals (the booth page)',
          response: { 200: z.array(billerBoothSchema) },
        },
        config: { permission: 'exhibition.bill.add' },
      },
      async (req) => boothsOfBiller(req.ctx, billerOf(req)),
    );

    app.get(
      '/api/exhibition/exhibitions',
      {
        schema: { tags, summary: 'Exhibitions, latest first', response: { 200: z.array(exhibitionSchema) } },
        config: { permission: 'exhibition.exhibition.read' },
      },
      async (req) => (await listExhibitions(req.ctx)).map(toExhibitionJson),
    );
    app.post(
      '/api/exhibition/exhibitions',
      {
        schema: {
          tags,
          summary: 'Create an exhibition',
          body: newExhibitionSchema,
          response: { 201: exhibitionSchema },
        },
        config: { ...manage, refuses: [409, 422] },
      },
      async (req, reply) => {
        const result = await idempotent(
          req.ctx,
          { scope: 'exhibition.create', key: idempotencyKeyOf(req.headers), request: req.body },
          async (tx) => ({ status: 201, body: toExhibitionJson(await createExhibition(tx, req.body)) }),
        );
        return reply.status(201).send(result.body);
      },
    );
    app.get(
      '/api/exhibition/exhibitions/:id/booths',
      {
        schema: {
          tags,
          summary: 'Booths of an exhibition',
          params: idParams,
          response: { 200: z.array(boothSchema) },
        },
        config: find,
      },
      async (req) => (await listBooths(req.ctx, req.params.id)).map(toBoothJson),
    );
    app.post(
      '/api/exhibition/exhibitions/:id/booths',
      {
        schema: {
          tags,
          summary: 'Add a booth',
          params: idParams,
          body: newBoothSchema,
          response: { 201: boothSchema },
        },
        config: { ...manage, refuses: [409, 422] },
      },
      async (req, reply) => {
        const result = await idempotent(
          req.ctx,
          {
            scope: 'exhibition.booth',
            key: idempotencyKeyOf(req.headers),
            request: [req.params.id, req.body],
          },
          async (tx) => ({ status: 201, body: toBoothJson(await createBooth(tx, req.params.id, req.body)) }),
        );
        return reply.status(201).send(result.body);
      },
    );
    app.get(
      '/api/exhibition/exhibitions/:id/totals',
      {
        schema: {
          tags,
          summary: 'Totals per booth and per day',
          params: idParams,
          response: { 200: totalsSchema },
        },
        config: { permission: 'exhibition.bill.read' },
      },
      async (req) => toTotalsJson(await exhibitionTotals(req.ctx, req.params.id)),
    );
    app.get(
      '/api/exhibition/exhibitions/:id/dashboard',
      {
        schema: {
          tags,
          summary: "Today's takings per booth and per hour, top customers, and the totals across booths",
          params: idParams,
          response: { 200: boothDashboardSchema },
        },
        config: { permission: 'exhibition.bill.read' },
      },
      async (req) => boothDashboard(req.ctx, req.params.id),
    );
    app.get(
      '/api/exhibition/exhibitions/:id/customers',
      {
        schema: {
          tags,
          summary: 'Find customers by name, phone, e-mail or code',
          params: idParams,
          querystring: z.object({ q: z.string().trim().min(1).max(100) }),
          response: { 200: z.array(customerSchema) },
        },
        config: find,
      },
      async (req) => (await searchCustomers(req.ctx, req.params.id, req.query.q)).map(toCustomerJson),
    );
    app.post(
      '/api/exhibition/booths/:id/staff',
      {
        schema: {
          tags,
          summary: 'Assign a staff member to a booth (booth staff bill only there)',
          params: idParams,
          body: z.object({ userId: z.string().uuid() }),
          response: { 204: z.null() },
        },
        config: manage,
      },
      async (req, reply) => {
        await assignBoothStaff(req.ctx, req.params.id, req.body.userId);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/api/exhibition/customers',
      {
        schema: {
          tags,
          summary:
            'Register a customer: code, signed QR pass and the welcome e-mail (`welcomeDeliverable`: false when no e-mail can leave this server)',
          body: newCustomerSchema,
          response: { 201: customerSchema.extend({ welcomeDeliverable: z.boolean() }) },
        },
        config: { permission: 'exhibition.customer.register', refuses: [409, 422] },
      },
      async (req, reply) => {
        // The desk says "on its way" only when it is; otherwise what to set up.
        const welcomeDeliverable = (await deliverableChannels(req.ctx, rt.deps.declared)).has('email');
        const result = await idempotent(
          req.ctx,
          { scope: 'exhibition.register', key: idempotencyKeyOf(req.headers), request: req.body },
          async (tx) => ({
            status: 201,
            body: { ...toCustomerJson(await registerCustomer(tx, rt, req.body)), welcomeDeliverable },
          }),
        );
        return reply.status(201).send(result.body);
      },
    );
    app.get(
      '/api/exhibition/customers/by-code/:code',
      {
        schema: {
          tags,
          summary: 'The customer with a typed code (a typo in the code answers 400)',
          params: z.object({ code: z.string().min(1).max(40) }),
          response: { 200: customerSchema },
        },
        config: find,
      },
      async (req) => toCustomerJson(await findCustomerByCode(req.ctx, req.params.code)),
    );
    app.post(
      '/api/exhibition/customers/by-pass',
      {
        schema: {
          tags,
          summary: 'The customer whose QR pass was scanned (signature and revocation checked)',
          body: z.object({ pass: z.string().min(1).max(400) }),
          response: { 200: customerSchema },
        },
        config: { ...find, refuses: [422] },
      },
      async (req) => {
        const verdict = await verifyPassOnline(req.ctx, req.body.pass);
        if (!verdict.ok || verdict.pass.subject.type !== CUSTOMER_PASS_SUBJECT)
          throw ExhibitionErrors.pass_invalid({
            reason: verdict.ok ? 'not_a_customer_pass' : verdict.reason,
          });
        return toCustomerJson(
          await followMerge(req.ctx, await getCustomer(req.ctx, verdict.pass.subject.id)),
        );
      },
    );
    app.get(
      '/api/exhibition/customers/:id',
      {
        schema: {
          tags,
          summary: 'A customer with the running tab',
          params: idParams,
          response: { 200: customerSchema },
        },
        config: find,
      },
      async (req) => toCustomerJson(await getCustomer(req.ctx, req.params.id)),
    );
    app.post(
      '/api/exhibition/exhibitions/:id/statement-runs',
      {
        schema: {
          tags,
          summary: 'E-mail every customer their statement (end of the exhibition); a running run is returned',
          params: idParams,
          response: { 202: statementRunSchema },
        },
        config: { permission: 'exhibition.customer.register' },
      },
      async (req, reply) =>
        reply.status(202).send(toStatementRunJson(await startStatementRun(req.ctx, rt, req.params.id))),
    );
    app.get(
      '/api/exhibition/exhibitions/:id/statement-runs',
      {
        schema: {
          tags,
          summary: 'Statement runs of an exhibition with their progress, latest first',
          params: idParams,
          response: { 200: z.array(statementRunSchema) },
        },
        config: { permission: 'exhibition.customer.read' },
      },
      async (req) => (await listStatementRuns(req.ctx, req.params.id)).map(toStatementRunJson),
    );
    app.get(
      '/api/exhibition/statement-runs/:id',
      {
        schema: {
          tags,
          summary: 'A statement run: progress, e-mail states and failures',
          params: idParams,
          response: { 200: statementRunSchema },
        },
        config: { permission: 'exhibition.customer.read' },
      },
      async (req) => toStatementRunJson(await getStatementRun(req.ctx, req.params.id)),
    );
    app.post(
      '/api/exhibition/statement-runs/:id/retry-failed',
      {
        schema: {
          tags,
          summary:
            "Send again the run's statements the outbox gave up on (a customer reached is never e-mailed twice)",
          params: idParams,
          response: { 200: retriedSchema },
        },
        config: { permission: 'exhibition.customer.register' },
      },
      async (req) => retryStatementRunFailures(req.ctx, rt, req.params.id),
    );
    app.get(
      '/api/exhibition/exhibitions/:id/import-welcome',
      {
        schema: {
          tags,
          summary:
            'Progress of the welcome e-mails of customers pre-registered from CSV: sent, waiting, who was not reached',
          params: idParams,
          response: { 200: importWelcomeSchema },
        },
        config: { permission: 'exhibition.customer.read' },
      },
      async (req) => importWelcomeProgress(req.ctx, req.params.id),
    );
    app.post(
      '/api/exhibition/exhibitions/:id/import-welcome/retry-failed',
      {
        schema: {
          tags,
          summary:
            "Send again the imported customers' welcome e-mails the outbox gave up on (never twice to one reached)",
          params: idParams,
          response: { 200: retriedSchema.extend({ progress: importWelcomeSchema }) },
        },
        config: { permission: 'exhibition.customer.register' },
      },
      async (req) => retryImportWelcomes(req.ctx, rt, req.params.id),
    );
    app.get(
      '/api/exhibition/exhibitions/:id/duplicates',
      {
        schema: {
          tags,
          summary: 'Customers that look like the same person (same e-mail or phone), to merge',
          params: idParams,
          response: {
            200: z.array(
              z.object({
                first: customerSchema,
                second: customerSchema,
                matches: z.array(z.enum(['email', 'phone'])),
              }),
            ),
          },
        },
        config: { permission: 'exhibition.customer.read' },
      },
      async (req) =>
        (await findDuplicates(req.ctx, req.params.id)).map((p) => ({
          first: toCustomerJson(p.first),
          second: toCustomerJson(p.second),
          matches: p.matches,
        })),
    );
    app.post(
      '/api/exhibition/customers/:id/merge',
      {
        schema: {
          tags,
          summary: 'Merge a duplicate into this customer: its bills and tab move here (kept, marked merged)',
          params: idParams,
          body: z.object({ duplicateId: z.string().uuid() }),
          response: { 200: customerSchema },
        },
        config: { permission: 'exhibition.customer.merge', refuses: [409, 422] },
      },
      async (req) => toCustomerJson(await mergeCustomers(req.ctx, rt, req.params.id, req.body.duplicateId)),
    );
    app.post(
      '/api/exhibition/customers/:id/resend',
      {
        schema: {
          tags,
          summary: 'Queue the welcome e-mail again',
          params: idParams,
          response: { 200: customerSchema },
        },
        config: { permission: 'exhibition.customer.register' },
      },
      async (req) => toCustomerJson(await resendWelcome(req.ctx, rt, req.params.id)),
    );
    app.get(
      '/api/exhibition/customers/:id/bills',
      {
        schema: {
          tags,
          summary: "A customer's bills, oldest first",
          params: idParams,
          response: { 200: z.array(billSchema) },
        },
        config: find,
      },
      async (req) => {
        await getCustomer(req.ctx, req.params.id);
        return (await listCustomerBills(req.ctx, req.params.id)).map(toBillJson);
      },
    );
    app.post(
      '/api/exhibition/customers/:id/bills',
      {
        schema: {
          tags,
          summary: "Add a bill to a customer's tab (send an Idempotency-Key: a retried tap bills once)",
          params: idParams,
          body: newBillSchema,
          response: { 201: billSchema },
        },
        config: { permission: 'exhibition.bill.add', refuses: [409, 422] },
      },
      async (req, reply) => {
        const biller = billerOf(req);
        const result = await idempotent(
          req.ctx,
          {
            scope: 'exhibition.bill',
            key: idempotencyKeyOf(req.headers),
            request: [req.params.id, req.body],
          },
          async (tx) => ({
            status: 201,
            body: toBillJson(await addBill(tx, rt, biller, { customerId: req.params.id, ...req.body })),
          }),
        );
        return reply.status(201).send(result.body);
      },
    );
    app.post(
      '/api/exhibition/bills/:id/void',
      {
        schema: {
          tags,
          summary: 'Void a bill with a reason (never deleted)',
          params: idParams,
          body: voidBillSchema,
          response: { 200: billSchema },
        },
        config: { permission: 'exhibition.bill.void', refuses: [409] },
      },
      async (req) => toBillJson(await voidBill(req.ctx, rt, req.params.id, req.body)),
    );
    app.get(
      '/api/exhibition/bills/:id',
      {
        schema: { tags, summary: 'One bill', params: idParams, response: { 200: billSchema } },
        config: { permission: 'exhibition.bill.read' },
      },
      async (req) => toBillJson(await getBill(req.ctx, req.params.id)),
    );
    app.get(
      '/api/exhibition/customers/:id/statement.pdf',
      {
        schema: { tags, summary: "A customer's statement: every bill and the total", params: idParams },
        config: { permission: 'exhibition.customer.read' },
      },
      async (req, reply) => {
        const pdf = await statementPdf(req.ctx, req.params.id);
        return reply
          .type('application/pdf')
          .header('content-disposition', 'inline; filename="statement.pdf"')
          .send(pdf);
      },
    );
    app.post(
      '/api/exhibition/customers/:id/statement/email',
      {
        schema: {
          tags,
          summary: 'E-mail the statement to the customer',
          params: idParams,
          response: { 202: z.object({ notificationId: z.string() }) },
        },
        config: { permission: 'exhibition.customer.register' },
      },
      async (req, reply) => reply.status(202).send(await emailStatement(req.ctx, rt, req.params.id)),
    );
  };
