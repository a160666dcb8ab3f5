import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { equals, isPositive, type Money, money } from '../money/index.ts';
import { lockPaymentPurpose } from './lock-payment-purpose.ts';
import { emitPaymentEvent } from './payment-events.ts';
import { auditSnapshot, type Payment, toPayment } from './payment-view.ts';
import { PaymentsErrors } from './payments.errors.ts';
import {
  initialStatus,
  isPurposeType,
  isSettled,
  type ManualKind,
  normalizeExternalReference,
  type PaymentMethod,
  typedReference,
} from './payments.rules.ts';
import type { PaymentsTables } from './payments.tables.ts';

/** What a module names as the reason for a payment: its row, by type and id. */
export interface PaymentPurpose {
  type: string;
  id: string;
}

export interface NewPayment {
  id?: string;
  amount: Money;
  method: PaymentMethod;
  purpose: PaymentPurpose;
  payerContactId?: string | null;
  payerMsisdn?: string | null;
  providerReference?: string | null;
  externalReference?: string | null;
  proofFileId?: string | null;
  proofSha256?: string | null;
  duplicateOfPaymentIds?: string[];
  manualKind?: ManualKind | null;
  note?: string | null;
  idempotencyKey?: string | null;
  deadlineAt?: Date | null;
  nextCheckAt?: Date | null;
}

/** The audit code of a new payment by method, spelled out so the history's title test finds every one. */
const CREATED_AUDIT = {
  proof: 'payments.payment.submitted',
  manual: 'payments.payment.recorded',
  momo: 'payments.payment.requested',
  airtel: 'payments.payment.requested',
} as const satisfies Record<PaymentMethod, string>;

/** Checks what every payment needs, before any I/O. */
export function assertPaymentBasics(amount: Money, purpose: PaymentPurpose): void {
  money(amount.amountMinor, amount.currency);
  if (!isPositive(amount)) throw PaymentsErrors.amount_not_positive({ amount });
  if (!isPurposeType(purpose.type) || purpose.id.length < 1 || purpose.id.length > 200)
    throw PaymentsErrors.invalid_purpose({ purpose });
}

/**
 * Inserts a payment in its initial status, audited; a manual payment is settled at once, so its
 * hooks run here. With an idempotency key, a second call answers the first payment (`created:
 * false`) without side effects, or refuses when the key was used for a different payment.
 */
export async function insertPayment(
  ctx: Ctx,
  input: NewPayment,
): Promise<{ payment: Payment; created: boolean }> {
  assertPaymentBasics(input.amount, input.purpose);
  const now = ctx.clock.now();
  return inTransaction(ctx, async (tx) => {
    // Settled at once (manual): its hooks decide the purpose, under the purpose's lock like any decision.
    if (isSettled(initialStatus(input.method))) await lockPaymentPurpose(tx, input.purpose);
    const db = tx.db.withTables<PaymentsTables>();
    const row = await db
      .insertInto('payment')
      .values({
        ...(input.id ? { id: input.id } : {}),
        amount_minor: input.amount.amountMinor,
        currency: input.amount.currency,
        method: input.method,
        status: initialStatus(input.method),
        purpose_type: input.purpose.type,
        purpose_id: input.purpose.id,
        payer_contact_id: input.payerContactId ?? null,
        payer_msisdn: input.payerMsisdn ?? null,
        provider_reference: input.providerReference ?? null,
        external_reference: typedReference(input.externalReference),
        external_reference_key: normalizeExternalReference(input.externalReference),
        proof_file_id: input.proofFileId ?? null,
        proof_sha256: input.proofSha256 ?? null,
        duplicate_of_payment_ids: input.duplicateOfPaymentIds ?? [],
        manual_kind: input.manualKind ?? null,
        note: input.note ?? null,
        created_by: JSON.stringify(tx.actor),
        idempotency_key: input.idempotencyKey ?? null,
        deadline_at: input.deadlineAt ?? null,
        next_check_at: input.nextCheckAt ?? null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['org_id', 'idempotency_key']).doNothing())
      .returningAll()
      .executeTakeFirst()
      .catch((err: { code?: string; constraint?: string }) => {
        // The contact foreign key includes org_id: another organization's contact is "unknown" too.
        if (err.code === '23503' && err.constraint?.includes('payer_contact'))
          throw PaymentsErrors.unknown_payer_contact({ payerContactId: input.payerContactId });
        throw err;
      });
    if (!row) return { payment: await samePaymentForKey(tx, input), created: false };
    const payment = toPayment(row);
    await recordAudit(tx, {
      action: CREATED_AUDIT[payment.method],
      subject: { type: 'payment', id: payment.id },
      after: auditSnapshot(payment),
    });
    if (isSettled(payment.status)) await emitPaymentEvent(tx, 'settled', payment);
    return { payment, created: true };
  });
}

async function samePaymentForKey(tx: Ctx, input: NewPayment): Promise<Payment> {
  const row = await tx.db
    .withTables<PaymentsTables>()
    .selectFrom('payment')
    .selectAll()
    .where('idempotency_key', '=', input.idempotencyKey ?? '')
    .executeTakeFirstOrThrow();
  const prior = toPayment(row);
  const same =
    prior.method === input.method &&
    equals(prior.amount, input.amount) &&
    prior.purpose.type === input.purpose.type &&
    prior.purpose.id === input.purpose.id;
  if (!same) throw PaymentsErrors.payment_idempotency_conflict({ key: input.idempotencyKey });
  return prior;
}
