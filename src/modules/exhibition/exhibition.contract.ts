import { z } from 'zod';
import type { BillMoneyView } from './bill-money.ts';
import type { BillView, TotalsView } from './bills.ts';
import type { CustomerView } from './customers.ts';
import { TAB_PAYMENT_METHODS } from './exhibition.rules.ts';
import { CUSTOMER_LANGUAGES } from './exhibition.tables.ts';
import type { BoothView, ExhibitionView } from './exhibitions.ts';
import { EDITABLE_MAIL_KEYS, type EditableMail, MAIL_LOCALES } from './mail-texts.rules.ts';
import type { StatementRunView } from './statement-run.ts';

export const idParams = z.object({ id: z.string().uuid() });
/** A form's cleared optional field (`''` or null) reads as not given. */
const unset = (v: unknown) => (v === '' || v === null ? undefined : v);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const iso = (d: Date | null) => d?.toISOString() ?? null;

export const newExhibitionSchema = z.object({
  name: z.string().trim().min(1).max(200),
  currency: z.string().length(3),
  startsOn: isoDate,
  endsOn: isoDate,
  venue: z.preprocess(unset, z.string().max(300).optional()),
  timeZone: z.preprocess(unset, z.string().min(1).max(64).optional()),
  /** Bills above this amount (minor units) need the biller's confirmation; 1,000 major units when not given. */
  confirmAboveMinor: z.preprocess(unset, z.number().int().positive().max(1_000_000_000_000).optional()),
});
/** An edit sends only what changes; the currency stays (bills were written in it). */
export const exhibitionChangesSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    venue: z.preprocess((v) => (v === null ? '' : v), z.string().max(300)),
    startsOn: isoDate,
    endsOn: isoDate,
    timeZone: z.preprocess(unset, z.string().min(1).max(64).optional()),
    confirmAboveMinor: z.number().int().positive().max(1_000_000_000_000),
  })
  .partial();
export const exhibitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  venue: z.string(),
  currency: z.string(),
  timeZone: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** When it was closed (no new bills or registrations since); null while open. */
  closedAt: z.iso.datetime().nullable(),
  /** Bills above this amount (minor units) need the biller's confirmation (`confirmed: true`). */
  confirmAboveMinor: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type ExhibitionJson = z.infer<typeof exhibitionSchema>;
export const toExhibitionJson = (e: ExhibitionView): z.infer<typeof exhibitionSchema> => ({
  ...e,
  closedAt: iso(e.closedAt),
  createdAt: e.createdAt.toISOString(),
});

export const newBoothSchema = z.object({ name: z.string().trim().min(1).max(200) });
export const boothSchema = z.object({
  id: z.string(),
  exhibitionId: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
});
export type BoothJson = z.infer<typeof boothSchema>;
export const boothStaffSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
});
export type BoothStaffJson = z.infer<typeof boothStaffSchema>;
export const boothStaffParams = z.object({ id: z.string().uuid(), userId: z.string().uuid() });
export const toBoothJson = (b: BoothView): z.infer<typeof boothSchema> => ({
  ...b,
  createdAt: b.createdAt.toISOString(),
});

