import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { verifyPassOnline } from '../../core/pass-issuer/index.ts';
import { localMoment } from '../../core/time/index.ts';
import { MEAL_PASS_SUBJECT } from './meal-pass.ts';
import { decideScan } from './mess.rules.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { type LoadedMessFacts, loadMessFacts, loadStudents, type StudentRecord } from './mess-facts.ts';
import { queueScanReceipt } from './scan-receipts.ts';
import type { ScanBatch, ScanInput, ScanResult } from './scanner.contract.ts';
import { backupSpreadsheetOf } from './sheet-ownership.ts';
import { backupRows } from './sheets-backup.ts';

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

interface Judged {
  student: StudentRecord | null;
  method: 'pass' | 'roll';
  decision: 'allowed' | 'denied';
  reason: string | null;
  date: string;
  mealId: string | null;
  windowKey: string | null;
}

/**
 * Records a batch of scans from one device (online: one scan; offline sync: up to 500), each
 * exactly once: a nonce seen before answers its stored result with `duplicate: true`. Every scan is
 * judged again here at its ORIGINAL time with the server's facts, allowed or denied, and kept.
 * When a scan the device let through turns out to be refused (typically the same student served
 * in the same window on another device while offline), both scans stay and a conflict is opened
 * for a supervisor.
 */
export async function recordScans(ctx: Ctx, rt: MessRuntime, batch: ScanBatch): Promise<ScanResult[]> {
  const settings = await messSettingsOf(ctx);
  const facts = await loadMessFacts(ctx, settings.timeZone);
  const spreadsheetId = await backupSpreadsheetOf(ctx, rt, settings);
  const receipts = settings.scanReceipts ? { timeZone: settings.timeZone, meals: facts.meals } : null;
  // Earlier scans first: within a window the first one served is the one that counts.
  const order = batch.scans
    .map((scan, index) => ({ scan, index }))
    .sort((a, b) => Date.parse(a.scan.scannedAt) - Date.parse(b.scan.scannedAt));
  const results: ScanResult[] = new Array(batch.scans.length);
  for (const { scan, index } of order) {
    results[index] = await recordOneScan(ctx, rt, {
      deviceId: batch.deviceId,
      scan,
      facts,
      spreadsheetId,
      receipts,
    });
  }
  return results;
}

/** Scan receipts are on: what a receipt says (the meal's name, the local time). */
type Receipts = { timeZone: string; meals: LoadedMessFacts['meals'] } | null;

async function recordOneScan(
  ctx: Ctx,
  rt: MessRuntime,
  a: {
    deviceId: string;
    scan: ScanInput;
    facts: LoadedMessFacts;
    spreadsheetId: string | null;
    receipts: Receipts;
  },
): Promise<ScanResult> {
  const { scan } = a;
  // No look-up of the nonce first: the insert refuses a known nonce, and then its stored result answers.
  const started = performance.now();
  const judged = await judge(ctx, rt, a.facts, scan);
  rt.metrics?.scanVerification.observe({ method: judged.method }, (performance.now() - started) / 1000);
  // Only an offline scan the device allowed can open a conflict, and only a backup or a receipt
  // writes more: otherwise the scan is one row, inserted on its own (no transaction round trips).
  const single = !a.spreadsheetId && !a.receipts && !(scan.offline && scan.localDecision === 'allowed');
  return single
    ? insertJudged(ctx, rt, a, judged)
    : inTransaction(ctx, (tx) => insertJudged(tx, rt, a, judged));
}

async function insertJudged(
  tx: Ctx,
  rt: MessRuntime,
  a: { deviceId: string; scan: ScanInput; spreadsheetId: string | null; receipts: Receipts },
  judged: Judged,
): Promise<ScanResult> {
  const { scan } = a;
  {
    let row = await insertScan(tx, a.deviceId, scan, judged);
    if (!row) {
      const again = await storedResult(tx, scan.nonce);
      if (again) return again;
      // Another device was served in this window between our check and our insert.
      judged.decision = 'denied';
      judged.reason = 'already_served';
      row = await insertScan(tx, a.deviceId, scan, judged);
      if (!row) throw new Error('scan insert lost twice');
    }
    const conflict = servedTwiceOffline(scan, judged);
    if (conflict) await openConflict(tx, row.id, a.deviceId, judged);
    const meal = a.receipts?.meals.find((m) => m.id === judged.mealId);
    if (a.receipts && meal && judged.decision === 'allowed' && judged.student)
      await queueScanReceipt(tx, rt, {
        id: row.id,
        studentId: judged.student.id,
        mealName: meal.name,
        scannedAt: new Date(scan.scannedAt),
        timeZone: a.receipts.timeZone,
      });
    await backupRows(tx, rt, a.spreadsheetId, [
      {
        sheet: 'Scans',
        cells: [
          row.id,
          scan.scannedAt,
          a.deviceId,
          judged.student?.rollNumber ?? '',
          judged.windowKey ?? '',
          judged.decision,
          judged.reason ?? '',
          scan.offline,
          conflict,
        ],
      },
    ]);
    return {
      nonce: scan.nonce,
      decision: judged.decision,
      reason: judged.reason,
      student: studentRef(judged.student),
      conflict,
      duplicate: false,
    };
  }
}

