import { z } from 'zod';
import { isoDate } from './mess.contract.ts';

// The original system's QR passes during the transition (issue 42, item 5): whether they still open
// the mess, its secret and last day, and the students whose original passes are known here.

export const legacyPassesSchema = z
  .object({
    qrSecret: z
      .union([
        z.object({ set: z.literal(true), last4: z.string().optional() }),
        z.object({ set: z.literal(false) }),
      ])
      .describe("the original's QR_SECRET: never shown, only whether it is set"),
    until: isoDate.nullable().describe('last local day old passes open the mess'),
    active: z.boolean().describe('old passes open the mess today'),
    students: z.number().int().describe('students whose original id, nonce and version are known here'),
    scans: z.number().int().describe('scans of old passes so far'),
    lastScanAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'MessLegacyPasses' });
export type LegacyPassesJson = z.infer<typeof legacyPassesSchema>;

export const legacyPassesBody = z
  .object({
    qrSecret: z
      .string()
      .min(8)
      .max(500)
      .nullable()
      .optional()
      .describe("the original's QR_SECRET (write-only); null forgets it"),
    until: isoDate
      .nullable()
      .optional()
      .describe(
        'last local day old passes open the mess; null: no last day (they open it while the secret is set)',
      ),
  })
  .refine((b) => b.qrSecret !== undefined || b.until !== undefined, {
    message: 'send qrSecret, until or both',
    path: ['until'],
  });

export const legacyStudentsBody = z.object({
  students: z
    .array(
      z
        .object({
          legacyId: z.string().regex(/^[0-9a-fA-F-]{32,36}$/, "expected the original's student UUID"),
          studentId: z.string().uuid().optional(),
          rollNumber: z.string().trim().min(1).max(40).optional(),
          nonce: z.string().regex(/^[0-9A-Za-z]{1,50}$/, "expected the original's qr_nonce"),
          qrVersion: z.number().int().min(1),
        })
        .refine((s) => s.studentId !== undefined || s.rollNumber !== undefined, {
          message: 'name the student here by studentId or rollNumber',
          path: ['rollNumber'],
        }),
    )
    .min(1)
    .max(5000),
});
