import type { ModuleImport } from '../../../core/imports/index.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { metersImport } from './meters.import.ts';
import { paymentsImport, tokensImport } from './payments.import.ts';
import { usersImport } from './users.import.ts';

/**
 * What `opsdesk import prepaid` brings over from IngufuPay (github.com/ykwizera/Capstone_IngufuPay,
 * Django 4.2 + DRF, `backend/<app>/models.py` at `50eecf7`; the team's reference, original-systems.md
 * 1.3). Django's naming: tables `<app>_<model>`, foreign keys `<field>_id`. The fixtures
 * (`test/fixtures/import/prepaid-*`) follow this list field for field.
 *
 * | model                            | fields                                                                                  |
 * |----------------------------------|-----------------------------------------------------------------------------------------|
 * | users.user (AbstractUser, int pk) | password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined, role (admin, customer), phone_number (unique, null), avatar, province, district, sector, cell, village, address_details, is_email_verified, groups, user_permissions |
 * | meters.meter (int pk)            | owner →, meter_number (unique), name, location (null), category (13 REG categories), province, district, sector, cell, village, status (active, inactive, disabled), low_balance_threshold (10,2), current_balance_units (12,3), device_id (unique, null), device_token (null), last_seen (null), created_at, updated_at |
 * | transactions.paymenttransaction (uuid pk) | user →, meter → (null), amount_rwf (12,2), method (momo, card, cash), status (pending, success, failed), external_reference (unique, null), created_at |
 * | transactions.tokenpurchase (uuid pk) | payment → (1:1), meter →, units_generated (12,3), token_generated (unique, 25), status (created, delivered, cancelled), created_at, updated_at |
 *
 * Not in the original, so not brought over by itself: OpenPAYGO settings. A meter programmed for
 * OpenPAYGO carries them as extra fields the operator adds to the export (`openpaygo_key`,
 * `openpaygo_starting_code`, `openpaygo_last_count`); see `meters.import.ts`.
 * Not brought over: tariffs (the original's are code, `transactions/reg_tariffs.py`, not records:
 * the operator sets them in Opsdesk; the 13 category names are kept on the meters), the original's
 * admins (staff sign in to Opsdesk), `meters.meterrequest`, `meters.systemsetting`, notifications,
 * support tickets, one-time codes, passwords and ESP32 device tokens (staff issue meter API tokens),
 * and a meter's `low_balance_threshold` (Opsdesk's threshold is the account's).
 * `--notify` sends nothing: the import has no message to send.
 */
export function prepaidImport(rt: PrepaidRuntime): ModuleImport {
  return {
    original: 'IngufuPay (Django)',
    models: [usersImport, metersImport(rt), paymentsImport, tokensImport],
  };
}
