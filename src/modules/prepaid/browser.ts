/**
 * The prepaid module's browser entry: what the console (`web/console`) and the customer portal
 * (`portal-app/`) share with the server. Browser-safe: nothing here imports `node:*` or the database;
 * the portal's API shapes are the zod contracts' own types (type-only imports, nothing bundled).
 */
import type { z } from 'zod';
import type { alertSettingsInput } from './alert-settings.ts';
import type {
  alertList,
  alertSchema,
  alertSettingsSchema,
  meAnswer,
  meterRequestList,
  meterRequestSchema,
  meterUsageSchema,
  newPortalUserBody,
  originalPurchaseSchema,
  portalMeterSchema,
  portalPurchaseBody,
  portalPurchaseList,
  portalRole,
  portalUserChangeBody,
  portalUserList,
  signInAnswer,
  signUpAnswer,
  signUpBody,
  vendorAnswer,
  verifyAnswer,
} from './portal/portal.contract.ts';

/** `GET /api/prepaid/portal/{org}/vendor`: who sells here. */
export type VendorJson = z.infer<typeof vendorAnswer>;
export type PortalSignInJson = z.infer<typeof signInAnswer>;
export type PortalVerifyJson = z.infer<typeof verifyAnswer>;
/** `GET …/me`: the account, who signed in, and the account's meters. */
export type PortalMeJson = z.infer<typeof meAnswer>;
export type PortalMeterJson = z.infer<typeof portalMeterSchema>;
export type PortalRole = z.infer<typeof portalRole>;
export type PortalPurchaseBody = z.input<typeof portalPurchaseBody>;
export type PortalPurchaseListJson = z.infer<typeof portalPurchaseList>;
/** A purchase the original system sold before the switch (imported): its amount to the cent. */
export type OriginalPurchaseJson = z.infer<typeof originalPurchaseSchema>;
export type MeterUsageJson = z.infer<typeof meterUsageSchema>;
export type AlertJson = z.infer<typeof alertSchema>;
export type AlertListJson = z.infer<typeof alertList>;
export type AlertSettingsJson = z.infer<typeof alertSettingsSchema>;
export type AlertSettingsBody = z.input<typeof alertSettingsInput>;
export type MeterRequestJson = z.infer<typeof meterRequestSchema>;
export type MeterRequestListJson = z.infer<typeof meterRequestList>;
export type SignUpBody = z.input<typeof signUpBody>;
export type SignUpJson = z.infer<typeof signUpAnswer>;
export type NewPortalUserBody = z.input<typeof newPortalUserBody>;
export type PortalUserChangeBody = z.input<typeof portalUserChangeBody>;
export type PortalUserListJson = z.infer<typeof portalUserList>;

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
  PurchaseRefundBody,
  PurchaseRefundFactsJson,
  QuoteJson,
  SalesReportJson,
  TokenCheckJson,
} from './prepaid.contract.ts';
export { prepaidErrorMessages } from './prepaid.errors.catalog.ts';
export { currencyDigits, dateIn, kwhIn, moneyIn, monthIn, numberIn } from './prepaid.format.ts';
/** The one range of amounts a sale takes (issue 66): the portal offers nothing outside it. */
export { saleProblem } from './sale.rules.ts';
