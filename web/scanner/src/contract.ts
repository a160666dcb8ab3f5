/**
 * The server contract of the mess scanner, from the mess module's browser entry (the same zod
 * schemas the routes validate with), plus the part of the session answer the scanner keeps.
 */
import type { ScanInput, ScannerSnapshot, ScanResult } from '../../../src/modules/mess/browser.ts';

export type Snapshot = ScannerSnapshot;
export type SnapshotStudent = ScannerSnapshot['students'][number];
export type ScanUpload = ScanInput;
export type { ScanResult };
export type Decision = ScanResult['decision'];

/** The part of `GET /api/auth/session` (and the login answer) the scanner keeps. */
export interface SessionInfo {
  user: { id: string; name: string; email: string; locale: string };
  organization: { id: string; slug: string; name: string; timeZone: string };
  role: string;
  permissions: string[];
  csrfToken: string | null;
}
