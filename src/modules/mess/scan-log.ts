import type { Ctx } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import type { MessTables } from './mess.tables.ts';
import type { StudentRecord } from './mess-facts.ts';
import { type ServedBy, servedKey, storedScanResult } from './scan-facts.ts';
import type { ScanInput, ScanResult } from './scanner.contract.ts';

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

type Decision = 'allowed' | 'denied';

export interface Judged {
  student: StudentRecord | null;
  method: 'pass' | 'roll' | 'legacy';
  /** What the counter decided (`counterVerdict`): what the scan counts as. */
  decision: Decision;
  reason: string | null;
  /** What the server's rules said at the scan's time. */
  serverDecision: Decision;
  serverReason: string | null;
  date: string;
  mealId: string | null;
  windowKey: string | null;
}

/**
 * The verdict a scan records (issue 40, item 7): an offline phone decided alone and the student was
 * served or turned away on its word, so its verdict is what happened; a scan the phone could not
 * decide, or one made online (the phone shows the server's answer), records the server's.
 */
export function counterVerdict(
  scan: ScanInput,
  server: { decision: Decision; reason: string | null },
): { decision: Decision; reason: string | null } {
  if (!scan.offline || scan.localDecision === undefined) return server;
  if (scan.localDecision === 'allowed') return { decision: 'allowed', reason: null };
  // A phone that gave no reason: the server's, where it refused too.
  return {
    decision: 'denied',
    reason: scan.localReason ?? (server.decision === 'denied' ? server.reason : null),
  };
}

/** The counter and the server disagree: staff see the scan as a conflict. */
export const isConflict = (j: Judged): boolean => j.decision !== j.serverDecision;

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
 * Writes judged scans in one statement, then the conflicts they open in one more (only when an
 * offline counter's verdict differs from the server's). A row the insert skipped lost a race with
 * another request: its nonce was recorded meanwhile (answered as stored), or its window was served
 * on another device meanwhile (the server now says already served; written again with that).
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
      const server = { decision: 'denied', reason: 'already_served' } as const;
      s.judged = {
        ...s.judged,
        ...counterVerdict(s.scan, server),
        serverDecision: 'denied',
        serverReason: server.reason,
      };
      // served by someone else, not by this scan: the conflict reads who
      const key =
        s.judged.student && s.judged.windowKey ? servedKey(s.judged.student.id, s.judged.windowKey) : '';
      if (served.get(key)?.nonce === s.scan.nonce.toLowerCase()) served.delete(key);
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
        serverDecision: judged.serverDecision,
        serverReason: judged.serverReason,
        student: judged.student
          ? { id: judged.student.id, name: judged.student.name, rollNumber: judged.student.rollNumber }
          : null,
        conflict: isConflict(judged),
        duplicate: false,
      },
    });
  }
  await openConflicts(tx, deviceId, recorded, served, ids);
  return recorded;
}

/** One `INSERT … SELECT FROM unnest(…)` for the whole batch; answers the stored ids by nonce. */
async function insertScans(tx: Ctx, deviceId: string, scans: JudgedScan[]): Promise<Map<string, string>> {
  const column = <T>(pick: (s: JudgedScan) => T) => scans.map(pick);
  const { rows } = await sql<{ id: string; nonce: string }>`
    insert into mess_scan (org_id, nonce, device_id, student_id, method, scanned_at, local_date, offline,
      local_decision, local_reason, decision, reason, server_decision, server_reason, meal_id, window_key,
      conflict, synced_by)
    select ${tx.orgId}, t.nonce, ${deviceId}, t.student_id, t.method, t.scanned_at, t.local_date, t.offline,
      t.local_decision, t.local_reason, t.decision, t.reason, t.server_decision, t.server_reason, t.meal_id,
      t.window_key, t.conflict, ${tx.actor.label}
    from unnest(
      ${column((s) => s.scan.nonce)}::uuid[], ${column((s) => s.judged.student?.id ?? null)}::uuid[],
      ${column((s) => s.judged.method)}::text[], ${column((s) => s.scan.scannedAt)}::timestamptz[],
      ${column((s) => s.judged.date)}::text[], ${column((s) => s.scan.offline)}::boolean[],
      ${column((s) => s.scan.localDecision ?? null)}::text[], ${column((s) => s.scan.localReason ?? null)}::text[],
      ${column((s) => s.judged.decision)}::text[], ${column((s) => s.judged.reason)}::text[],
      ${column((s) => s.judged.serverDecision)}::text[], ${column((s) => s.judged.serverReason)}::text[],
      ${column((s) => s.judged.mealId)}::uuid[], ${column((s) => s.judged.windowKey)}::text[],
      ${column((s) => isConflict(s.judged))}::boolean[]
    ) as t(nonce, student_id, method, scanned_at, local_date, offline, local_decision, local_reason,
           decision, reason, server_decision, server_reason, meal_id, window_key, conflict)
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
    const { student, windowKey, serverDecision, serverReason } = r.judged;
    // Served twice: the serving the server counted first is the conflict's first scan.
    const twice = student && windowKey && serverReason === 'already_served';
    const known = twice ? served.get(servedKey(student.id, windowKey)) : undefined;
    const first = known
      ? { id: known.id ?? ids.get(known.nonce ?? '') ?? null, device_id: known.deviceId }
      : twice
        ? await firstServed(tx, student.id, windowKey)
        : undefined;
    rows.push({
      student_id: student?.id ?? null,
      window_key: windowKey,
      first_scan_id: first?.id ?? null,
      first_device_id: first?.device_id ?? null,
      second_scan_id: r.id,
      second_device_id: deviceId,
      // The reason of the side that refused.
      reason: (serverDecision === 'denied' ? serverReason : r.judged.reason) ?? 'denied',
      counter_decision: r.judged.decision,
      server_decision: serverDecision,
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
    .where('conflict', '=', false)
    .executeTakeFirst();
}

async function storedResult(ctx: Ctx, nonce: string): Promise<ScanResult | undefined> {
  const row = await db(ctx)
    .selectFrom('mess_scan')
    .leftJoin('mess_student', 'mess_student.id', 'mess_scan.student_id')
    .select([
      'mess_scan.decision',
      'mess_scan.reason',
      'mess_scan.server_decision',
      'mess_scan.server_reason',
      'mess_scan.conflict',
      'mess_student.id as student_id',
      'mess_student.name',
      'mess_student.roll_number',
    ])
    .where('mess_scan.nonce', '=', nonce)
    .executeTakeFirst();
  return row ? storedScanResult(nonce, row) : undefined;
}
