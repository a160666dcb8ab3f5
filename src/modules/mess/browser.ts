/**
 * The mess module's browser entry: what the offline scanner (`scanner-app/`) needs to decide a scan
 * exactly as the server does, and the words of its error codes for the console. Browser-safe:
 * nothing here imports `node:*` or the database.
 */

export type { LegacyPassesJson } from './legacy-passes.contract.ts';
export { clockTimeIn, mealNameIn, zoneNameIn } from './local-words.rules.ts';
export type {
  Defaulters,
  HeadcountForecastJson,
  MessSettingsJson,
  MessSummaryJson,
  PassRun,
  SheetOwnershipJson,
  StudentOverview,
  WardenInviteJson,
  WardensJson,
} from './mess.contract.ts';
export { messErrorMessages } from './mess.errors.catalog.ts';
export {
  type BillingCycle,
  type Closure,
  cycleOn,
  type DateRange,
  decideScan,
  isClosed,
  isCutOn,
  LOOKUP_DENIALS,
  type LookupDenial,
  type MealWindow,
  type MessFacts,
  mealAt,
  RULE_DENIALS,
  type RuleDenial,
  type ScanDecision,
  type ScanDenial,
  STUDENT_STATUSES,
  type StudentFacts,
  type StudentStatus,
  upcomingWindows,
  windowKeyOf,
} from './mess.rules.ts';
export {
  type ScanBatch,
  type ScanInput,
  type ScannerSnapshot,
  type ScanResult,
  scanBatchSchema,
  scannerSnapshotSchema,
  scanResultSchema,
  scanResultsSchema,
} from './scanner.contract.ts';
export { factsFromSnapshot, studentFactsFromSnapshot } from './snapshot-facts.ts';
