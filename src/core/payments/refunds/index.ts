export { checkRefund } from './check-refund.ts';
export { approveRefund, rejectRefund, retryRefund } from './decide-refund.ts';
export { findRefund, getRefund, refundsOfPayment } from './get-refund.ts';
export { refundCallbackHint } from './refund-callbacks.ts';
export type { PaymentRefunded, PurposeRefunds, RefundAsked, RefundOptions } from './refund-events.ts';
export { refundHoldsMoneySql } from './refund-holds-money.ts';
export { defaultRefundMethod, refundablePaymentsOf, refundMethods, refundWhatIsLeft } from './refund-left.ts';
export { refundReceiptPdf } from './refund-receipt.pdf.ts';
export { refundRejectedTemplate } from './refund-rejected.template.ts';
export { resolveRefundStaff } from './refund-staff.ts';
export { paidOf, refundTotals } from './refund-totals.ts';
export type { Refund } from './refund-view.ts';
export { type RefundJson, refundSchema, toRefundJson } from './refunds.contract.ts';
export { RefundErrors } from './refunds.errors.ts';
export { REFUND_SCHEDULES, refundJobs } from './refunds.jobs.ts';
export { refundCheckJob, refundReconcileJob, refundSendJob } from './refunds.queue.ts';
export { refundsResourceOf } from './refunds.resource.ts';
export { refundsRoutes } from './refunds.routes.ts';
export {
  DEFAULT_REFUND_LIMITS,
  HOLDING_STATUSES,
  type HoldingPart,
  holdingStatuses,
  REFUND_METHODS,
  REFUND_STATUSES,
  type RefundLimits,
  type RefundMethod,
  type RefundProviderStatus,
  type RefundStatus,
} from './refunds.rules.ts';
export { REFUND_LIMITS_PERMISSION, REFUND_LIMITS_SETTING } from './refunds.settings.ts';
export {
  type RefundDeps,
  type RefundRequestInput,
  type RefundStaff,
  requestRefund,
} from './request-refund.ts';
export { sendRefund } from './send-refund.ts';
