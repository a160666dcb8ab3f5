import { z } from 'zod';

// The fleet summary's request and answer (`GET /api/coffee/summary`): the console's dashboard reads it.

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day, YYYY-MM-DD');

/** The longest window the trend covers, in days. */
const MAX_WINDOW_DAYS = 92;

/** `GET /api/coffee/summary?merchantId&from&to`: one merchant's machines, days in the org's time zone. */
export const fleetSummaryQuery = z
  .object({ merchantId: z.string().uuid().optional(), from: day.optional(), to: day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is on or before to', path: ['from'] })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) < MAX_WINDOW_DAYS * 86_400_000, {
    message: `at most ${MAX_WINDOW_DAYS} days`,
    path: ['to'],
  });
export type FleetSummaryQuery = z.infer<typeof fleetSummaryQuery>;

export const fleetSummarySchema = z.object({
  devices: z.object({ total: z.number(), online: z.number(), offline: z.number(), fault: z.number() }),
  openAlarms: z.number(),
  lowBins: z.number(),
  /** Machines that take calls without a token (legacy mode, issue 42): the console warns while any do. */
  legacyTokenless: z.number(),
  sales: z.object({
    currency: z.string(),
    todayMinor: z.number(),
    todayOrders: z.number(),
    weekMinor: z.number(),
    weekOrders: z.number(),
  }),
  /** The chosen days (default: the last 7), oldest first, and their totals. */
  period: z.object({ from: z.string(), to: z.string(), salesMinor: z.number(), orders: z.number() }),
  /** Per day: the fleet's orders and sales, and its daily order volume per machine (issue 41, item 23). */
  trend: z.array(
    z.object({ day: z.string(), orders: z.number(), salesMinor: z.number(), ordersPerMachine: z.number() }),
  ),
});
export type FleetSummary = z.infer<typeof fleetSummarySchema>;
