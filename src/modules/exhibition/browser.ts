/**
 * The exhibition module's browser entry: what the console (`web/console`) and the booth page
 * (`booth-app/`) share with the server. Browser-safe: nothing here imports `node:*` or the database.
 */
import type { z } from 'zod';
import type { billerBoothSchema, boothOrganizationSchema, newBillSchema } from './exhibition.contract.ts';

/** A booth the signed-in biller bills at (`GET /api/exhibition/my-booths`), with its totals. */
export type BillerBoothJson = z.infer<typeof billerBoothSchema>;
/** An organization the booth page offers (`GET /api/exhibition/booth-organizations`). */
export type BoothOrganizationJson = z.infer<typeof boothOrganizationSchema>;
/** A bill as the booth sends it (`POST /api/exhibition/customers/{id}/bills`). */
export type NewBillJson = z.input<typeof newBillSchema>;
export type {
  BillJson,
  BoothDashboardJson,
  BoothJson,
  BoothStaffJson,
  CustomerJson,
  ExhibitionJson,
  ImportWelcomeJson,
  MailTextJson,
  StatementRunJson,
  TabPaymentJson,
} from './exhibition.contract.ts';
export { exhibitionErrorMessages } from './exhibition.errors.catalog.ts';
