/**
 * The server contract of the mess scanner, from the mess module's browser entry (the same zod
 * schemas the routes validate with), plus the session the staff pages keep.
 */
import type { ScanInput, ScannerSnapshot, ScanResult } from '../../../src/modules/mess/browser.ts';

export type Snapshot = ScannerSnapshot;
export type SnapshotStudent = ScannerSnapshot['students'][number];
export type ScanUpload = ScanInput;
export type { ScanResult };
export type Decision = ScanResult['decision'];

/** The session the scanner keeps: the staff pages' own (`web/kit/api.ts`). */
export type { SessionInfo } from '../../kit/api.ts';