async function judge(ctx: Ctx, rt: MessRuntime, facts: LoadedMessFacts, scan: ScanInput): Promise<Judged> {
  const at = new Date(scan.scannedAt);
  const base = { date: localMoment(at, facts.timeZone).date, mealId: null, windowKey: null };
  const method = scan.code !== undefined ? 'pass' : 'roll';
  let student: StudentRecord | undefined;
  if (scan.code !== undefined) {
    const verified = await verifyPassOnline(ctx, scan.code, rt.passKeys);
    const subject = 'pass' in verified ? verified.pass.subject : undefined;
    if (subject?.type === MEAL_PASS_SUBJECT && /^[0-9a-f-]{36}$/.test(subject.id))
      [student] = await loadStudents(ctx, facts.cycleTerms, { ids: [subject.id] });
    if (!verified.ok)
      return {
        ...base,
        method,
        student: student ?? null,
        decision: 'denied',
        reason: `pass_${verified.reason}`,
      };
  } else if (scan.rollNumber !== undefined) {
    [student] = await loadStudents(ctx, facts.cycleTerms, {
      rollNumber: scan.rollNumber.trim().toUpperCase(),
    });
  }
  if (!student) return { ...base, method, student: null, decision: 'denied', reason: 'unknown_student' };
  const first = decideScan({ at, facts, student, alreadyServed: () => false });
  let decision = first;
  if (first.decision === 'allowed') {
    const served = await db(ctx)
      .selectFrom('mess_scan')
      .select('id')
      .where('student_id', '=', student.id)
      .where('window_key', '=', first.windowKey)
      .where('decision', '=', 'allowed')
      .executeTakeFirst();
    if (served) decision = decideScan({ at, facts, student, alreadyServed: (k) => k === first.windowKey });
  }
  return {
    method,
    student,
    decision: decision.decision,
    reason: decision.reason,
    date: decision.date,
    mealId: decision.mealId,
    windowKey: decision.windowKey,
  };
}

/** Inserts the scan unless its nonce is known or (allowed) the window was served meanwhile. */
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

async function insertScan(tx: Ctx, deviceId: string, scan: ScanInput, j: Judged) {
  return db(tx)
    .insertInto('mess_scan')
    .values({
      nonce: scan.nonce,
      device_id: deviceId,
      student_id: j.student?.id ?? null,
      method: j.method,
      scanned_at: new Date(scan.scannedAt),
      local_date: j.date,
      offline: scan.offline,
      local_decision: scan.localDecision ?? null,
      local_reason: scan.localReason ?? null,
      decision: j.decision,
      reason: j.reason,
      meal_id: j.mealId,
      window_key: j.windowKey,
      conflict: servedTwiceOffline(scan, j),
      synced_by: tx.actor.label,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
}

async function openConflict(tx: Ctx, scanId: string, deviceId: string, j: Judged): Promise<void> {
  const first = j.windowKey
    ? await db(tx)
        .selectFrom('mess_scan')
        .select(['id', 'device_id'])
        .where('student_id', '=', j.student!.id)
        .where('window_key', '=', j.windowKey)
        .where('decision', '=', 'allowed')
        .executeTakeFirst()
    : undefined;
  await db(tx)
    .insertInto('mess_scan_conflict')
    .values({
      student_id: j.student!.id,
      window_key: j.windowKey,
      first_scan_id: first?.id ?? null,
      first_device_id: first?.device_id ?? null,
      second_scan_id: scanId,
      second_device_id: deviceId,
      reason: j.reason ?? 'denied',
    })
    .execute();
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

const studentRef = (s: StudentRecord | null) =>
  s ? { id: s.id, name: s.name, rollNumber: s.rollNumber } : null;
