import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { phoneReaderOf } from '../contacts/index.ts';
import type { Ctx } from '../context/index.ts';
import { UPLOAD_MAX_BYTES } from '../files/index.ts';
import { callerKey, idempotentCreate, sendCreated } from '../idempotency/index.ts';
import { money } from '../money/index.ts';
import { getPayment } from './get-payment.ts';
import type { PaymentPurpose } from './insert-payment.ts';
import { assertPurposeExists } from './payment-purpose.ts';
import { purposeText } from './payment-words.ts';
import {
  idParams,
  manualBody,
  mobileMoneyBody,
  type PaymentRouteOptions,
  paymentSchema,
  proofBody,
  proofFormFields,
  toPaymentJson,
} from './payments.contract.ts';
import { PaymentsErrors } from './payments.errors.ts';
import { queueRequestToPay, queueStatusCheck } from './payments.queue.ts';
import type { PurposeLabeler } from './purpose-label.ts';
import { recordManualPayment } from './record-manual-payment.ts';
import { createMobileMoneyPayment } from './request-mobile-money-payment.ts';
import { type ProofPaymentInput, submitProofPayment } from './submit-proof-payment.ts';

/** Payments coming in: cash recorded by staff, a proof of payment uploaded, a mobile-money request and its status check. */
export const paymentIntakeRoutes: FastifyPluginAsyncZod<PaymentRouteOptions> = async (app, deps) => {
  const op = routeOptions(['payments']);
  const _one = { 200: paymentSchema };

  app.post(
    '/api/payments/manual',
    op(
      { permission: 'payments.payment.create', refuses: [409, 422] },
      'Record cash or a bank transfer received (settled at once; accepts Idempotency-Key)',
      { body: manualBody, response: { 201: paymentSchema } },
    ),
    async (req, reply) =>
      sendCreated(req, reply, { scope: 'payments.manual' }, async (tx, key) => {
        await assertPurposeExists(tx, deps.purposeLabels(), req.body.purpose);
        return toPaymentJson(
          await recordManualPayment(tx, {
            ...req.body,
            amount: money(req.body.amount.amountMinor, req.body.amount.currency),
            idempotencyKey: callerKey(tx, key),
          }),
        );
      }),
  );

  app.post(
    '/api/payments/proof',
    op(
      { permission: 'payments.payment.create', refuses: [400, 404, 409, 413, 415, 422] },
      'Submit a payment proof for verification: JSON with a fileId, or multipart with a "file" part and the fields flat (amountMinor, currency, purposeType, purposeId, externalReference). Accepts Idempotency-Key.',
      { consumes: ['application/json', 'multipart/form-data'], response: { 201: paymentSchema } },
    ),
    async (req, reply) => {
      const { input, fingerprint, purposeFields } = await readProof(req);
      return sendCreated(req, reply, { scope: 'payments.proof', request: fingerprint }, async (tx, key) => {
        await assertPurposeExists(tx, deps.purposeLabels(), input.purpose, purposeFields);
        return toPaymentJson(
          await submitProofPayment(
            tx,
            { files: deps.files, jobs: deps.jobs },
            { ...input, idempotencyKey: callerKey(tx, key) },
          ),
        );
      });
    },
  );

  app.post(
    '/api/payments/mobile-money',
    op(
      { permission: 'payments.payment.request', refuses: [409, 422, 503] },
      'Ask a payer to approve a MoMo / Airtel Money charge (pending until the provider decides; accepts Idempotency-Key)',
      { body: mobileMoneyBody, response: { 202: paymentSchema } },
    ),
    async (req, reply) => {
      const body = await idempotentCreate(
        req,
        { scope: 'payments.mobile-money', status: 202 },
        async (tx, key) => {
          await assertPurposeExists(tx, deps.purposeLabels(), req.body.purpose);
          const { payment } = await createMobileMoneyPayment(tx, deps, {
            ...(await withPayerMessage(tx, deps.purposeLabels(), req.body)),
            // The payer's number as staff type it (`0788 000 111`), read in the organization's country.
            msisdn: (await phoneReaderOf(tx)).readOrUndefined(req.body.msisdn) ?? req.body.msisdn,
            amount: money(req.body.amount.amountMinor, req.body.amount.currency),
            idempotencyKey: callerKey(tx, key),
          });
          return toPaymentJson(payment);
        },
      );
      // After the commit, so the job always finds the payment (queueing twice is harmless).
      await queueRequestToPay(deps.jobs, { orgId: req.ctx.orgId, id: body.id, status: body.status });
      return reply.status(202).send(body);
    },
  );

  app.post(
    '/api/payments/:id/check',
    op('payments.payment.request', 'Ask the provider again about a mobile-money payment now', {
      params: idParams,
      response: { 202: z.object({ queued: z.boolean() }) },
    }),
    async (req, reply) => {
      const payment = await getPayment(req.ctx, req.params.id);
      const open = ['pending', 'ambiguous'].includes(payment.status) || payment.failureReason === 'timeout';
      const queued = open && (payment.method === 'momo' || payment.method === 'airtel');
      if (queued)
        await queueStatusCheck(deps.jobs, { orgId: payment.orgId, paymentId: payment.id, trigger: 'staff' });
      return reply.status(202).send({ queued });
    },
  );
};

/** A proof from JSON (`fileId`) or multipart (`file` part); `fingerprint` identifies it for Idempotency-Key. */
async function readProof(
  req: FastifyRequest,
): Promise<{ input: ProofPaymentInput; fingerprint: unknown; purposeFields: { type: string; id: string } }> {
  if (!req.isMultipart()) {
    const body = parseOrRefuse(proofBody, req.body, 'body');
    return {
      input: { ...body, amount: money(body.amount.amountMinor, body.amount.currency) },
      fingerprint: body,
      purposeFields: { type: 'body.purpose.type', id: 'body.purpose.id' },
    };
  }
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; originalName: string } | undefined;
  for await (const part of req.parts({ limits: { fileSize: UPLOAD_MAX_BYTES, files: 1 } })) {
    if (part.type === 'file') {
      if (part.fieldname === 'file') file = { bytes: await part.toBuffer(), originalName: part.filename };
      else part.file.resume();
    } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
  }
  const form = parseOrRefuse(proofFormFields, fields, 'body');
  if (!file) throw PaymentsErrors.proof_required({ field: 'file' });
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  return {
    input: {
      amount: money(form.amountMinor, form.currency),
      purpose: { type: form.purposeType, id: form.purposeId },
      bytes: file.bytes,
      originalName: file.originalName,
      externalReference: form.externalReference,
      payerContactId: form.payerContactId,
    },
    fingerprint: { ...form, sha256 },
    purposeFields: { type: 'body.purposeType', id: 'body.purposeId' },
  };
}

/** Validates a body the route could not declare (two content types) and refuses it like the schema would. */
function parseOrRefuse<T>(schema: ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
    code: issue.code,
  }));
  throw PlatformErrors.validation_failed(
    {},
    { message: fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields },
  );
}

/**
 * A request as the payer's prompt reads it: the caller's message, else the record it pays for in its
 * module's words (issue 65: never the purpose's code).
 */
async function withPayerMessage<B extends { payerMessage?: string | undefined; purpose: PaymentPurpose }>(
  ctx: Ctx,
  labelers: ReadonlyArray<PurposeLabeler>,
  body: B,
): Promise<B & { payerMessage: string }> {
  return {
    ...body,
    payerMessage: body.payerMessage?.trim() || (await purposeText(ctx, labelers, body.purpose)),
  };
}
