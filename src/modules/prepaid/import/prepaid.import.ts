import type { ModuleImport } from '../../../core/imports/index.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { metersImport } from './meters.import.ts';
import { notificationsImport } from './notifications.import.ts';
import { paymentsImport, tokensImport } from './payments.import.ts';
import { usersImport } from './users.import.ts';

/**
 * What `opsdesk import prepaid` brings over from IngufuPay (github.com/ykwizera/Capstone_IngufuPay,
 * Django + DRF, `backend/<app>/models.py`, every version of them: `git log -p`). Django's naming:
 * tables `<app>_<model>`, foreign keys `<field>_id`. The fixtures (`test/fixtures/import/prepaid-original/`)
 * were written by the original's own API views, serializers and admin forms.
 *
 * | model                            | fields (→ foreign key; [since] the commit that added it)                                  |
 * |----------------------------------|-----------------------------------------------------------------------------------------|
 * | users.user (AbstractUser, int pk) | password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined, role (admin, customer), phone_number (unique, null; `^\+?1?\d{9,15}$`), [e945cc9] avatar, province, district, sector, cell, village, address_details, is_email_verified |
 * | meters.meter (int pk)            | owner →, meter_number (unique, 30, any text), name, location (null), status (active, inactive; [e945cc9] disabled), low_balance_threshold (10,2; default 0, [e945cc9] 5), current_balance_units (12,3; ≥ 0 in forms, any number through the admin panel's PATCH), created_at, updated_at, [4215d26] device_id, device_token, last_seen, [71dbdd0] province, district, sector, cell, village, [67f40d7 to 3fda6c1] meter_name, [25ca0c5] category (13 REG categories) |
 * | transactions.paymenttransaction (uuid pk) | user →, meter → (null), amount_rwf (12,2), method (momo, card, cash), status (pending, success, failed), external_reference (unique, null), created_at |
 * | transactions.tokenpurchase (uuid pk) | payment → (1:1), meter →, units_generated (12,3), token_generated (unique, 25), status (created, delivered, cancelled), created_at, updated_at |
 * | notifications.notification (int pk) | user →, meter → (null), notification_type, title, message, is_read, created_at, updated_at: counted, skipped |
 *
 * A field a version did not have is read as its default then (`category` residential, no address,
 * no ESP32). Each model updates what an earlier run brought when the record changed in the original
 * (`update`), so the import can run again until switch day.
 *
 * Not in the original, so not brought over by itself: OpenPAYGO settings. A meter programmed for
 * OpenPAYGO carries them as extra fields the operator adds to the export (`openpaygo_key`,
 * `openpaygo_starting_code`, `openpaygo_last_count`); see `meters.import.ts`.
 * Not brought over: tariffs (the original's are code, `transactions/reg_tariffs.py`, not records:
 * the operator sets them in Opsdesk; the 13 category names are kept on the meters), the original's
 * admins (staff sign in to Opsdesk), `meters.meterrequest`, `meters.systemsetting`, notifications
 * (counted, skipped), support tickets, one-time codes, passwords and ESP32 device tokens (staff issue
 * meter API tokens), and a meter's `low_balance_threshold` (Opsdesk's threshold is the account's).
 * `--notify` sends nothing: the import has no message to send.
 */
export function prepaidImport(rt: PrepaidRuntime): ModuleImport {
  return {
    original: 'IngufuPay (Django)',
    models: [usersImport, metersImport(rt), paymentsImport, tokensImport, notificationsImport],
  };
}
