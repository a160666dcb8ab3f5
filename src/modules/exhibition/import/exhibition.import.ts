import type { ModuleImport } from '../../../core/imports/index.ts';
import type { ExhibitionRuntime } from '../exhibition.runtime.ts';
import { billsImport } from './bills.import.ts';
import { customersImport, type ImportTarget } from './customers.import.ts';
import { PHONE_COUNTRY_QUESTION } from './phone-country.ts';

/**
 * What `opsdesk import exhibition` brings over from the Django exhibition desk
 * github.com/niyasvs/exhibtion_customer (the seed `shared/seeds/exhibition.md` is its
 * PROJECT_SUMMARY), app `customers`, tables `customers_<model>`, `id` primary keys, foreign keys
 * `<field>_id`. Its `customers/models.py` has one version in its history (8f24e0c, unchanged since):
 *
 * | model              | fields                                                                                   |
 * |--------------------|------------------------------------------------------------------------------------------|
 * | customers.customer | customer_id (8, unique, `uuid4().hex[:8].upper()`), name (255), email (EmailField, no blank=True), phone (20, free text), created_at, updated_at, email_sent (bool) |
 * | customers.bill     | customer →, amount (decimal 10,2, any sign), description (text, null/blank), created_at, created_by (255, null) |
 *
 * What its own code leaves there, and what becomes of it:
 * - Its admin checked only the e-mail's shape and 20 characters of phone; the shell (its tests use
 *   `Customer.objects.create`) took anything: blanks, "no email", local numbers. E-mails and phones
 *   come normalized when they read (local numbers in the country of the exhibition's currency, or the
 *   operator's answer to `phone_country`), else kept as typed and flagged; blanks stay blank.
 * - Its admin took 0.00 and negative amounts (credits): they come over signed, so each tab equals
 *   the original's `get_total_bills()`. Bills added in the customer's form have no `created_by`
 *   (only the bill form records the admin): they come over with a blank biller.
 * - Edits in its admin (a phone corrected, a bill's amount fixed) come over on the next run
 *   (`update`), each audited; nothing else is touched.
 * - The seed lists a `qr_code` image field that no version of the models has: ignored if present.
 *
 * The original runs one exhibition with no booths, so:
 * - customers come into the organization's latest open exhibition (create it in Opsdesk first; with
 *   none, every customer is refused with that reason), each with the original's `customer_id` as
 *   their code (found at the desk and the booths however typed, its printed QR too);
 * - bills come to a booth of that exhibition named `ORIGINAL_DESK` (bills.import.ts), made by the
 *   first batch of bills written, and each customer's tab adds them up.
 *
 * Not brought over: QR images (it made them on the fly; Opsdesk signs its own passes: `--notify`
 * e-mails each imported customer with a readable address a welcome e-mail with their code and a new
 * QR; nothing is e-mailed without it, and the dry run counts what it would send), `email_sent`,
 * `updated_at`, the admins' accounts, and bills or customers deleted in the original after an
 * earlier run brought them (a run sees what the original holds, not what it removed).
 */
export function exhibitionImport(rt: ExhibitionRuntime): ModuleImport {
  // The exhibition the customers' `begin` chose: the bills go to the same one.
  const target: ImportTarget = {};
  return {
    original: 'Exhibition Customer Management System (Django, niyasvs/exhibtion_customer)',
    notifies:
      'a welcome e-mail with the code and a new QR pass to each imported customer with an e-mail address',
    questions: [PHONE_COUNTRY_QUESTION],
    models: [customersImport(rt, target), billsImport(target)],
  };
}
