import type { Ctx } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import type { MessTables } from './mess.tables.ts';
import type { StudentRecord } from './mess-facts.ts';
import { type ServedBy, servedKey } from './scan-facts.ts';
import type { ScanInput, ScanResult } from './scanner.contract.ts';

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

export interface Judged {
  student: StudentRecord | null;
  method: 'pass' | 'roll';
  decision: 'allowed' | 'denied';
  reason: string | null;
  date: string;
  mealId: string | null;
  windowKey: string | null;
}

export interface JudgedScan {
  index: number;
  scan: ScanInput;
  judged: Judged;
}

export interface RecordedScan extends JudgedScan {
  /** The stored row (empty for a nonce another request recorded meanwhile). */
  id: string;
  result: ScanResult;
}

/**
 * Writes judged scans in one statement, then the conflicts they open in one more (only when a
 * scan the device allowed offline was refused). A row the insert skipped lost a race with another
 * request: its nonce was recorded meanwhile (answered as stored), or its window was served on
 * another device meanwhile (refused as already served, written again).
 */
export async function recordJudged(
  tx: Ctx,
  deviceId: string,
  scans: JudgedScan[],
  served: ServedBy,
): Promise<RecordedScan[]> {
  const ids = await insertScans(tx, deviceId, scans);
  const recorded: RecordedScan[] = [];
  for (const s of scans) {
    let id = ids.get(s.scan.nonce.toLowerCase());
    if (!id) {
      const again = await storedResult(tx, s.scan.nonce);
      if (again) {
        recorded.push({ ...s, id: '', result: again });
        continue;
      }
      s.judged = { ...s.judged, decision: 'denied', reason: 'already_served' };
      // served by someone else, not by this scan: the conflict reads who
      if (s.judged.student && s.judged.windowKey)
        served.delete(servedKey(s.judged.student.id, s.judged.windowKey));
      id = (await insertScans(tx, deviceId, [s])).get(s.scan.nonce.toLowerCase());
      if (!id) throw new Error('scan insert lost twice');
    }
    const { judged } = s;
    recorded.push({
      ...s,
      id,
      result: {
        nonce: s.scan.nonce,
        decision: judged.decision,
        reason: judged.reason,
        student: judged.student
          ? { id: judged.student.id, name: judged.student.name, rollNumber: judged.student.rollNumber }
          : null,
        conflict: servedTwiceOffline(s.scan, judged),
        duplicate: false,
      },
    });
  }
  await openConflicts(tx, deviceId, recorded, served, ids);
  return recorded;
}

/**
 * A conflict is one pass served twice in one meal window on different devices: an offline device let the
 * student through, and by the time it synced another device had already served that window. Other
 * disagreements (a stale snapshot missing a payment) stay visible in the scan log, not as conflicts.
 */
function servedTwiceOffline(scan: ScanInput, j: Judged): boolean {
  return (
    scan.offline &&
    scan.localDecision === 'allowed' &&
    j.decision === 'denied' &&
    j.reason === 'already_served' &&
    j.student !== null
  );
}

/** One `INSERT … SELECT FROM unnest(…)` for the whole batch; answers the stored ids by nonce. */
async function insertScans(tx: Ctx, deviceId: string, scans: JudgedScan[]): Promise<Map<string, string>> {
  const column = <T>(pick: (s: JudgedScan) => T) => scans.map(pick);
  const { rows } = await sql<{ id: string; nonce: string }>`
    insert into mess_scan (org_id, nonce, device_id, student_id, method, scanned_at, local_date, offline,
      local_decision, local_reason, decision, reason, meal_id, window_key, conflict, synced_by)
    select ${tx.orgId}, t.nonce, ${deviceId}, t.student_id, t.method, t.scanned_at, t.local_date, t.offline,
      t.local_decision, t.local_reason, t.decision, t.reason, t.meal_id, t.window_key, t.conflict, ${tx.actor.label}
    from unnest(
      ${column((s) => s.scan.nonce)}::uuid[], ${column((s) => s.judged.student?.id ?? null)}::uuid[],
      ${column((s) => s.judged.method)}::text[], ${column((s) => s.scan.scannedAt)}::timestamptz[],
      ${column((s) => s.judged.date)}::text[], ${column((s) => s.scan.offline)}::boolean[],
      ${column((s) => s.scan.localDecision ?? null)}::text[], ${column((s) => s.scan.localReason ?? null)}::text[],
      ${column((s) => s.judged.decision)}::text[], ${column((s) => s.judged.reason)}::text[],
      ${column((s) => s.judged.mealId)}::uuid[], ${column((s) => s.judged.windowKey)}::text[],
      ${column((s) => servedTwiceOffline(s.scan, s.judged))}::boolean[]
    ) as t(nonce, student_id, method, scanned_at, local_date, offline, local_decision, local_reason,
           decision, reason, meal_id, window_key, conflict)
    on conflict do nothing
    returning id, nonce`.execute(tx.db);
  return new Map(rows.map((r) => [r.nonce, r.id]));
}

async function openConflicts(
  tx: Ctx,
  deviceId: string,
  recorded: RecordedScan[],
  served: ServedBy,
  ids: Map<string, string>,
): Promise<void> {
  const rows = [];
  for (const r of recorded) {
    if (!r.result.conflict || r.result.duplicate) continue;
    const student = r.judged.student!;
    const windowKey = r.judged.windowKey;
    const known = windowKey ? served.get(servedKey(student.id, windowKey)) : undefined;
    const first = known
      ? { id: known.id ?? ids.get(known.nonce ?? '') ?? null, device_id: known.deviceId }
      : windowKey
        ? await firstServed(tx, student.id, windowKey)
        : undefined;
    rows.push({
      student_id: student.id,
      window_key: windowKey,
      first_scan_id: first?.id ?? null,
      first_device_id: first?.device_id ?? null,
      second_scan_id: r.id,
      second_device_id: deviceId,
      reason: r.judged.reason ?? 'denied',
    });
  }
  if (rows.length) await db(tx).insertInto('mess_scan_conflict').values(rows).execute();
}

function firstServed(tx: Ctx, studentId: string, windowKey: string) {
  return db(tx)
    .selectFrom('mess_scan')
    .select(['id', 'device_id'])
    .where('student_id', '=', studentId)
    .where('window_key', '=', windowKey)
    .where('decision', '=', 'allowed')
    .executeTakeFirst();
}

async function storedResult(ctx: Ctx, nonce: string): Promise<ScanResult | undefined> {
  const row = await db(ctx)
    .selectFrom('mess_scan')
    .leftJoin('mess_student', 'mess_student.id', 'mess_scan.student_id')
    .select([
      'mess_scan.decision',
      'mess_scan.reason',
      'mess_scan.conflict',
      'mess_student.id as student_id',
      'mess_student.name',
      'mess_student.roll_number',
    ])
    .where('mess_scan.nonce', '=', nonce)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    nonce,
    decision: row.decision,
    reason: row.reason,
    student: row.student_id
      ? { id: row.student_id, name: row.name ?? '', rollNumber: row.roll_number ?? '' }
      : null,
    conflict: row.conflict,
    duplicate: true,
  };
}
