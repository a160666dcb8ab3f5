import { sql } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { type Ctx, inTransaction, type LockObject, lockObjects, tryLockObjects } from '../context/index.ts';
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
import { linkDuplicateProofsJob } from './payments.queue.ts';
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
 * `duplicateOfPaymentIds`, never refused: a person decides. An identical proof being recorded at
 * this very moment (its key is locked) is not waited for, so one screenshot sent by many never
 * queues their payments behind each other: this one is recorded at once, and a job run after its
 * commit links it to the others (`linkDuplicateProofs`). Without `jobs` it waits its turn instead.
 */
export async function submitProofPayment(
  ctx: Ctx,
  deps: { files?: FileStore; jobs?: JobQueue },
  input: ProofPaymentInput,
): Promise<Payment> {
  assertPaymentBasics(input.amount, input.purpose);
  const externalReference = normalizeExternalReference(input.externalReference);
  return inTransaction(ctx, async (tx) => {
    const file = await proofFile(tx, deps.files, input);
    const keys = duplicateKeys(file.sha256, externalReference);
    const alone = deps.jobs ? await tryLockObjects(tx, keys) : await lockObjects(tx, keys).then(() => true);
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
    if (!alone && deps.jobs)
      await deps.jobs.send(
        linkDuplicateProofsJob,
        { orgId: tx.orgId, paymentId: payment.id },
        { transaction: tx.db, singletonKey: payment.id },
      );
    return payment;
  });
}

async function proofFile(
  tx: Ctx,
  files: FileStore | undefined,
  input: ProofPaymentInput,
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

/** What makes two proofs likely the same payment: the file's bytes, and the reference typed. Locked together, in one order. */
function duplicateKeys(sha256: string, externalReference: string | null): LockObject[] {
  return [
    { type: 'payment.proof_sha256', id: sha256 },
    ...(externalReference ? [{ type: 'payment.external_reference', id: externalReference }] : []),
  ];
}

/**
 * Links a proof recorded beside an identical one in flight (the job `submitProofPayment` queued):
 * under the keys' locks (the other has committed by then), it lists every other payment with the
 * same file or reference that does not already list it, so each such pair is flagged once, on the
 * one recorded second. Safe to run twice.
 */
export async function linkDuplicateProofs(ctx: Ctx, paymentId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<PaymentsTables>();
    const own = await db
      .selectFrom('payment')
      .select(['proof_sha256', 'external_reference_key'])
      .where('id', '=', paymentId)
      .executeTakeFirst();
    if (!own?.proof_sha256) return;
    await lockObjects(tx, duplicateKeys(own.proof_sha256, own.external_reference_key));
    const others = await db
      .selectFrom('payment')
      .select('id')
      .where('id', '<>', paymentId)
      .where((eb) =>
        eb.or([
          eb('proof_sha256', '=', own.proof_sha256),
          ...(own.external_reference_key
            ? [eb('external_reference_key', '=', own.external_reference_key)]
            : []),
        ]),
      )
      .where(sql<boolean>`not (${paymentId}::uuid = any(duplicate_of_payment_ids))`)
      .orderBy('created_at')
      .orderBy('id')
      .limit(20)
      .execute();
    await db
      .updateTable('payment')
      .set({ duplicate_of_payment_ids: others.map((o) => o.id) })
      .where('id', '=', paymentId)
      .execute();
  });
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
