import type { ModuleImport } from '../../../core/imports/index.ts';
import type { ExhibitionRuntime } from '../exhibition.runtime.ts';
import { billsImport } from './bills.import.ts';
import { customersImport, type ImportTarget } from './customers.import.ts';

/**
 * What `opsdesk import exhibition` brings over from the Django exhibition system the seed describes
 * (`shared/seeds/exhibition.md`, "Database Schema"). That original is not public; its models are
 * written down from the seed's model list with Django's default naming: app label `customers`
 * (the app's folder), tables `customers_<model>`, `id` primary keys, foreign keys `<field>_id`. The
 * fixtures (`test/fixtures/import/exhibition-*`) follow this list field for field.
 *
 * | model              | fields                                                                                   |
 * |--------------------|------------------------------------------------------------------------------------------|
 * | customers.customer | customer_id (unique, 8 letters and digits), name (255), email, phone (20), qr_code (image path), email_sent (bool), created_at, updated_at |
 * | customers.bill     | customer →, amount (decimal 10,2), description (text, blank), created_at, created_by (the admin's username) |
 *
 * The original runs one exhibition with no booths, so:
 * - customers come into the organization's latest open exhibition (create it in Opsdesk first; with
 *   none, every customer is refused with that reason), each with the original's `customer_id` as
 *   their code (found at the desk and the booths however typed);
 * - bills come to a booth of that exhibition named `ORIGINAL_DESK` (bills.import.ts) (the original's admin desk),
 *   made by the first batch of bills written; their amount, description, time and `created_by` kept,
 *   and each customer's tab adds them up.
 *
 * Not brought over: the QR images (Opsdesk signs its own passes: `--notify` e-mails each imported
 * customer a welcome e-mail with their code and a new QR; nothing is e-mailed without it, and the
 * dry run counts what it would send), `email_sent`, the admins' accounts.
 */
export function exhibitionImport(rt: ExhibitionRuntime): ModuleImport {
  // The exhibition the customers' `begin` chose: the bills go to the same one.
  const target: ImportTarget = {};
  return {
    original: 'Exhibition Customer Management System (Django)',
    notifies: 'a welcome e-mail with the code and a new QR pass to each imported customer',
    models: [customersImport(rt, target), billsImport(target)],
  };
}
