import { newId } from '../../platform/ids/index.ts';
import type { Ctx } from '../context/index.ts';
import type { Money } from '../money/index.ts';
import { insertPayment, type PaymentPurpose } from './insert-payment.ts';
import { type PaymentDeps, providerOf } from './payment-deps.ts';
import type { Payment } from './payment-view.ts';
import { humanizedType } from './payment-words.ts';
import { PaymentsErrors } from './payments.errors.ts';
import { queueRequestToPay } from './payments.queue.ts';
import { type MobileMoneyMethod, normalizeMsisdn } from './payments.rules.ts';
import { pollTimingFor, pollTimingOf } from './payments.settings.ts';

export interface MobileMoneyRequestInput {
  provider: MobileMoneyMethod;
  amount: Money;
  /** The payer's phone number in international form (`+250788000111`). */
  msisdn: string;
  purpose: PaymentPurpose;
  /** Shown on the payer's approval prompt. */
  payerMessage?: string;
  payerContactId?: string | null;
  idempotencyKey?: string | null;
  /** The payment's id, when the caller wrote it already (a purchase row naming its payment). */
  id?: string;
  /** The organization's settings, when the caller read them already (its poll timing is there). */
  orgSettings?: Record<string, unknown> | null;
}

/**
 * Creates the pending payment only (in the caller's transaction when there is one). The payment's
 * own uuid is its provider reference, so however often the request is sent, it charges once.
 * Payments finds the provider of `input.provider` among those the app's areas declared (`deps`: a
 * module passes its `rt.deps`).
 */
export async function createMobileMoneyPayment(
  ctx: Ctx,
  deps: Pick<PaymentDeps, 'declared'>,
  input: MobileMoneyRequestInput,
): Promise<{ payment: Payment; created: boolean }> {
  if (!providerOf(deps, input.provider))
    throw PaymentsErrors.provider_not_configured({ provider: input.provider });
  const msisdn = normalizeMsisdn(input.msisdn);
  if (!msisdn) throw PaymentsErrors.invalid_msisdn({ msisdn: input.msisdn });
  const timing = input.orgSettings !== undefined ? pollTimingOf(input.orgSettings) : await pollTimingFor(ctx);
  const now = ctx.clock.now().getTime();
  const id = input.id ?? newId();
  return insertPayment(ctx, {
    id,
    method: input.provider,
    amount: input.amount,
    purpose: input.purpose,
    payerMsisdn: msisdn,
    providerReference: id,
    note: (input.payerMessage?.trim() || humanizedType(input.purpose.type)).slice(0, 160),
    payerContactId: input.payerContactId ?? null,
    idempotencyKey: input.idempotencyKey ?? null,
    nextCheckAt: new Date(now + timing.firstCheckSeconds * 1000),
    deadlineAt: new Date(now + timing.deadlineSeconds * 1000),
  });
}

/**
 * Asks a payer to approve a mobile-money charge: the provider call runs in the
 * `payments.request-to-pay` job (retried safely). Settlement arrives later through
 * `onPaymentSettled` / `onPaymentFailed`. Called inside your own transaction, the payment and its
 * job are written through it (an outbox): both exist only if you commit, and the job runs after.
 */
export async function requestMobileMoneyPayment(
  ctx: Ctx,
  deps: PaymentDeps,
  input: MobileMoneyRequestInput,
): Promise<Payment> {
  const { payment } = await createMobileMoneyPayment(ctx, deps, input);
  await queueRequestToPay(deps.jobs, payment, ctx.db);
  return payment;
}
