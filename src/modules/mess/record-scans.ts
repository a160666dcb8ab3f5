import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { verifyPassSignature, withCurrentVersion } from '../../core/pass-issuer/index.ts';
import type { PassVerification } from '../../core/passes/index.ts';
import { localMoment } from '../../core/time/index.ts';
import type { FieldIssue } from '../../platform/errors/index.ts';
import { checkLegacyPasses } from './legacy-passes.ts';
import { MEAL_PASS_SUBJECT } from './meal-pass.ts';
import { MessErrors } from './mess.errors.ts';
import { decideScan, mealAt, windowKeyOf } from './mess.rules.ts';
import type { MessRuntime } from './mess.runtime.ts';
import type { StudentRecord } from './mess-facts.ts';
import { loadScanFacts, type ScanFacts, servedKey } from './scan-facts.ts';
import { readScan, unreadableResult } from './scan-input.rules.ts';
import { counterVerdict, type Judged, type JudgedScan, recordJudged } from './scan-log.ts';
import { queueScanReceipt } from './scan-receipts.ts';
import type { ScanBatch, ScanInput, ScanResult } from './scanner.contract.ts';
import { backupSpreadsheetOf } from './sheet-ownership.ts';
import { backupRows } from './sheets-backup.ts';

/** A scan with its pass's signature checked in the app (no query while the key cache knows the key). */
interface CheckedScan {
  index: number;
  scan: ScanInput;
  nonce: string;
  pass: PassVerification | null;
  /** The original system's pass, checked by the transition's rules (legacy-passes.ts). */
  legacy?: boolean;
}

/**
 * Records a batch of scans from one device (online: one scan; offline sync: up to 500), each
 * exactly once: a nonce seen before answers its stored result with `duplicate: true`. Every scan is
 * judged again here at its ORIGINAL time with the server's facts. A scan an offline phone decided
 * records the phone's verdict (the student was served or turned away on it) beside the server's;
 * where they differ (a stale snapshot, the same student served on another offline phone) a conflict
 * is opened for a supervisor (issue 40, item 7). A batch with a scan dated in the future or before
 * its pass was issued is refused whole, naming those scans (`refuseImpossibleTimes`). A code in
 * the original system's format is checked by the transition's rules (`checkLegacyPasses`) and its
 * scan recorded as `legacy`.
 *
 * Round trips (issue 29): one statement reads every fact the batch is judged by, the rules run in
 * the app, and one statement writes the whole batch (`INSERT … SELECT FROM unnest(…)`). A batch is
 * kept whole or not at all; the scanner resends what was not acknowledged, and nonces make that safe.
 * A scan no pass or roll number can be (`readScan`: a reader's run-on) is answered refused on its own
 * and recorded nowhere, so one bad input never holds up the batch.
 */
export async function recordScans(ctx: Ctx, rt: MessRuntime, batch: ScanBatch): Promise<ScanResult[]> {
  const results: ScanResult[] = new Array(batch.scans.length);
  const readable: { index: number; scan: ScanInput }[] = [];
  batch.scans.forEach((scan, index) => {
    const read = readScan(scan);
    if (read) readable.push({ index, scan: read });
    else results[index] = unreadableResult(scan);
  });
  if (readable.length) {
    const recorded = await recordReadable(ctx, rt, { ...batch, scans: readable.map((r) => r.scan) });
    recorded.forEach((result, i) => {
      results[readable[i]!.index] = result;
    });
  }
  return results;
}

