import { z } from 'zod';
import { drfPageQuery, drfPageSchema } from '../../../platform/http/index.ts';

/*
 * The original mess system's API shapes (Django REST Framework serializers in its `core/serializers.py`):
 * snake_case fields, upper-case statuses, DRF pages. Only what its documented paths answer.
 */

/** Our student statuses in the original's spelling (it had no suspension: ours is spelled alike). */
export const V1_STUDENT_STATUS = {
  pending: 'PENDING',
  approved: 'APPROVED',
  denied: 'DENIED',
  suspended: 'SUSPENDED',
} as const;

/** Our payment statuses in the original's spelling (`NONE`, `UPLOADED`, `VERIFIED`, `DENIED`). */
export const V1_PAYMENT_STATUS: Record<string, 'UPLOADED' | 'VERIFIED' | 'DENIED' | 'NONE'> = {
  submitted: 'UPLOADED',
  verified: 'VERIFIED',
  succeeded: 'VERIFIED',
  recorded: 'VERIFIED',
  denied: 'DENIED',
};

/** The original's scan results; our reasons fall into them. */
export const V1_SCAN_RESULTS = ['ALLOWED', 'BLOCKED_NO_PAYMENT', 'BLOCKED_CUT', 'BLOCKED_STATUS'] as const;

export function v1ScanResult(decision: string, reason: string | null): (typeof V1_SCAN_RESULTS)[number] {
  if (decision === 'allowed') return 'ALLOWED';
  if (reason === 'payment_due' || reason === 'no_billing_cycle') return 'BLOCKED_NO_PAYMENT';
  if (reason === 'mess_cut' || reason === 'mess_closed') return 'BLOCKED_CUT';
  return 'BLOCKED_STATUS';
}

export const v1ScanBody = z.object({
  qr_data: z.string().trim().min(1).max(400),
  meal: z
    .enum(['BREAKFAST', 'LUNCH', 'DINNER'])
    .describe("the counter's meal; the meal window is read from the scan's time, as for every scan here"),
  device_info: z.string().max(100).optional(),
});

export const v1StudentSnapshot = z.object({
  id: z.string(),
  name: z.string(),
  roll_no: z.string(),
  room_no: z.string(),
  status: z.string(),
  payment_ok: z.boolean(),
  today_cut: z.boolean(),
  closure_today: z.boolean(),
  overall_status: z.string(),
});

export const v1ScanResponse = z.object({
  result: z.enum(V1_SCAN_RESULTS),
  scan_id: z.string().nullable(),
  student_snapshot: v1StudentSnapshot.optional(),
  reason: z.string().optional(),
});

export const v1Student = z.object({
  id: z.string(),
  name: z.string(),
  roll_no: z.string(),
  room_no: z.string(),
  phone: z.string(),
  status: z.string(),
  created_at: z.string(),
});

export const v1Payment = z.object({
  id: z.string(),
  student: z.string(),
  student_name: z.string(),
  student_roll: z.string(),
  cycle_start: z.string().nullable(),
  cycle_end: z.string().nullable(),
  amount: z.string().describe('decimal, as the original wrote it'),
  screenshot_url: z.string().nullable(),
  status: z.string(),
  source: z.enum(['ONLINE_SCREENSHOT', 'OFFLINE_MANUAL']),
  reviewed_at: z.string().nullable(),
  created_at: z.string(),
});

export const v1StudentPage = drfPageSchema(v1Student);
export const v1PaymentPage = drfPageSchema(v1Payment);

export const v1StudentsQuery = drfPageQuery.extend({
  status: z.enum(['PENDING', 'APPROVED', 'DENIED', 'SUSPENDED']).optional(),
});
export const v1PaymentsQuery = drfPageQuery.extend({
  status: z.enum(['UPLOADED', 'VERIFIED', 'DENIED']).optional(),
});
export const v1ReportQuery = z.object({
  status: z.enum(['verified', 'uploaded', 'not_uploaded', 'denied']).optional(),
  from_date: z.iso.date().optional(),
  to_date: z.iso.date().optional(),
  student_id: z.uuid().optional(),
});

export const v1IdParams = z.object({ id: z.uuid() });
export const v1StatusAnswer = z.object({ status: z.string() });

export const tags = ['mess (v1 compatibility)'];
