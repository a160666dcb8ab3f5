/**
 * The exhibition module's browser entry: what the console (`web/console`) shares with the server.
 * Browser-safe: nothing here imports `node:*` or the database.
 */
export type {
  BillJson,
  BoothDashboardJson,
  BoothJson,
  BoothStaffJson,
  CustomerJson,
  ExhibitionJson,
  ImportWelcomeJson,
  StatementRunJson,
} from './exhibition.contract.ts';
export { exhibitionErrorMessages } from './exhibition.errors.catalog.ts';
