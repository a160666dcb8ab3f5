import type { Ctx } from '../context/index.ts';
import type { PaymentPurpose } from './insert-payment.ts';
import { PaymentsErrors } from './payments.errors.ts';
import type { PurposeLabeler } from './purpose-label.ts';

/** Whether a purpose names a record: its type is declared by an enabled module, and that module finds the id. */
export type PurposeFound = 'found' | 'unknown_type' | 'not_found';

/**
 * Looks a purpose up through the module that declares its type (`purposeLabel`): the module answers
 * for the ids of records of the caller's organization it knows, and leaves out any other (a malformed
 * id included), so an id it leaves out names nothing that can be paid for.
 */
export async function findPurpose(
  ctx: Ctx,
  purposes: ReadonlyArray<PurposeLabeler>,
  purpose: PaymentPurpose,
): Promise<PurposeFound> {
  const owner = purposes.find((p) => p.type === purpose.type);
  if (!owner) return 'unknown_type';
  const found = await owner.label(ctx, [purpose.id]);
  return found.has(purpose.id) ? 'found' : 'not_found';
}

/**
 * Refuses a payment for a purpose nobody declares (400 on its type) or for an id that names no record
 * of the organization (404 on its id), before any money is recorded against it (issue 55 item 3).
 * `fields` are the request's names for the two (`body.purpose.type`, or a form's `body.purposeType`).
 */
export async function assertPurposeExists(
  ctx: Ctx,
  purposes: ReadonlyArray<PurposeLabeler>,
  purpose: PaymentPurpose,
  fields: { type: string; id: string } = { type: 'body.purpose.type', id: 'body.purpose.id' },
): Promise<void> {
  const found = await findPurpose(ctx, purposes, purpose);
  if (found === 'unknown_type')
    throw PaymentsErrors.unknown_purpose_type(
      { purposeType: purpose.type, known: purposes.map((p) => p.type) },
      {
        message: `No enabled module takes payments for ${purpose.type}`,
        fields: [{ field: fields.type, message: 'no module takes payments for this type', code: 'unknown' }],
      },
    );
  if (found === 'not_found')
    throw PaymentsErrors.purpose_not_found(
      { purposeType: purpose.type, purposeId: purpose.id },
      {
        message: `${purpose.type} ${purpose.id} names no record of this organization`,
        fields: [{ field: fields.id, message: 'names no record of this organization', code: 'not_found' }],
      },
    );
}
