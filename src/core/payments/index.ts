export { checkMobileMoneyPayment } from './check-mobile-money-payment.ts';
export { findPayment, getPayment } from './get-payment.ts';
export { type ImportedPayment, importPayments } from './import-payments.ts';
export type { NewPayment, PaymentPurpose } from './insert-payment.ts';
export { listPayments, type PaymentQuery } from './list-payments.ts';
export { lockPaymentPurpose } from './lock-payment-purpose.ts';
export {
  type CallbackStatus,
  createMobileMoneySandbox,
  type SandboxPayerRule,
} from './mobile-money-sandbox.ts';
export { mobileMoneyCallbackHint, type PaymentCallbackDeps } from './payment-callbacks.ts';
export {
  offeredMethods,
  type PaymentDeps,
  providerOf,
  providersOf,
  sendsRefunds,
} from './payment-deps.ts';
export { emitPaymentEvent } from './payment-events.ts';
export {
  type PaymentProvider,
  ProviderUnavailableError,
  type RefundInput,
  type RequestToPayInput,
  type RequestToPayResult,
} from './payment-provider.ts';
export type { Payment } from './payment-view.ts';
export { type PaymentJson, paymentSchema } from './payments.contract.ts';
export { PaymentsErrors } from './payments.errors.ts';
export { PAYMENT_SCHEDULES, paymentJobs } from './payments.jobs.ts';
export { checkStatusJob, reconcileJob, requestToPayJob } from './payments.queue.ts';
export { paymentsResourceOf } from './payments.resource.ts';
export { paymentsRoutes } from './payments.routes.ts';
export {
  isSettled,
  MANUAL_KINDS,
  type ManualKind,
  MOBILE_MONEY_METHODS,
  type MobileMoneyMethod,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  type PaymentMethod,
  type PaymentStatus,
  type PollTiming,
  type ProviderStatus,
} from './payments.rules.ts';
export { createProviderSession } from './provider-session.ts';
export {
  PAYER_SEARCH_LIMIT,
  type PaymentPurposeLabel,
  type PurposeLabeler,
  payerWordPattern,
} from './purpose-label.ts';
export { purposeTypeLabel } from './purpose-type-label.ts';
export { type ManualPaymentInput, recordManualPayment, voidManualPayment } from './record-manual-payment.ts';
export {
  approveRefund,
  checkRefund,
  DEFAULT_REFUND_LIMITS,
  defaultRefundMethod,
  findRefund,
  getRefund,
  HOLDING_STATUSES,
  type HoldingPart,
  holdingStatuses,
  type PaymentRefunded,
  type PurposeRefunds,
  paidOf,
  REFUND_LIMITS_PERMISSION,
  REFUND_LIMITS_SETTING,
  REFUND_METHODS,
  REFUND_SCHEDULES,
  REFUND_STATUSES,
  type Refund,
  type RefundAsked,
  type RefundDeps,
  RefundErrors,
  type RefundJson,
  type RefundLimits,
  type RefundMethod,
  type RefundOptions,
  type RefundProviderStatus,
  type RefundRequestInput,
  type RefundStaff,
  type RefundStatus,
  refundablePaymentsOf,
  refundCheckJob,
  refundHoldsMoneySql,
  refundJobs,
  refundMethods,
  refundReceiptPdf,
  refundReconcileJob,
  refundRejectedTemplate,
  refundSchema,
  refundSendJob,
  refundsOfPayment,
  refundsResourceOf,
  refundTotals,
  refundWhatIsLeft,
  rejectRefund,
  requestRefund,
  resolveRefundStaff,
  retryRefund,
  sendRefund,
  toRefundJson,
} from './refunds/index.ts';
export {
  createMobileMoneyPayment,
  type MobileMoneyRequestInput,
  requestMobileMoneyPayment,
} from './request-mobile-money-payment.ts';
export { denyPayment, verifyPayment } from './review-proof-payment.ts';
export { DEMO_PAYER_TIMING, type SandboxPayerTiming } from './sandbox-payer.rules.ts';
export {
  createSandboxPayer,
  type PayerPromptView,
  type SandboxPayer,
  type SandboxPhoneRequest,
} from './sandbox-payer.ts';
export { type ProofPaymentInput, submitProofPayment } from './submit-proof-payment.ts';