async function recordReadable(ctx: Ctx, rt: MessRuntime, batch: ScanBatch): Promise<ScanResult[]> {
  const legacy = await checkLegacyPasses(
    ctx,
    rt,
    batch.scans.map((s) => ({ code: s.code ?? '', scannedAt: s.scannedAt })),
  );
  const checked = await Promise.all(
    batch.scans.map((scan, index): Promise<CheckedScan> | CheckedScan =>
      legacy.has(index)
        ? { index, scan, nonce: scan.nonce.toLowerCase(), pass: legacy.get(index)!.pass, legacy: true }
        : checkScan(ctx, rt, scan, index),
    ),
  );
  refuseImpossibleTimes(checked, ctx.clock.now());
  const known = await loadScanFacts(ctx, questionsOf(checked));
  // Earlier scans first: within a window the first one served is the one that counts.
  const order = [...checked].sort((a, b) => Date.parse(a.scan.scannedAt) - Date.parse(b.scan.scannedAt));
  const results: ScanResult[] = new Array(batch.scans.length);
  const fresh: JudgedScan[] = [];
  const firstOfNonce = new Map<string, CheckedScan>();
  const repeats: CheckedScan[] = [];
  for (const c of order) {
    const stored = known.stored.get(c.nonce);
    if (stored) results[c.index] = { ...stored, nonce: c.scan.nonce };
    else if (firstOfNonce.has(c.nonce)) repeats.push(c);
    else {
      firstOfNonce.set(c.nonce, c);
      fresh.push({ index: c.index, scan: c.scan, judged: judge(c, known, batch.deviceId) });
    }
  }
  if (fresh.length) {
    const written = await writeScans(ctx, rt, batch.deviceId, fresh, known);
    for (const [index, result] of written) results[index] = result;
  }
  // The same nonce twice in one batch: the first is the scan, the rest are its repeats.
  for (const c of repeats)
    results[c.index] = {
      ...results[firstOfNonce.get(c.nonce)!.index]!,
      nonce: c.scan.nonce,
      duplicate: true,
    };
  return results;
}

async function checkScan(ctx: Ctx, rt: MessRuntime, scan: ScanInput, index: number): Promise<CheckedScan> {
  const nonce = scan.nonce.toLowerCase();
  if (scan.code === undefined) return { index, scan, nonce, pass: null };
  const started = performance.now();
  // At the scan's own time, as the phone checked it: a pass issued after it is `not_yet_valid`.
  const pass = await verifyPassSignature(ctx, scan.code, rt.passKeys, new Date(scan.scannedAt));
  rt.metrics?.scanVerification.observe({ method: 'pass' }, (performance.now() - started) / 1000);
  return { index, scan, nonce, pass };
}

/** How far ahead of the server a scan may be dated: a scanner further off corrects its clock (scanner-app/app.ts). */
const CLOCK_TOLERANCE_MS = 2 * 60_000;

/**
 * A scan dated after now, or before its pass was issued (the phone's own check says
 * `not_yet_valid`), did not happen when it says: the phone's clock was wrong, and that time would
 * decide its meal window. Nothing of the batch is kept; each such scan is named so the scanner sets
 * it aside and sends the rest again.
 */
function refuseImpossibleTimes(checked: CheckedScan[], now: Date): void {
  const latest = new Date(now.getTime() + CLOCK_TOLERANCE_MS);
  const fields: FieldIssue[] = [];
  for (const { index, scan, pass } of checked) {
    const field = `body.scans.${index}.scannedAt`;
    if (Date.parse(scan.scannedAt) > latest.getTime())
      fields.push({
        field,
        code: 'in_future',
        message: `is after the server's time (${now.toISOString()})`,
        expected: `at most ${latest.toISOString()}`,
      });
    else if (pass && !pass.ok && pass.reason === 'not_yet_valid' && 'pass' in pass)
      fields.push({
        field,
        code: 'before_pass_issued',
        message: `is before the pass was issued (${pass.pass.issuedAt.toISOString()})`,
        expected: `at or after ${pass.pass.issuedAt.toISOString()}, as the scanner checks it`,
      });
  }
  if (fields.length)
    throw MessErrors.scan_time_impossible(
      { count: fields.length, nonces: fields.map((f) => checked[Number(f.field.split('.')[2])]!.scan.nonce) },
      { message: fields.map((f) => `${f.field} ${f.message}`).join('; '), fields },
    );
}

const passStudentId = (pass: PassVerification | null) => {
  const subject = pass && 'pass' in pass ? pass.pass.subject : undefined;
  return subject?.type === MEAL_PASS_SUBJECT && /^[0-9a-f-]{36}$/.test(subject.id) ? subject.id : undefined;
};

function questionsOf(checked: CheckedScan[]) {
  const times = checked.map((c) => Date.parse(c.scan.scannedAt));
  return {
    studentIds: checked.map((c) => passStudentId(c.pass)).filter((id) => id !== undefined),
    rollNumbers: checked.flatMap((c) =>
      c.scan.code === undefined && c.scan.rollNumber !== undefined ? [rollOf(c.scan.rollNumber)] : [],
    ),
    subjects: checked.flatMap((c) => (c.pass?.ok ? [c.pass.pass.subject] : [])),
    nonces: checked.map((c) => c.nonce),
    from: new Date(Math.min(...times)),
    to: new Date(Math.max(...times)),
  };
}

const rollOf = (typed: string) => typed.trim().toUpperCase();

