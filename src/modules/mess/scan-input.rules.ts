import { parseLegacyPass } from './legacy-passes.rules.ts';
import { PASS_CODE_MAX, ROLL_NUMBER_MAX, type ScanInput, type ScanResult } from './scanner.contract.ts';

/**
 * A scan as the rules read it, or `undefined` when it cannot be a pass or a roll number (too long:
 * a reader's run-on, a paste). The original's pass text typed or pasted into the roll number field
 * (`3|uuid|…`, what the mess import promises keeps working) is read as the pass it is.
 */
export function readScan(scan: ScanInput): ScanInput | undefined {
  if (scan.code === undefined && scan.rollNumber !== undefined && parseLegacyPass(scan.rollNumber)) {
    const { rollNumber, ...rest } = scan;
    return { ...rest, code: rollNumber.trim() };
  }
  if (scan.code !== undefined) return scan.code.length > PASS_CODE_MAX ? undefined : scan;
  return (scan.rollNumber?.length ?? 0) > ROLL_NUMBER_MAX ? undefined : scan;
}

/** The answer to a scan `readScan` could not read: refused alone, recorded nowhere. */
export const unreadableResult = (scan: ScanInput): ScanResult => ({
  nonce: scan.nonce,
  decision: 'denied',
  reason: 'unreadable',
  serverDecision: 'denied',
  serverReason: 'unreadable',
  student: null,
  conflict: false,
  duplicate: false,
  refused: 'unreadable',
});
