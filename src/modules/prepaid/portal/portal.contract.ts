import { z } from 'zod';
import { CHANNELS } from '../../../core/notifications/index.ts';
import { balanceTrustFields, purchaseSchema } from '../prepaid.contract.ts';
import { PORTAL_LANGUAGES } from './portal.rules.ts';
import { PORTAL_SESSION_HEADER } from './portal-auth.ts';

/** Request and response shapes of the customer portal's API (the schema is the type). */

export const orgParam = z.object({ org: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });
export const meterParams = orgParam.extend({ meterId: z.uuid() });
export const purchaseParams = orgParam.extend({ purchaseId: z.uuid() });
export const sessionHeaders = z.object({ [PORTAL_SESSION_HEADER]: z.string().max(200).optional() });

const phone = z.string().min(8).max(24);
const meterNumber = z.string().regex(/^[A-Za-z0-9-]{3,40}$/);
const oneTimeCode = z.string().regex(/^\s*\d{6}\s*$/);
const personName = z.string().trim().min(1).max(200);
const email = z.email().max(200);
export const portalRole = z.enum(['owner', 'buyer', 'viewer']);

/** Who sells here (public): the organization's name the portal's header shows, and its time zone. */
export const vendorAnswer = z.object({ name: z.string(), timeZone: z.string() });

// Signing in
export const signInBody = z.object({
  phone,
  meterNumber,
  /** The portal's language: the code's message is written in it (else the Accept-Language's, else the account's). */
  language: z.enum(PORTAL_LANGUAGES).optional(),
});
export const signInAnswer = z.object({
  sent: z.literal(true),
  /**
   * The ways a code may go that this operator cannot send on (not set up): the same answer for
   * everyone, so the page can be truthful without telling who is a customer.
   */
  undeliverable: z.array(z.enum(CHANNELS)),
});
export const verifyBody = signInBody.extend({
  code: oneTimeCode,
  client: z.enum(['browser', 'mobile']).optional(),
});
export const verifyAnswer = z.object({
  session: z.string(),
  expiresAt: z.string(),
  accountName: z.string(),
  role: portalRole,
  refreshToken: z.string().optional(),
  refreshExpiresAt: z.string().optional(),
});
export const refreshBody = z.object({ refreshToken: z.string().min(10).max(200) });
export const mobileTokensAnswer = z.object({
  session: z.string(),
  expiresAt: z.string(),
  refreshToken: z.string(),
  refreshExpiresAt: z.string(),
});

// The signed-in account, its meters and purchases
export const portalMeterSchema = z.object({
  id: z.string(),
  number: z.string(),
  location: z.string(),
  building: z.string(),
  department: z.string(),
  status: z.enum(['active', 'inactive', 'suspended']),
  currency: z.string().nullable(),
  monthUnitsTenths: z.number(),
  /** Units left: the meter's own word, or an estimate (issue 54, item 7). */
  balanceTenths: z.number(),
  dailyTenths: z.number().nullable(),
  daysLeft: z.number().nullable(),
  ...balanceTrustFields,
  lastToken: z.object({ token: z.string(), unitsTenths: z.number(), createdAt: z.string() }).nullable(),
});
export const meAnswer = z.object({
  account: z.object({ name: z.string(), kind: z.string(), phone: z.string().nullable() }),
  user: z.object({ id: z.string(), name: z.string(), phone: z.string().nullable(), role: portalRole }),
  meters: z.array(portalMeterSchema),
});
export const portalQuoteQuery = z.union([
  z.object({ amountMinor: z.coerce.number().int().positive().max(1e12) }),
  z.object({ unitsTenths: z.coerce.number().int().positive().max(1e9) }),
]);
export const portalPurchaseBody = z.object({
  meterId: z.uuid(),
  method: z.enum(['momo', 'airtel']),
  amount: z.object({
    amountMinor: z.number().int().positive().max(1e12),
    currency: z.string().regex(/^[A-Z]{3}$/),
  }),
  msisdn: phone.optional(),
});

