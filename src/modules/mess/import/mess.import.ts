import type { ModuleImport } from '../../../core/imports/index.ts';
import type { MessRuntime } from '../mess.runtime.ts';
import { closuresImport, cutsImport } from './cuts.import.ts';
import { cyclesImport } from './cycles.import.ts';
import { paymentsImport } from './payments.import.ts';
import { scansImport } from './scans.import.ts';
import { studentsImport } from './students.import.ts';

/**
 * What `opsdesk import mess` brings over from the Django mess system the seed describes
 * (`shared/seeds/mess.md`). That original is not public and its seed lists behaviour, not fields, so
 * the models below are written from what the seed says each holds (statuses, Telegram ids, English
 * and Hindi, cycles, Cloudinary screenshots, cuts with from/to dates, closures, scan events) with
 * Django's default naming: app label `mess`, tables `mess_<model>`, `id` primary keys, foreign keys
 * `<field>_id`. When the real `models.py` is at hand, correct the field names in the model files;
 * the fixtures (`test/fixtures/import/mess-*`) follow this list field for field.
 *
 * | model            | fields                                                                                           |
 * |------------------|--------------------------------------------------------------------------------------------------|
 * | mess.student     | tg_user_id (bigint, unique, null), name, roll_no (unique), room_no, phone, status (pending, approved, denied), language (en, hi), qr_version, created_at, updated_at |
 * | mess.cycle       | name, start_date, end_date, fee (decimal), created_at                                            |
 * | mess.payment     | student →, cycle →, amount (decimal, null: the cycle fee), screenshot_url (Cloudinary, null), status (none, uploaded, verified, denied), source (online, offline), reviewer_admin_id (bigint, null), reviewed_at, created_at |
 * | mess.messcut     | student →, from_date, to_date, applied_at, applied_by (student, admin_system), cutoff_ok         |
 * | mess.messclosure | from_date, to_date, reason, created_by_admin_id, created_at                                      |
 * | mess.scanevent   | student → (null: an unknown code), meal (breakfast, lunch, dinner), scanned_at, device_info, result (allowed, blocked), reason |
 *
 * Not brought over: staff scanner tokens (staff sign in to Opsdesk), the original's settings, its
 * Google Sheets dead-letter queue. Passes: the Django HMAC QR codes are the compatibility layer's
 * (`compat/`); `--notify` sends a new Opsdesk pass to each approved student with a chat instead.
 */
export function messImport(rt: MessRuntime): ModuleImport {
  // Fees of the cycles this run read, by the original's pk: what a payment without an amount owes.
  const cycleFees = new Map<string, number>();
  return {
    original: 'Sahara mess (Django)',
    notifies: 'a new meal pass on Telegram to each imported approved student',
    models: [
      studentsImport(rt),
      cyclesImport(cycleFees),
      paymentsImport(cycleFees),
      cutsImport,
      closuresImport,
      scansImport,
    ],
  };
}
