import type { ModuleHooks } from '../../core/modules/index.ts';
import type { PurposeRefunds } from '../../core/payments/index.ts';
import { CYCLE_FEE, forgetVoidedFee, recordSettledFee, tellDeniedFee } from './fee-payments.ts';
import {
  applyFeeRefund,
  askFeeRefund,
  noteFailedFeeRefund,
  noteRejectedFeeRefund,
} from './fee-refund-steps.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { repointStudentContacts } from './students.ts';

/**
 * What the mess does when the core's payments and contacts change, each in the change's own
 * transaction: `mess_fee_payment` stays in step with the cycle fees paid, and merged contacts keep
 * their students.
 */
export const messHooks: ModuleHooks<MessRuntime> = {
  paymentSettled: { [CYCLE_FEE]: (rt, tx, payment) => recordSettledFee(tx, rt, payment) },
  paymentFailed: { [CYCLE_FEE]: (rt, tx, payment) => tellDeniedFee(tx, rt, payment) },
  paymentVoided: { [CYCLE_FEE]: (_rt, tx, payment) => forgetVoidedFee(tx, payment) },
  contactsMerged: (_rt, tx, event) => repointStudentContacts(tx, event),
};

/**
 * What a refund of a cycle fee does to the mess's record (core payments' refund contract; the steps
 * and why there is no `started`: `fee-refund-steps.ts`).
 */
export const messRefunds: Record<string, PurposeRefunds<MessRuntime>> = {
  [CYCLE_FEE]: {
    asked: (_rt, tx, event) => askFeeRefund(tx, event),
    settled: (rt, tx, event) => applyFeeRefund(tx, rt, event),
    rejected: (_rt, tx, event) => noteRejectedFeeRefund(tx, event),
    failed: (_rt, tx, event) => noteFailedFeeRefund(tx, event),
  },
};