/** A purchase the original system sold before the switch (imported): its amount to the cent. */
export const originalPurchaseSchema = z.object({
  id: z.string(),
  meterNumber: z.string().nullable(),
  method: z.enum(['momo', 'card', 'cash']),
  status: z.enum(['pending', 'success', 'failed']),
  amount: z.object({
    amountCents: z.number().describe('hundredths of the currency, as the original kept them'),
    currency: z.string(),
  }),
  token: z.string().nullable(),
  unitsMilli: z.number().nullable(),
  /** What went back for it since the switch (issue 62), in minor units of the currency as every refund. */
  refunded: z.object({ amountMinor: z.number(), currency: z.string() }),
  createdAt: z.string(),
});
export const portalPurchaseList = z.object({
  items: z.array(purchaseSchema),
  /** What the original system sold before the switch, newest first (empty without an import). */
  original: z.array(originalPurchaseSchema),
});

// Signing up, and asking for a meter
export const meterRequestSchema = z.object({
  id: z.string(),
  meterNumber: z.string(),
  reason: z.enum(['unknown_meter', 'other_account']),
  origin: z.enum(['sign_up', 'add_meter']),
  status: z.enum(['waiting', 'approved', 'rejected']),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export const signUpBody = z
  .object({
    name: personName,
    phone,
    meterNumber,
    codeBy: z.enum(['email', 'whatsapp']),
    email: email.optional(),
    language: z.enum(PORTAL_LANGUAGES).optional(),
  })
  .refine((b) => b.codeBy !== 'email' || b.email, {
    path: ['email'],
    message: 'the e-mail address the code goes to',
  });
export const signUpVerifyBody = z.object({ phone, code: oneTimeCode });
export const signUpAnswer = z.object({
  session: z.string(),
  expiresAt: z.string(),
  accountName: z.string(),
  request: meterRequestSchema,
});
export const meterRequestBody = z.object({ meterNumber });

export const meterRequestList = z.object({ items: z.array(meterRequestSchema) });

// Alerts and use
export const alertSettingsSchema = z.object({
  enabled: z.boolean(),
  lowDays: z.number(),
  lowKwh: z.number(),
  unusualPercent: z.number(),
});
export const alertSchema = z.object({
  id: z.string(),
  kind: z.enum(['low_balance', 'unusual_consumption']),
  meterId: z.string(),
  meterNumber: z.string(),
  balanceTenths: z.number().nullable(),
  /** A low balance estimated from the units sold (the meter does not say it). */
  estimated: z.boolean(),
  daysLeft: z.number().nullable(),
  lastDayTenths: z.number().nullable(),
  usualTenths: z.number().nullable(),
  raisedAt: z.string(),
  clearedAt: z.string().nullable(),
});
export const alertList = z.object({ items: z.array(alertSchema) });
export const meterUsageSchema = z.object({
  dailyTenths: z.number().nullable(),
  balanceTenths: z.number(),
  daysLeft: z.number().nullable(),
  ...balanceTrustFields,
  days: z.array(z.object({ date: z.string(), tenths: z.number() })),
});

// The account's people
export const portalUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  role: portalRole,
  createdAt: z.string(),
});
export const newPortalUserBody = z
  .object({ name: personName, phone: phone.optional(), email: email.optional(), role: portalRole })
  .describe('A phone or an e-mail, or both (checked by the handler: 422 with the field named).');
export const portalUserChangeBody = z.object({
  name: personName.optional(),
  email: email.nullable().optional(),
  role: portalRole.optional(),
});
export const portalUserList = z.object({ items: z.array(portalUserSchema) });
export type PortalUserJson = z.infer<typeof portalUserSchema>;
export const userParams = orgParam.extend({ userId: z.uuid() });
export const accountParams = z.object({ id: z.uuid() });
export const staffUserParams = accountParams.extend({ userId: z.uuid() });
