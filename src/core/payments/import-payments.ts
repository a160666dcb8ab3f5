import { newId } from '../../platform/ids/index.ts';
import type { ActorRef, Ctx } from '../context/index.ts';
import { recordFileReferences } from '../files/index.ts';
import type { Money } from '../money/index.ts';
import { assertPaymentBasics, type PaymentPurpose } from './insert-payment.ts';
import type { ManualKind } from './payments.rules.ts';
import type { PaymentsTables } from './payments.tables.ts';

/** A payment as an original system left it, brought over as history (issue 42). */
export interface ImportedPayment {
  amount: Money;
  purpose: PaymentPurpose;
  payerContactId?: string | null;
  /**
   * A proof (`submitted`, `verified` or `denied`, with the reference of its file where the original
   * kept it) or money recorded by staff (`recorded`, with how it came in).
   */
  state:
    | {
        method: 'proof';
        status: 'submitted' | 'verified' | 'denied';
        proofReference: string;
        denialReason?: string;
      }
    | { method: 'manual'; status: 'recorded'; manualKind: ManualKind };
  note?: string | null;
  createdAt: Date;
  /** When it was verified, denied or recorded; `createdAt` when the original did not say. */
  decidedAt?: Date | null;
  decidedBy?: ActorRef | null;
}

/**
 * Writes payments an original system already had, in one multi-row insert (their proof files by
 * reference in another), and answers their ids in order. History only: no provider is asked, no
 * hook runs, nothing is sent (a settled fee is the module's to record beside it); the import run
 * audits itself once.
 */
export async function importPayments(tx: Ctx, payments: ReadonlyArray<ImportedPayment>): Promise<string[]> {
  if (payments.length === 0) return [];
  for (const p of payments) assertPaymentBasics(p.amount, p.purpose);
  const ids = payments.map(() => newId());
  const proofs = payments.flatMap((p, i) =>
    p.state.method === 'proof'
      ? [{ payment: i, file: { id: newId(), reference: p.state.proofReference, purpose: 'payment_proof' } }]
      : [],
  );
  await recordFileReferences(
    tx,
    proofs.map((p) => p.file),
  );
  const fileOf = new Map(proofs.map((p) => [p.payment, p.file.id]));
  const createdBy = JSON.stringify(tx.actor);
  const now = tx.clock.now();
  await tx.db
    .withTables<PaymentsTables>()
    .insertInto('payment')
    .values(
      payments.map((p, i) => {
        const decidedAt = p.decidedAt ?? p.createdAt;
        const status = p.state.status;
        return {
          id: ids[i]!,
          amount_minor: Number(p.amount.amountMinor),
          currency: p.amount.currency,
          method: p.state.method,
          status,
          purpose_type: p.purpose.type,
          purpose_id: p.purpose.id,
          payer_contact_id: p.payerContactId ?? null,
          proof_file_id: fileOf.get(i) ?? null,
          manual_kind: p.state.method === 'manual' ? p.state.manualKind : null,
          note: p.note ?? null,
          denial_reason:
            p.state.method === 'proof' && status === 'denied'
              ? (p.state.denialReason ?? 'Denied before the import')
              : null,
          created_by: createdBy,
          decided_by: status === 'submitted' ? null : JSON.stringify(p.decidedBy ?? tx.actor),
          created_at: p.createdAt,
          updated_at: now,
          verified_at: status === 'verified' ? decidedAt : null,
          denied_at: status === 'denied' ? decidedAt : null,
        };
      }),
    )
    .execute();
  return ids;
}
