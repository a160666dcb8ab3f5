/**
 * The server contract of the mess scanner, from the mess module's browser entry (the same zod
 * schemas the routes validate with), plus the core's session answer.
 */
import type { z } from 'zod';
import type { ScanInput, ScannerSnapshot, ScanResult, scanResultsSchema } from '../browser.ts';

export type Snapshot = ScannerSnapshot;
export type SnapshotStudent = ScannerSnapshot['students'][number];
export type ScanUpload = ScanInput;
export type { ScanResult };
export type Decision = ScanResult['decision'];
/** `POST /api/mess/scans`' answer. */
export type ScanResults = z.infer<typeof scanResultsSchema>;

/** The session the scanner keeps: the core's answer to `GET /api/auth/session`. */
export type { SessionJson } from '../../../core/auth/index.ts';
