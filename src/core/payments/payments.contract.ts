import { z } from 'zod';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { FileStore } from '../files/index.ts';
import { pageQuery, pageSchema } from '../resources/index.ts';
import type { PaymentDeps } from './payment-deps.ts';
import type { Payment } from './payment-view.ts';
import { MANUAL_KINDS, MOBILE_MONEY_METHODS, PAYMENT_METHODS, PAYMENT_STATUSES } from './payments.rules.ts';
import type { PurposeLabeler } from './purpose-label.ts';
import type { RefundRejectionDeps } from './refunds/tell-refund-rejected.ts';

const amount = z.object({
  amountMinor: z
    .number()
    .int()
    .positive()
    .refine(Number.isSafeInteger, { message: 'amount_out_of_range' })
    .describe('Integer minor units (cents, paise); RWF and UGX have none'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .describe('ISO 4217'),
});
const purpose = z.object({
  type: z
    .string()
    .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/)
    .max(100)
    .describe('What the money is for, e.g. raffle.order'),
  id: z.string().min(1).max(200),
});
const actor = z.object({ type: z.string(), id: z.string().nullable(), label: z.string() });
const stamp = z.iso.datetime().nullable();

export const idParams = z.object({ id: z.string().uuid() });

export const listQuery = z.object({
  status: z.enum(PAYMENT_STATUSES).optional(),
  method: z.enum(PAYMENT_METHODS).optional(),
  purposeType: z.string().max(100).optional(),
  purposeId: z.string().max(200).optional(),
  ...pageQuery({ perPage: 50 }),
});

export const manualBody = z.object({
  amount,
  purpose,
  kind: z.enum(MANUAL_KINDS),
  note: z.string().max(1000).optional(),
  externalReference: z.string().max(200).optional(),
  payerContactId: z.string().uuid().optional(),
});

export const proofBody = z.object({
  amount,
  purpose,
  fileId: z
    .string()
    .uuid()
    .describe('A file uploaded with POST /api/files; or send multipart with a "file" part'),
  externalReference: z.string().max(200).optional(),
  payerContactId: z.string().uuid().optional(),
});

/** The text fields of a multipart proof upload, flat as forms send them. */
export const proofFormFields = z.object({
  amountMinor: z.coerce.number().int().positive(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  purposeType: purpose.shape.type,
  purposeId: purpose.shape.id,
  externalReference: z.string().max(200).optional(),
  payerContactId: z.string().uuid().optional(),
});

export const mobileMoneyBody = z.object({
  provider: z.enum(MOBILE_MONEY_METHODS),
  amount,
  msisdn: z.string().min(6).max(32).describe('International form, e.g. +250788000111'),
  purpose,
  payerMessage: z.string().max(160).optional(),
  payerContactId: z.string().uuid().optional(),
});

export const reasonBody = z.object({ reason: z.string().max(500) });

export const paymentSchema = z.object({
  id: z.string().uuid(),
  amount,
  method: z.enum(PAYMENT_METHODS),
  status: z.enum(PAYMENT_STATUSES),
  purpose,
  payerContactId: z.string().nullable(),
  payerMsisdn: z.string().nullable(),
  providerReference: z.string().nullable(),
  providerTransactionId: z.string().nullable(),
  providerStatus: z.string().nullable(),
  providerAmount: z.object({ amountMinor: z.number(), currency: z.string() }).nullable(),
  externalReference: z.string().nullable(),
  proofFileId: z.string().nullable(),
  duplicateOfPaymentIds: z.array(z.string()),
  manualKind: z.enum(MANUAL_KINDS).nullable(),
  note: z.string().nullable(),
  denialReason: z.string().nullable(),
  failureReason: z.string().nullable(),
  voidReason: z.string().nullable(),
  createdBy: actor,
  decidedBy: actor.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  requestedAt: stamp,
  deadlineAt: stamp,
  checkCount: z.number().int(),
  nextCheckAt: stamp,
  lastCheckedAt: stamp,
  verifiedAt: stamp,
  deniedAt: stamp,
  voidedAt: stamp,
  succeededAt: stamp,
  failedAt: stamp,
  mismatchAt: stamp,
});
export type PaymentJson = z.infer<typeof paymentSchema>;

export const paymentListSchema = pageSchema(paymentSchema);

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The API shape of a payment: dates as ISO strings. */
export function toPaymentJson(p: Payment): PaymentJson {
  return {
    ...p,
    amount: { ...p.amount },
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    requestedAt: iso(p.requestedAt),
    deadlineAt: iso(p.deadlineAt),
    nextCheckAt: iso(p.nextCheckAt),
    lastCheckedAt: iso(p.lastCheckedAt),
    verifiedAt: iso(p.verifiedAt),
    deniedAt: iso(p.deniedAt),
    voidedAt: iso(p.voidedAt),
    succeededAt: iso(p.succeededAt),
    failedAt: iso(p.failedAt),
    mismatchAt: iso(p.mismatchAt),
  };
}

const proofFile = z
  .object({ id: z.string(), url: z.string(), contentType: z.string(), originalName: z.string() })
  .nullable();
const purposeLabel = z
  .object({
    key: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    record: z.object({ resource: z.string(), id: z.string() }).optional(),
    payer: z.string().optional(),
  })
  .nullable();

export const reviewQueueQuery = z.object(pageQuery({ perPage: 50 }));

/** The review queue: proofs waiting, oldest first, each with its file, payer, purpose in words and duplicates. */
export const reviewQueueSchema = pageSchema(
  z.object({
    payment: paymentSchema,
    payerName: z.string().nullable(),
    proof: proofFile,
    purpose: purposeLabel,
    duplicates: z.array(z.object({ payment: paymentSchema, proof: proofFile, purpose: purposeLabel })),
  }),
);

/** What the payment routes are given by the app. */
export interface PaymentRouteOptions {
  jobs: JobQueue;
  files: FileStore;
  /** What the app's areas declared: payments reads its providers when a request comes in. */
  declared: PaymentDeps['declared'] & RefundRejectionDeps['declared'];
  /** What each purpose type pays for, in words (the modules' `purposeLabel`). */
  purposeLabels: () => ReadonlyArray<PurposeLabeler>;
}