export const newCustomerSchema = z.object({
  exhibitionId: z.string().uuid(),
  name: z.string().trim().min(1).max(200),
  /** A phone or an e-mail, at least one (issue 65): without an e-mail the code and badge link go by SMS. */
  email: z.string().trim().max(254).optional(),
  phone: z.string().trim().max(32).optional(),
  /** The language of the customer's e-mails (English when not given). */
  language: z.enum(CUSTOMER_LANGUAGES).optional(),
  /** Register although a customer with this e-mail or phone exists (the desk confirmed it is someone else). */
  allowDuplicate: z.boolean().optional(),
});
export const customerSchema = z.object({
  id: z.string(),
  exhibitionId: z.string(),
  code: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  language: z.enum(CUSTOMER_LANGUAGES),
  billCount: z.number().int(),
  totalMinor: z.number().int(),
  currency: z.string(),
  welcomeNotificationId: z.string().nullable(),
  emailStatus: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type CustomerJson = z.infer<typeof customerSchema>;
export const toCustomerJson = (c: CustomerView): z.infer<typeof customerSchema> => ({
  ...c,
  createdAt: c.createdAt.toISOString(),
});

export const newBillSchema = z.object({
  boothId: z.string().uuid(),
  amountMinor: z.number().int().positive().max(1_000_000_000_000),
  description: z.string().trim().max(500).optional(),
  /** The biller confirmed an amount above the exhibition's `confirmAboveMinor`. */
  confirmed: z.boolean().optional(),
});
export const voidBillSchema = z.object({ reason: z.string().trim().min(1).max(500) });
/** A bill's money (minor units, its currency): taken, asked of the payer, back, going back, awaiting approval, due. */
export const billMoneySchema = z.object({
  paidMinor: z.number().int(),
  pendingMinor: z.number().int(),
  refundedMinor: z.number().int(),
  returningMinor: z.number().int(),
  awaitingMinor: z.number().int(),
  dueMinor: z.number().int(),
});
export const billSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  boothId: z.string(),
  boothName: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  description: z.string(),
  businessDate: z.string(),
  status: z.enum(['active', 'void']),
  voidReason: z.string().nullable(),
  voidedAt: z.iso.datetime().nullable(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  /** On a tab's bills and a bill's own page (issue 62). */
  money: billMoneySchema.optional(),
});
export type BillJson = z.infer<typeof billSchema>;
export const toBillJson = (b: BillView & { money?: BillMoneyView }): z.infer<typeof billSchema> => ({
  ...b,
  voidedAt: iso(b.voidedAt),
  createdAt: b.createdAt.toISOString(),
});

export const tabPaymentBody = z.object({
  method: z.enum(TAB_PAYMENT_METHODS),
  billIds: z
    .array(z.string().uuid())
    .min(1)
    .max(500)
    .optional()
    .describe('Default: every bill with something due'),
  msisdn: z
    .string()
    .trim()
    .min(3)
    .max(32)
    .optional()
    .describe("Mobile money: the payer's phone; default the customer's"),
});
/** What the desk took: one core payment per bill (settled at once for cash, pending for mobile money). */
export const tabPaymentSchema = z.object({
  payments: z.array(
    z.object({
      id: z.string(),
      billId: z.string(),
      method: z.string(),
      status: z.string(),
      amount: z.object({ amountMinor: z.number().int(), currency: z.string() }),
    }),
  ),
  bills: z.array(billSchema),
});
export type TabPaymentJson = z.infer<typeof tabPaymentSchema>;

export const totalsSchema = z.object({
  byBooth: z.array(
    z.object({
      boothId: z.string(),
      boothName: z.string(),
      billCount: z.number().int(),
      totalMinor: z.number().int(),
    }),
  ),
  byDay: z.array(z.object({ date: z.string(), billCount: z.number().int(), totalMinor: z.number().int() })),
  billCount: z.number().int(),
  totalMinor: z.number().int(),
  currency: z.string(),
});
export const toTotalsJson = (t: TotalsView): z.infer<typeof totalsSchema> => t;

const tally = z.object({ billCount: z.number().int(), totalMinor: z.number().int() });
/** An organization the booth page offers to switch to (`GET /api/exhibition/booth-organizations`). */
export const boothOrganizationSchema = z.object({ id: z.string() });

export const billerBoothSchema = z.object({
  id: z.string(),
  name: z.string(),
  exhibitionId: z.string(),
  exhibitionName: z.string(),
  currency: z.string(),
  businessDate: z.string(),
  today: tally,
  overall: tally,
  /** Bills above this amount (minor units) need the biller's confirmation. */
  confirmAboveMinor: z.number().int(),
  /** How long after billing the biller may void their own bill at the booth. */
  voidWindowSeconds: z.number().int(),
});

const emailOutcome = z.object({
  customerId: z.string(),
  name: z.string(),
  email: z.string(),
  status: z.string(),
  attempts: z.number().int(),
});
export const importWelcomeSchema = z.object({
  exhibitionId: z.string(),
  total: z.number().int(),
  sent: z.number().int(),
  pending: z.number().int(),
  failed: z.number().int(),
  failures: z.array(emailOutcome),
});
export type ImportWelcomeJson = z.infer<typeof importWelcomeSchema>;
export const retriedSchema = z.object({ retried: z.number().int() });

export const statementRunSchema = z.object({
  id: z.string(),
  exhibitionId: z.string(),
  status: z.enum(['running', 'done']),
  total: z.number().int(),
  queued: z.number().int(),
  sent: z.number().int(),
  pending: z.number().int(),
  failed: z.number().int(),
  failures: z.array(
    z.object({
      customerId: z.string(),
      name: z.string(),
      email: z.string(),
      status: z.string(),
      attempts: z.number().int(),
    }),
  ),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
/** A statement run as the API answers it (and the console's statement-run page reads it). */
export type StatementRunJson = z.infer<typeof statementRunSchema>;
export const toStatementRunJson = (r: StatementRunView): StatementRunJson => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  finishedAt: iso(r.finishedAt),
});

const hourTally = tally.extend({ hour: z.number().int().min(0).max(23) });
const topCustomer = tally.extend({ customerId: z.string(), name: z.string(), code: z.string() });
export const boothDashboardSchema = z.object({
  exhibitionId: z.string(),
  currency: z.string(),
  timeZone: z.string(),
  businessDate: z.string(),
  booths: z.array(
    z.object({
      boothId: z.string(),
      boothName: z.string(),
      today: tally,
      overall: tally,
      perHour: z.array(hourTally),
      topCustomers: z.array(topCustomer),
    }),
  ),
  totals: z.object({
    today: tally,
    overall: tally,
    perHour: z.array(hourTally),
    topCustomers: z.array(topCustomer),
  }),
});
export type BoothDashboardJson = z.infer<typeof boothDashboardSchema>;

/** One customer e-mail in one language (`/api/exhibition/mail-texts`): its words, the default's, its placeholders. */
export const mailTextSchema = z.object({
  template: z.enum(EDITABLE_MAIL_KEYS as [EditableMail, ...EditableMail[]]),
  locale: z.enum(MAIL_LOCALES),
  subject: z.string(),
  body: z.string(),
  edited: z.boolean(),
  defaultSubject: z.string(),
  defaultBody: z.string(),
  placeholders: z.array(z.string()),
});
export type MailTextJson = z.infer<typeof mailTextSchema>;
export const mailTextParams = z.object({
  template: z.enum(EDITABLE_MAIL_KEYS as [EditableMail, ...EditableMail[]]),
  locale: z.enum(MAIL_LOCALES),
});
/** The desk's words: `{{name}}` marks a value (only the e-mail's own placeholders). */
export const mailWordingSchema = z.object({
  subject: z.string().trim().min(1).max(300),
  body: z.string().trim().min(1).max(5000),
});