type ServerVerdict = Omit<Judged, 'serverDecision' | 'serverReason'>;

/**
 * The server's rules at the scan's own time, against the facts read and the windows served so far,
 * and the verdict the scan records (`counterVerdict`). A scan the counter let through is served in
 * the meal it was made in even where the server would have refused it earlier in its rules.
 */
function judge(c: CheckedScan, known: ScanFacts, deviceId: string): Judged {
  const server = serverVerdict(c, known);
  const counted = counterVerdict(c.scan, server);
  const judged: Judged = {
    ...server,
    ...counted,
    serverDecision: server.decision,
    serverReason: server.reason,
  };
  if (judged.decision === 'allowed' && judged.windowKey === null) {
    const now = localMoment(new Date(c.scan.scannedAt), known.facts.timeZone);
    const meal = mealAt(known.facts.meals, now.weekday, now.minutes);
    if (meal) Object.assign(judged, { mealId: meal.id, windowKey: windowKeyOf(now.date, meal.id) });
  }
  // Served now: a later scan of this batch in the same window is refused as already served.
  const key = judged.student && judged.windowKey ? servedKey(judged.student.id, judged.windowKey) : undefined;
  if (judged.decision === 'allowed' && key && !known.served.has(key))
    known.served.set(key, { nonce: c.nonce, deviceId });
  return judged;
}

function serverVerdict(c: CheckedScan, known: ScanFacts): ServerVerdict {
  const { facts } = known;
  const at = new Date(c.scan.scannedAt);
  const base = { date: localMoment(at, facts.timeZone).date, mealId: null, windowKey: null };
  const method = c.legacy ? 'legacy' : c.scan.code !== undefined ? 'pass' : 'roll';
  let student: StudentRecord | undefined;
  if (c.pass) {
    const id = passStudentId(c.pass);
    student = id === undefined ? undefined : known.students.find((s) => s.id === id);
    const verified = c.pass.ok
      ? withCurrentVersion(c.pass, known.passVersion(c.pass.pass.subject.type, c.pass.pass.subject.id))
      : c.pass;
    if (!verified.ok)
      return {
        ...base,
        method,
        student: student ?? null,
        decision: 'denied',
        reason: `pass_${verified.reason}`,
      };
  } else if (c.scan.rollNumber !== undefined) {
    const roll = rollOf(c.scan.rollNumber);
    student = known.students.find((s) => s.rollNumber === roll);
  }
  if (!student) return { ...base, method, student: null, decision: 'denied', reason: 'unknown_student' };
  const decision = decideScan({
    at,
    facts,
    student,
    alreadyServed: (windowKey) => known.served.has(servedKey(student.id, windowKey)),
  });
  return { method, student, ...decision };
}

/** Receipts, a backup sheet or a possible conflict write more than the scans: then one transaction. */
async function writeScans(
  ctx: Ctx,
  rt: MessRuntime,
  deviceId: string,
  fresh: JudgedScan[],
  known: ScanFacts,
): Promise<Map<number, ScanResult>> {
  const spreadsheetId = await backupSpreadsheetOf(ctx, rt, known.settings);
  const receipts = known.settings.scanReceipts;
  const mayConflict = fresh.some((f) => f.scan.offline && f.scan.localDecision !== undefined);
  const write = async (tx: Ctx) => {
    const recorded = await recordJudged(tx, deviceId, fresh, known.served);
    const written = recorded.filter((r) => !r.result.duplicate);
    if (receipts)
      for (const r of written) {
        const meal = known.facts.meals.find((m) => m.id === r.judged.mealId);
        if (meal && r.judged.decision === 'allowed' && r.judged.student)
          await queueScanReceipt(tx, rt, {
            id: r.id,
            studentId: r.judged.student.id,
            mealName: meal.name,
            scannedAt: new Date(r.scan.scannedAt),
            timeZone: known.facts.timeZone,
          });
      }
    await backupRows(
      tx,
      rt,
      spreadsheetId,
      written.map((r) => ({
        sheet: 'Scans' as const,
        cells: [
          r.id,
          r.scan.scannedAt,
          deviceId,
          r.judged.student?.rollNumber ?? '',
          r.judged.windowKey ?? '',
          r.judged.decision,
          r.judged.reason ?? '',
          r.scan.offline,
          r.result.conflict,
        ],
      })),
    );
    return new Map(recorded.map((r) => [r.index, r.result]));
  };
  return spreadsheetId || receipts || mayConflict ? inTransaction(ctx, write) : write(ctx);
}
