import { z } from 'zod';

/*
 * Request and response schemas of the mess console API (students, setup, wardens, reports); the
 * schema is the type, and the same schema feeds validation and the OpenAPI document. What the
 * offline scanner shares with the server is in scanner.contract.ts (browser-safe).
 */

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
export const idParams = z.object({ id: z.string().uuid() });
export const createdResponse = { 201: z.object({ id: z.string() }) };

// Students

export const studentSchema = z.object({
  id: z.string(),
  name: z.string(),
  rollNumber: z.string(),
  room: z.string(),
  phone: z.string(),
  language: z.string(),
  status: z.string(),
  statusReason: z.string().nullable(),
  registeredAt: z.iso.datetime(),
});

export const registerStudentBody = z.object({
  name: z.string().trim().min(1).max(120),
  rollNumber: z.string().trim().min(1).max(40),
  room: z.string().trim().max(40).default(''),
  phone: z.string().trim().max(30).default(''),
  language: z.enum(['en', 'hi']).default('en'),
});

export const messCutBody = z.object({ from: isoDate, to: isoDate });
export const messCutSchema = z.object({ id: z.string(), from: z.string(), to: z.string() });
const dayRange = z.object({ from: z.string(), to: z.string() });
export const cancelMessCutParams = z.object({ id: z.string().uuid(), cutId: z.string().uuid() });
export const cancelledMessCutSchema = z.object({ removed: dayRange, kept: dayRange.nullable() });

export const cashPaymentBody = z.object({
  cycleId: z.string().uuid(),
  amountMinor: z.number().int().positive(),
  /** The organization's calendar day the cash was handed over; today when left out. */
  receivedOn: z.iso.date().optional(),
  note: z.string().max(500).optional(),
});
export const cashPaymentSchema = z.object({ paymentId: z.string(), status: z.string() });

export const duesSchema = z.object({
  currency: z.string(),
  cycles: z.array(
    z.object({
      cycleId: z.string(),
      name: z.string(),
      feeMinor: z.number(),
      cutDays: z.number(),
      closedDays: z.number(),
      rebateMinor: z.number(),
      dueMinor: z.number(),
      paidMinor: z.number(),
      creditInMinor: z.number(),
      balanceMinor: z.number(),
      creditOutMinor: z.number(),
    }),
  ),
});

/** What may go back to a student (`GET /api/mess/students/{id}/credit`, and their page's Pay back). */
export const mayGoBackSchema = z.object({
  creditMinor: z.number().int().describe('What the student paid beyond their dues'),
  currency: z.string(),
  onTheWayMinor: z.number().int().describe('Refunds asked and not gone back yet (awaiting approval)'),
});

/** Everything a manager looks at on a student's page, in one read. */
export const studentOverviewSchema = z.object({
  student: z.object({
    id: z.string(),
    name: z.string(),
    rollNumber: z.string(),
    room: z.string(),
    phone: z.string(),
    status: z.string(),
    statusReason: z.string().nullable(),
    language: z.string(),
    telegram: z.boolean().describe('whether the student has linked Telegram'),
  }),
  timeZone: z.string(),
  cutoffTime: z.string(),
  earliestCutStart: z.string().describe('the first day a new cut may start, after the cut-off'),
  dues: duesSchema,
  payments: z.array(
    z.object({
      id: z.string(),
      cycle: z.string().describe("the cycle's name"),
      amountMinor: z.number(),
      currency: z.string(),
      method: z.string(),
      status: z.string(),
      reference: z.string().nullable(),
      proofFileId: z.string().nullable(),
      receivedOn: z.string().nullable().describe('cash: the day it was handed over'),
      note: z.string().nullable(),
      createdAt: z.string(),
      refunds: z
        .array(
          z.object({
            id: z.string(),
            amountMinor: z.number(),
            currency: z.string(),
            status: z
              .string()
              .describe('awaiting_approval, pending, sent, unknown, succeeded, failed, rejected'),
            reason: z.string(),
            rejectionReason: z.string().nullable(),
            createdAt: z.string(),
          }),
        )
        .describe("the payment's refunds, oldest first: one awaiting approval has changed nothing yet"),
    }),
  ),
  payBack: mayGoBackSchema,
  cuts: z.array(z.object({ id: z.string(), from: z.string(), to: z.string(), cancellable: z.boolean() })),
  scans: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      decision: z.string(),
      reason: z.string().nullable(),
      meal: z.string().nullable(),
      device: z.string().nullable(),
    }),
  ),
});
export type StudentOverview = z.infer<typeof studentOverviewSchema>;

