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
  paymentSettled: { [CYCLE_FEE]: recordSettledFee },
  paymentFailed: { [CYCLE_FEE]: tellDeniedFee },
  paymentVoided: { [CYCLE_FEE]: (tx, _rt, payment) => forgetVoidedFee(tx, payment) },
  contactsMerged: (tx, _rt, event) => repointStudentContacts(tx, event),
};

/**
 * What a refund of a cycle fee does to the mess's record (core payments' refund contract; the steps
 * and why there is no `started`: `fee-refund-steps.ts`).
 */
export const messRefunds: Record<string, PurposeRefunds<MessRuntime>> = {
  [CYCLE_FEE]: {
    asked: (tx, _rt, event) => askFeeRefund(tx, event),
    settled: applyFeeRefund,
    rejected: (tx, _rt, event) => noteRejectedFeeRefund(tx, event),
    failed: (tx, _rt, event) => noteFailedFeeRefund(tx, event),
  },
};
