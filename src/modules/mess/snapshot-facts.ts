import type { MessFacts, StudentFacts } from './mess.rules.ts';
import type { ScannerSnapshot } from './scanner.contract.ts';

/** The mess facts of a scanner snapshot, as `decideScan` takes them. */
export function factsFromSnapshot(s: ScannerSnapshot): MessFacts {
  return { timeZone: s.timeZone, meals: s.meals, closures: s.closures, cycles: s.cycles };
}

/** One student of a snapshot as `decideScan` takes it; `undefined` when the scanner does not know them. */
export function studentFactsFromSnapshot(s: ScannerSnapshot, studentId: string): StudentFacts | undefined {
  const student = s.students.find((x) => x.id === studentId);
  if (!student) return undefined;
  return { id: student.id, status: student.status, paidCycleIds: student.paidCycleIds, cuts: student.cuts };
}
