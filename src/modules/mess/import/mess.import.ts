import type { ModuleImport } from '../../../core/imports/index.ts';
import type { MessRuntime } from '../mess.runtime.ts';
import { closuresImport, cutsImport } from './cuts.import.ts';
import { paymentsImport } from './payments.import.ts';
import { scansImport } from './scans.import.ts';
import { studentsImport } from './students.import.ts';

/**
 * What `opsdesk import mess` brings over from the Sahara mess system (github.com/Afsalkalladi/saharamess,
 * Django, app `core`). Its models, from `core/models.py` (one version shipped: the initial migration
 * `core/migrations/0001_initial.py` matches it), each in its own table (`db_table`), UUID keys
 * (`id`), `created_at`/`updated_at` on all but the audit log:
 *
 * | dumpdata model   | table         | fields                                                                                      |
 * |------------------|---------------|---------------------------------------------------------------------------------------------|
 * | core.student     | students      | tg_user_id (bigint, unique), name (100), roll_no (20, unique, `^[A-Z0-9]+$`), room_no (20), phone (15, `^\+?[1-9]\d{1,14}$`), status (PENDING, APPROVED, DENIED), qr_version (int, 1), qr_nonce (50: 12 hex, set on save) |
 * | core.payment     | payments      | student → (`student_id`), cycle_start, cycle_end (dates the student typed; unique with student), amount (decimal 10,2), screenshot_url (null), status (NONE, UPLOADED, VERIFIED, DENIED), source (ONLINE_SCREENSHOT, OFFLINE_MANUAL), reviewer_admin_id (bigint, null), reviewed_at (null) |
 * | core.messcut     | mess_cuts     | student →, from_date, to_date, applied_at, applied_by (STUDENT, ADMIN_SYSTEM), cutoff_ok      |
 * | core.messclosure | mess_closures | from_date, to_date, reason (blank), created_by_admin_id (bigint)                             |
 * | core.scanevent   | scan_events   | student →, meal (BREAKFAST, LUNCH, DINNER), scanned_at, staff_token → (null), result (ALLOWED, BLOCKED_NO_PAYMENT, BLOCKED_CUT, BLOCKED_STATUS), device_info (blank) |
 *
 * The original has no billing cycle: payments carry their own days, and the cycles here are made
 * from them (`payment-cycles.ts`). Not brought: staff tokens (staff sign in to Opsdesk), the audit
 * log, settings (its meal windows are the mess's meals here, set up by the owner), the Google
 * Sheets dead-letter queue. Passes: each student's id, nonce and QR version come over with them, and
 * with the operator's answer `qrSecret` (the original's QR_SECRET) their old passes open the mess at
 * once (`legacy-passes.ts`); `--notify` sends a new Opsdesk pass to each approved student instead.
 */
export function messImport(rt: MessRuntime): ModuleImport {
  // The days the original's closures close, read by the scans after them (one run's state).
  const closedDays = new Set<string>();
  return {
    original: 'Sahara mess (Django)',
    notifies: 'a new meal pass on Telegram to each imported approved student',
    questions: [
      {
        key: 'qrSecret',
        label:
          "The original's QR_SECRET (from its environment), so students' old QR passes keep opening the mess; leave it empty to refuse them",
        secret: true,
      },
    ],
    models: [
      studentsImport(rt),
      paymentsImport,
      cutsImport,
      closuresImport(closedDays),
      scansImport(closedDays),
    ],
  };
}
