/**
 * The prepaid module's browser entry: what the console (`web/console`) shares with the server.
 * Browser-safe: nothing here imports `node:*` or the database.
 */

export {
  PAYMENT_FAILURE_KINDS,
  type PaymentFailureKind,
  paymentFailureKind,
} from './payment-failure.rules.ts';
export type { PortalUserJson } from './portal/portal.contract.ts';
export type {
  ConsumptionJson,
  MeterJson,
  PurchaseJson,
  QuoteJson,
  SalesReportJson,
  TokenCheckJson,
} from './prepaid.contract.ts';
export { prepaidErrorMessages } from './prepaid.errors.catalog.ts';
export { currencyDigits, dateIn, kwhIn, moneyIn, monthIn, numberIn } from './prepaid.format.ts';
