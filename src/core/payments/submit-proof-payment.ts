import { type Ctx, inTransaction, lockObjects } from '../context/index.ts';
import {
  type FileStore,
  FilesErrors,
  getFile,
  storeFile,
  UPLOAD_ALLOWED_TYPES,
  UPLOAD_MAX_BYTES,
} from '../files/index.ts';
import type { Money } from '../money/index.ts';
import { assertPaymentBasics, insertPayment, type PaymentPurpose } from './insert-payment.ts';
import type { Payment } from './payment-view.ts';
import { PaymentsErrors } from './payments.errors.ts';
import { normalizeExternalReference } from './payments.rules.ts';
import type { PaymentsTables } from './payments.tables.ts';

export interface ProofPaymentInput {
  amount: Money;
  purpose: PaymentPurpose;
  /** An already uploaded file (`POST /api/files`) … */
  fileId?: string;
  /** … or the bytes of the screenshot / PDF, stored here as `payment_proof`. */
  bytes?: Uint8Array;
  originalName?: string;
  /** Bank UTR or transaction id the payer typed; normalized before it is stored and matched. */
  externalReference?: string | null;
  payerContactId?: string | null;
  idempotencyKey?: string | null;
}

/**
 * Records a payer's proof of payment for staff to verify. Likely duplicates (the same file bytes,
 * or the same external reference, used before in this organization) are flagged in
 * `duplicateOfPaymentIds`, never refused: a person decides. Identical proofs submitted at once
 * are serialized by advisory locks, so the second always sees the first.
 */
export async function submitProofPayment(
  ctx: Ctx,
  input: ProofPaymentInput,
  deps: { files?: FileStore } = {},
): Promise<Payment> {
  assertPaymentBasics(input.amount, input.purpose);
  const externalReference = normalizeExternalReference(input.externalReference);
  return inTransaction(ctx, async (tx) => {
    const file = await proofFile(tx, input, deps.files);
    await lockDuplicateKeys(tx, file.sha256, externalReference);
    const duplicateOf = await earlierPaymentsWith(tx, file.sha256, externalReference);
    const { payment } = await insertPayment(tx, {
      method: 'proof',
      amount: input.amount,
      purpose: input.purpose,
      proofFileId: file.id,
      proofSha256: file.sha256,
      externalReference: input.externalReference ?? null,
      duplicateOfPaymentIds: duplicateOf,
      payerContactId: input.payerContactId ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
    });
    return payment;
  });
}

async function proofFile(
  tx: Ctx,
  input: ProofPaymentInput,
  files: FileStore | undefined,
): Promise<{ id: string; sha256: string }> {
  if (input.fileId) {
    try {
      return await getFile(tx, input.fileId);
    } catch (err) {
      if (FilesErrors.file_not_found.is(err))
        throw PaymentsErrors.proof_file_not_found({ fileId: input.fileId });
      throw err;
    }
  }
  if (!input.bytes || !files) throw PaymentsErrors.proof_required();
  return storeFile(tx, files, {
    bytes: input.bytes,
    originalName: input.originalName ?? 'payment-proof',
    purpose: 'payment_proof',
    allowedTypes: UPLOAD_ALLOWED_TYPES,
    maxBytes: UPLOAD_MAX_BYTES,
  });
}

/** Both in one call (one canonical order), so two submissions sharing either cannot deadlock. */
async function lockDuplicateKeys(tx: Ctx, sha256: string, externalReference: string | null): Promise<void> {
  await lockObjects(tx, [
    { type: 'payment.proof_sha256', id: sha256 },
    ...(externalReference ? [{ type: 'payment.external_reference', id: externalReference }] : []),
  ]);
}

async function earlierPaymentsWith(
  tx: Ctx,
  sha256: string,
  externalReference: string | null,
): Promise<string[]> {
  const rows = await tx.db
    .withTables<PaymentsTables>()
    .selectFrom('payment')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('proof_sha256', '=', sha256),
        ...(externalReference ? [eb('external_reference_key', '=', externalReference)] : []),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .limit(20)
    .execute();
  return rows.map((r) => r.id);
}