// Setup

export const mealBody = z.object({
  name: z.string().trim().min(1).max(60),
  start: clockTime,
  end: clockTime,
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5, 6, 7]),
  position: z.number().int().min(0).max(100).optional(),
});

export const closureBody = z.object({
  date: isoDate,
  mealIds: z
    .array(z.string().uuid())
    .nullable()
    .default(null)
    .describe('the meals closed; none (or every meal served that day): the whole day'),
  reason: z.string().max(200).optional(),
});

export const cycleBody = z
  .object({
    name: z.string().trim().min(1).max(60),
    from: isoDate,
    to: isoDate,
    feeMinor: z.number().int().min(0),
    rebatePerDayMinor: z.number().int().min(0).default(0),
    currency: z.string().regex(/^[A-Z]{3}$/),
  })
  .refine((c) => c.to >= c.from, { message: 'to is before from', path: ['to'] });

// Wardens

export const wardensSchema = z.object({
  botUsername: z.string().nullable(),
  wardens: z.array(z.object({ telegramId: z.string(), name: z.string().nullable() })),
  invites: z.array(
    z.object({
      id: z.string(),
      note: z.string(),
      createdBy: z.string(),
      createdAt: z.string(),
      expiresAt: z.string(),
      usedAt: z.string().nullable(),
      usedBy: z.string().nullable(),
    }),
  ),
});
export type WardensJson = z.infer<typeof wardensSchema>;

export const wardenInviteBody = z.object({ note: z.string().trim().max(120).optional() });
export const wardenInviteSchema = z.object({
  id: z.string(),
  link: z.string().nullable(),
  startCommand: z.string(),
  expiresAt: z.iso.datetime(),
});
export type WardenInviteJson = z.infer<typeof wardenInviteSchema>;

/** The backup spreadsheet's proof of ownership, as the console shows it. */
export const sheetOwnershipSchema = z.object({
  /** The organization's verification code, to type into `cell` of the sheet named `sheet`. */
  code: z.string(),
  sheet: z.string(),
  cell: z.string(),
  /** The backup spreadsheet in the settings, and when it was proven (null: not yet, nothing is written to it). */
  spreadsheetId: z.string().nullable(),
  provenAt: z.string().nullable(),
  /** Whether this deployment has a Google service account at all. */
  sheetsConfigured: z.boolean(),
  /** The tabs the backup writes to (the driver adds one the spreadsheet lacks). */
  tabs: z.array(z.string()),
});
export type SheetOwnershipJson = z.infer<typeof sheetOwnershipSchema>;

/** Approved students who still owe for the cycle covering today, largest balance first. */
export const defaultersSchema = z.object({
  cycle: z.object({ id: z.string(), name: z.string() }).nullable(),
  currency: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      rollNumber: z.string(),
      room: z.string(),
      dueMinor: z.number(),
      paidMinor: z.number(),
      balanceMinor: z.number(),
      reachable: z.boolean().describe('whether the student can be reminded (on Telegram, else by SMS)'),
    }),
  ),
});
export type Defaulters = z.infer<typeof defaultersSchema>;
export type Defaulter = Defaulters['items'][number];

