import { z } from 'zod';

/*
 * The contract between the server and the offline scanner (`scanner-app/`). Zod only, browser-safe:
 * the scanner may import these schemas (and their types) through `browser.ts`.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const scannerSnapshotSchema = z.object({
  generatedAt: z.iso.datetime(),
  timeZone: z.string(),
  keys: z.array(z.object({ keyId: z.string(), publicKey: z.string() })),
  passVersions: z.record(z.string(), z.number()),
  students: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      rollNumber: z.string(),
      room: z.string(),
      status: z.enum(['pending', 'approved', 'denied', 'suspended']),
      paidCycleIds: z.array(z.string()),
      cuts: z.array(z.object({ from: isoDate, to: isoDate })),
    }),
  ),
  meals: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      start: clock,
      end: clock,
      weekdays: z.array(z.number().int().min(1).max(7)),
    }),
  ),
  closures: z.array(z.object({ date: isoDate, mealIds: z.array(z.string()).nullable() })),
  cycles: z.array(z.object({ id: z.string(), from: isoDate, to: isoDate })),
  served: z.array(z.object({ studentId: z.string(), windowKey: z.string() })),
});
export type ScannerSnapshot = z.infer<typeof scannerSnapshotSchema>;

/** What a pass code and a typed roll number can be at most; longer ones are refused per scan. */
export const PASS_CODE_MAX = 400;
export const ROLL_NUMBER_MAX = 40;
/** The longest text a scan may carry at all (beyond it the request is malformed, not misread). */
const SCAN_TEXT_LIMIT = 4000;

export const scanInputSchema = z
  .object({
    nonce: z.string().uuid(),
    // Longer than a pass or a roll number can be (a wedge reader's run-on, a paste) is still
    // accepted here: that one scan is answered `refused: 'unreadable'`, the rest are recorded.
    code: z.string().min(1).max(SCAN_TEXT_LIMIT).optional(),
    rollNumber: z.string().trim().min(1).max(SCAN_TEXT_LIMIT).optional(),
    scannedAt: z.string().datetime({ offset: true }),
    offline: z.boolean(),
    localDecision: z.enum(['allowed', 'denied']).optional(),
    localReason: z.string().max(60).optional(),
  })
  .refine((s) => s.code !== undefined || s.rollNumber !== undefined, {
    message: 'a scan carries a pass code or a typed roll number',
    path: ['code'],
  });
export type ScanInput = z.infer<typeof scanInputSchema>;

export const scanBatchSchema = z.object({
  deviceId: z.string().trim().min(1).max(100),
  scans: z.array(scanInputSchema).min(1).max(500),
});
export type ScanBatch = z.infer<typeof scanBatchSchema>;

export const scanResultSchema = z.object({
  nonce: z.string(),
  decision: z
    .enum(['allowed', 'denied'])
    .describe("What the counter decided: an offline scan's own verdict (`localDecision`), else the server's"),
  reason: z.string().nullable(),
  serverDecision: z
    .enum(['allowed', 'denied'])
    .describe(
      "The server's rules at the scan's time; where it differs from `decision` the scan is a conflict",
    ),
  serverReason: z.string().nullable(),
  student: z.object({ id: z.string(), name: z.string(), rollNumber: z.string() }).nullable(),
  conflict: z.boolean(),
  duplicate: z.boolean(),
  refused: z
    .enum(['unreadable'])
    .optional()
    .describe(
      'Set when this scan was not recorded: `unreadable` is a code or roll number longer than any pass (a reader run-on, a paste). The other scans of the batch are recorded; do not send this one again',
    ),
});
export type ScanResult = z.infer<typeof scanResultSchema>;

export const scanResultsSchema = z.object({ results: z.array(scanResultSchema) });
