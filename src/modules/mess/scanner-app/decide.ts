import { type PassVerification, verifyPass } from '../../../core/passes/index.ts';
import { decideScan, factsFromSnapshot, type MessFacts } from '../browser.ts';
import type { Decision, Snapshot, SnapshotStudent } from './contract.ts';
import type { StoredScan } from './store.ts';

/**
 * What the phone decided on its own, before (or without) the server. Reasons are the server's
 * codes: the rule denials of `decideScan`, `unknown_student`, and `pass_<refusal>`.
 */
export interface LocalDecision {
  /** Undefined when the phone cannot decide (no snapshot yet): the server decides later. */
  decision?: Decision;
  /** `null` when allowed. */
  reason: string | null;
  student?: SnapshotStudent;
  windowKey?: string;
  mealName?: string;
}

/** Subject type of meal passes (`MEAL_PASS_SUBJECT` on the server). */
const MESS_PASS = 'mess';

function base64UrlToBytes(value: string): Uint8Array {
  const b64 = value
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(value.length / 4) * 4, '=');
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** The snapshot with lookups prepared once (keys decoded, students by id and roll number). */
export interface PreparedSnapshot {
  snapshot: Snapshot;
  facts: MessFacts;
  publicKeys: Map<string, Uint8Array>;
  byId: Map<string, SnapshotStudent>;
  byRoll: Map<string, SnapshotStudent>;
}

export const normalizeRoll = (roll: string): string => roll.trim().toUpperCase().replace(/\s+/g, '');

export function prepareSnapshot(snapshot: Snapshot): PreparedSnapshot {
  return {
    snapshot,
    facts: factsFromSnapshot(snapshot),
    publicKeys: new Map(snapshot.keys.map((k) => [k.keyId, base64UrlToBytes(k.publicKey)])),
    byId: new Map(snapshot.students.map((s) => [s.id, s])),
    byRoll: new Map(snapshot.students.map((s) => [normalizeRoll(s.rollNumber), s])),
  };
}

/**
 * Windows already served as this phone knows them: the snapshot's list plus every scan kept here
 * that was allowed (by the server when it answered, else by this phone). Keys are `studentId|windowKey`.
 */
export function servedWindows(snapshot: Snapshot | undefined, scans: readonly StoredScan[]): Set<string> {
  const served = new Set((snapshot?.served ?? []).map((s) => `${s.studentId}|${s.windowKey}`));
  for (const scan of scans) {
    const decision = scan.result?.decision ?? scan.localDecision;
    if (decision === 'allowed' && scan.studentId && scan.windowKey)
      served.add(`${scan.studentId}|${scan.windowKey}`);
  }
  return served;
}

function decideStudent(
  prepared: PreparedSnapshot,
  student: SnapshotStudent,
  served: ReadonlySet<string>,
  at: Date,
): LocalDecision {
  const decided = decideScan({
    at,
    facts: prepared.facts,
    student,
    alreadyServed: (windowKey) => served.has(`${student.id}|${windowKey}`),
  });
  const mealName = prepared.snapshot.meals.find((m) => m.id === decided.mealId)?.name;
  return {
    decision: decided.decision,
    reason: decided.reason,
    student,
    ...(decided.windowKey ? { windowKey: decided.windowKey } : {}),
    ...(mealName ? { mealName } : {}),
  };
}

/** A scanned QR: signature and pass version first (offline, public keys only), then the meal rules. */
/** The original system's pass (`v|uuid|issued|nonce|hmac`), as its QRService wrote it. */
export const LEGACY_PASS_TEXT = /^\s*\d{1,9}\|[0-9a-f-]{32,36}\|\d{1,12}\|[0-9a-z]{1,50}\|[0-9a-f]{64}\s*$/i;

export function decideCode(
  prepared: PreparedSnapshot | undefined,
  code: string,
  served: ReadonlySet<string>,
  at: Date,
): LocalDecision {
  // The original system's pass: only the server holds its secret and who it names.
  if (LEGACY_PASS_TEXT.test(code)) return { reason: 'legacy_pass' };
  const verification: PassVerification = verifyPass(code, {
    publicKeys: prepared?.publicKeys ?? new Map(),
    now: at,
    currentVersionOf: (subject) => prepared?.snapshot.passVersions[subject.id],
  });
  if (!prepared) {
    // Without keys only the shape can be judged: a code that is no pass at all is refused anyway.
    if (!verification.ok && verification.reason !== 'unknown_key')
      return { decision: 'denied', reason: `pass_${verification.reason}` };
    return { reason: 'no_snapshot' };
  }
  const pass = 'pass' in verification ? verification.pass : undefined;
  const student = pass?.subject.type === MESS_PASS ? prepared.byId.get(pass.subject.id) : undefined;
  if (!verification.ok)
    return { decision: 'denied', reason: `pass_${verification.reason}`, ...(student ? { student } : {}) };
  if (!student) return { decision: 'denied', reason: 'unknown_student' };
  return decideStudent(prepared, student, served, at);
}

/** A typed roll number (the fallback when the camera or the QR fails). */
export function decideRoll(
  prepared: PreparedSnapshot | undefined,
  roll: string,
  served: ReadonlySet<string>,
  at: Date,
): LocalDecision {
  if (!prepared) return { reason: 'no_snapshot' };
  const student = prepared.byRoll.get(normalizeRoll(roll));
  if (!student) return { decision: 'denied', reason: 'unknown_student' };
  return decideStudent(prepared, student, served, at);
}