/** A pass regeneration after a key rotation, with its progress. */
export const passRunSchema = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'done']),
    total: z.number().int().describe('approved students when the run started'),
    done: z.number().int().describe('students whose pass the run signed again'),
    keyIds: z.array(z.string()).describe('the keys the new passes are signed with'),
    sent: z.number().int(),
    pending: z.number().int().describe('queued or waiting for a retry in the outbox'),
    failed: z.number().int().describe('given up or undeliverable'),
    noChat: z.number().int().describe('students without Telegram (the printed pass sheet serves them)'),
    startedBy: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'MessPassRun' });
export type PassRun = z.infer<typeof passRunSchema>;

// Settings and reports

/** `organization.settings.mess`: what an operator tunes without a deploy. */
export const messSettingsSchema = z.object({
  /** Telegram user ids of the admins who approve students and payments from the bot. */
  adminTelegramIds: z.array(z.string().regex(/^\d{1,20}$/)).default([]),
  /** Local `HH:MM` until which a cut starting tomorrow is accepted. */
  cutoffTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('23:00'),
  /** Most cut days per billing cycle; null = no cap. */
  maxCutDaysPerCycle: z.number().int().min(1).max(31).nullable().default(null),
  /** Region a phone number typed without `+` is read in (ISO 3166 alpha-2), e.g. IN. */
  phoneRegion: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('IN'),
  /** Tell a student on Telegram each time a meal is served on their pass ("Breakfast scanned at 08:02"). */
  scanReceipts: z.boolean().default(false),
  /**
   * Last local day the original system's QR passes (signed with its QR_SECRET, set apart as the
   * secret setting `mess.legacyQrSecret`) open the mess; null = no last day: they open it while the
   * old secret is set (the import keeps it; issues 42, 51).
   */
  legacyPassesUntil: z.iso.date().nullable().default(null),
  /*
   * An SMS, to a student without Telegram who has a phone, for each of these (issue 65); on unless
   * turned off. A student with Telegram gets the chat message only.
   */
  /** The approval (and how to show the pass at the counter). */
  smsApproval: z.boolean().default(true),
  /** A payment proof accepted or rejected. */
  smsPaymentVerdicts: z.boolean().default(true),
  /** The dues reminder ("remind all"). */
  smsReminders: z.boolean().default(true),
  /** A fee paid back (a refund). */
  smsRefunds: z.boolean().default(true),
  /** A registration denied. */
  smsDenials: z.boolean().default(true),
  /** Spreadsheet the backup goes to (else MESS_SHEETS_SPREADSHEET_ID). */
  sheetsSpreadsheetId: z.string().min(1).max(200).nullable().default(null),
});
export type MessSettingsJson = z.infer<typeof messSettingsSchema>;

/** Meals served and denied per day, denial reasons, payments per cycle, cuts, approval times. */
export const messSummarySchema = z.object({
  from: z.string(),
  to: z.string(),
  meals: z.array(z.object({ date: z.string(), meal: z.string(), allowed: z.number(), denied: z.number() })),
  denials: z.array(z.object({ reason: z.string(), count: z.number() })),
  payments: z.array(
    z.object({
      cycleId: z.string(),
      name: z.string(),
      currency: z.string(),
      paidMinor: z.number(),
      students: z.number(),
    }),
  ),
  cuts: z.object({ cuts: z.number(), students: z.number() }),
  approvals: z.object({
    pending: z.number(),
    decided: z.number(),
    avgHours: z.number().nullable(),
  }),
  verification: z.object({
    decided: z.number(),
    medianHours: z.number().nullable(),
    slowestHours: z.number().nullable(),
    waiting: z.number(),
    oldestWaitingHours: z.number().nullable(),
  }),
});
export type MessSummaryJson = z.infer<typeof messSummarySchema>;

/** The headcount forecast of the next meal windows. */
export const headcountForecastSchema = z.array(
  z.object({
    date: z.string(),
    mealId: z.string(),
    mealName: z.string(),
    windowKey: z.string(),
    eligible: z.number(),
    attendanceRate: z.number(),
    expected: z.number(),
  }),
);
export type HeadcountForecastJson = z.infer<typeof headcountForecastSchema>;
