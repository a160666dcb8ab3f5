import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import {
  getOrganization,
  openSetting,
  type PresentedSecret,
  presentSettings,
  updateOrganization,
} from '../../core/orgs/index.ts';
import type { PassVerification } from '../../core/passes/index.ts';
import { localMoment } from '../../core/time/index.ts';
import { sql } from '../../platform/db/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { judgeLegacyPass, type LegacyStudent, parseLegacyPass } from './legacy-passes.rules.ts';
import { MEAL_PASS_SUBJECT } from './meal-pass.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { parseMessSettings } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';

/**
 * The original system's `QR_SECRET`: a secret setting (sealed at rest, write-only, `{ set, last4 }`
 * when shown), declared by the module so `opsdesk rotate-secret-key` re-seals it.
 */
export const LEGACY_QR_SECRET = 'mess.legacyQrSecret';
const SECRET_KEY_IN_MESS = 'legacyQrSecret';

const tables = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/** A scanned code checked as the original's pass: what the scan is judged by, and that it is one. */
export interface LegacyCheck {
  pass: PassVerification;
}

/**
 * Checks the scanned codes that have the original's shape (`v|id|issued|nonce|hmac`) against the
 * old secret and the owner's last day, in the organization's calendar at each scan's own time.
 * Reads nothing when no code has that shape. An accepted pass becomes a meal pass of the student it
 * was brought over for, at the pass version recorded then: a pass re-issued here since revokes it.
 */
export async function checkLegacyPasses(
  ctx: Ctx,
  rt: Pick<MessRuntime, 'secretKey'>,
  scans: ReadonlyArray<{ code: string; scannedAt: string }>,
): Promise<Map<number, LegacyCheck>> {
  const parsed = scans.map((s) => parseLegacyPass(s.code));
  const checks = new Map<number, LegacyCheck>();
  if (!parsed.some(Boolean)) return checks;
  const org = await getOrganization(ctx);
  const settings = parseMessSettings(org.settings.mess);
  const qrSecret = legacySecretOf(org.settings, rt.secretKey);
  const students = await legacyStudents(ctx, [...new Set(parsed.flatMap((p) => (p ? [p.legacyId] : [])))]);
  parsed.forEach((pass, index) => {
    if (!pass) return;
    const at = new Date(scans[index]!.scannedAt);
    const student = students.get(pass.legacyId);
    const verdict = judgeLegacyPass(pass, {
      qrSecret,
      until: settings.legacyPassesUntil,
      localDate: localMoment(at, org.timeZone).date,
      student,
    });
    const claims = (s: LegacyStudent | undefined) => ({
      formatVersion: 0,
      keyId: 'legacy',
      // An authentic pass of a student not brought over names nobody here: `unknown_student`.
      subject: { type: MEAL_PASS_SUBJECT, id: s?.studentId ?? '' },
      passVersion: s?.passVersion ?? 1,
      issuedAt: pass.issuedAt,
      expiresAt: undefined,
    });
    if (verdict.ok) checks.set(index, { pass: { ok: true, pass: claims(verdict.student) } });
    else if (verdict.reason === 'malformed')
      return; // the organization takes no old passes: as before
    else if (verdict.reason === 'bad_signature')
      checks.set(index, { pass: { ok: false, reason: verdict.reason } });
    else checks.set(index, { pass: { ok: false, reason: verdict.reason, pass: claims(verdict.student) } });
  });
  return checks;
}

function legacySecretOf(settings: Record<string, unknown>, secretKey: string): string | undefined {
  const stored = (settings.mess as Record<string, unknown> | undefined)?.[SECRET_KEY_IN_MESS];
  return openSetting(stored, LEGACY_QR_SECRET, secretKey);
}

async function legacyStudents(ctx: Ctx, legacyIds: string[]): Promise<Map<string, LegacyStudent>> {
  if (!legacyIds.length) return new Map();
  const rows = await tables(ctx)
    .selectFrom('mess_legacy_pass')
    .select(['legacy_id', 'student_id', 'nonce', 'qr_version', 'pass_version'])
    .where('legacy_id', 'in', legacyIds)
    .execute();
  return new Map(
    rows.map((r) => [
      r.legacy_id,
      { studentId: r.student_id, nonce: r.nonce, qrVersion: r.qr_version, passVersion: r.pass_version },
    ]),
  );
}

/** The original's student, as the import (or the owner) brings it over: its id, nonce and version there. */
export interface LegacyStudentInput {
  legacyId: string;
  /** The student here: by id, or by the roll number kept from the original. */
  studentId?: string;
  rollNumber?: string;
  nonce: string;
  qrVersion: number;
}

/**
 * Remembers which student here each original student id is, with the nonce and version its pass
 * carries; safe to run again (a row is replaced). Students named by a roll number not found here
 * are answered as `missing` and nothing of the batch is written. The import (`opsdesk import mess`)
 * records every student it brings over itself (`rememberLegacyStudents`): this call stays for
 * clients that linked students by hand before it did.
 */
export async function recordLegacyStudents(
  ctx: Ctx,
  rows: ReadonlyArray<LegacyStudentInput>,
): Promise<{ recorded: number }> {
  return inTransaction(ctx, async (tx) => {
    const rolls = rows.flatMap((r) => (r.studentId ? [] : [r.rollNumber?.trim().toUpperCase() ?? '']));
    const ids = rows.flatMap((r) => (r.studentId ? [r.studentId] : []));
    const found = await tables(tx)
      .selectFrom('mess_student')
      .select(['id', 'roll_number'])
      .where((eb) =>
        eb.or([
          ...(rolls.length ? [eb('roll_number', 'in', rolls)] : []),
          ...(ids.length ? [eb('id', 'in', ids)] : []),
          eb.val(false),
        ]),
      )
      .execute();
    const byRoll = new Map(found.map((s) => [s.roll_number, s.id]));
    const byId = new Set(found.map((s) => s.id));
    const missing: number[] = [];
    const resolved = rows.map((r, i) => {
      const id = r.studentId
        ? byId.has(r.studentId)
          ? r.studentId
          : undefined
        : byRoll.get(r.rollNumber?.trim().toUpperCase() ?? '');
      if (!id) missing.push(i);
      return { ...r, studentId: id ?? '' };
    });
    if (missing.length)
      throw PlatformErrors.validation_failed(
        {},
        {
          message: `${missing.length} student(s) not found here`,
          fields: missing.map((i) => ({
            field: `body.students.${i}.${rows[i]!.studentId ? 'studentId' : 'rollNumber'}`,
            code: 'not_found',
            message: 'names no student of this organization',
            expected: 'a student imported or registered here',
          })),
        },
      );
    if (!resolved.length) return { recorded: 0 };
    // Linked by hand: each row takes the student's pass version here now.
    await rememberLegacyStudents(tx, resolved, { passVersionNow: true });
    await recordAudit(tx, {
      action: 'mess.legacy_pass.students_recorded',
      subject: { type: 'organization', id: tx.orgId },
      after: { count: resolved.length },
    });
    return { recorded: resolved.length };
  });
}

/** The transition as the console shows it: the old secret (never its value), the last day, the counts. */
export interface LegacyPassesView {
  qrSecret: PresentedSecret;
  until: string | null;
  /** Whether old passes open the mess today. */
  active: boolean;
  students: number;
  /** Scans of old passes so far, and the last one. */
  scans: number;
  lastScanAt: string | null;
}

export async function legacyPassesOf(
  ctx: Ctx,
  rt: Pick<MessRuntime, 'secretKey'>,
): Promise<LegacyPassesView> {
  const org = await getOrganization(ctx);
  const settings = parseMessSettings(org.settings.mess);
  const secret = legacySecretOf(org.settings, rt.secretKey);
  const [students, scans] = await Promise.all([
    tables(ctx)
      .selectFrom('mess_legacy_pass')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    tables(ctx)
      .selectFrom('mess_scan')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('scanned_at').as('last')])
      .where('method', '=', 'legacy')
      .executeTakeFirstOrThrow(),
  ]);
  const today = localMoment(ctx.clock.now(), org.timeZone).date;
  const until = settings.legacyPassesUntil;
  return {
    qrSecret: (presentSettings(org.settings, [LEGACY_QR_SECRET]).mess as Record<string, PresentedSecret>)[
      SECRET_KEY_IN_MESS
    ]!,
    until,
    active: Boolean(secret && (!until || today <= until)),
    students: Number(students.n),
    scans: Number(scans.n),
    lastScanAt: scans.last ? new Date(scans.last as Date).toISOString() : null,
  };
}

/**
 * The owner sets (or clears, with null) the old `QR_SECRET` and the last day old passes open the
 * mess. The secret is sealed before it reaches SQL and the change is audited with it shown as
 * `{ set, last4 }` (the orgs area's update).
 */
export async function changeLegacyPasses(
  ctx: Ctx,
  rt: Pick<MessRuntime, 'secretKey'>,
  input: { qrSecret?: string | null; until?: string | null },
): Promise<LegacyPassesView> {
  await inTransaction(ctx, async (tx) => {
    const org = await getOrganization(tx, { forUpdate: true });
    const { [SECRET_KEY_IN_MESS]: _kept, ...mess } =
      (org.settings.mess as Record<string, unknown> | undefined) ?? {};
    await updateOrganization(
      tx,
      {
        settings: {
          mess: {
            ...mess,
            ...(input.until !== undefined ? { legacyPassesUntil: input.until } : {}),
            ...(input.qrSecret !== undefined ? { [SECRET_KEY_IN_MESS]: input.qrSecret } : {}),
          },
        },
      },
      { paths: [LEGACY_QR_SECRET], key: rt.secretKey },
    );
  });
  return legacyPassesOf(ctx, rt);
}

/** `organization.settings.mess` keeps the old secret through a change of the other mess settings. */
export function withLegacySecret(stored: unknown, next: Record<string, unknown>): Record<string, unknown> {
  const kept = (stored as Record<string, unknown> | undefined)?.[SECRET_KEY_IN_MESS];
  return kept === undefined ? next : { ...next, [SECRET_KEY_IN_MESS]: kept };
}

/**
 * Ties original student ids to students here, in the caller's transaction (the import's batch): a
 * new row takes the student's pass version here (a pass re-issued here since revokes the old QR), a
 * known one takes the nonce and version the original holds now (a pass regenerated there) and keeps
 * its pass version unless `passVersionNow`.
 */
export async function rememberLegacyStudents(
  tx: Ctx,
  rows: ReadonlyArray<{ legacyId: string; studentId: string; nonce: string; qrVersion: number }>,
  options: { passVersionNow?: boolean } = {},
): Promise<void> {
  if (!rows.length) return;
  const { rows: versions } = await sql<{ subject_id: string; version: number }>`
    select subject_id, version from v_passes_subject
    where org_id = ${tx.orgId} and subject_type = ${MEAL_PASS_SUBJECT}
      and subject_id = any(${rows.map((r) => r.studentId)}::text[])`.execute(tx.db);
  const versionOf = new Map(versions.map((v) => [v.subject_id, v.version]));
  await tables(tx)
    .insertInto('mess_legacy_pass')
    .values(
      rows.map((r) => ({
        legacy_id: r.legacyId.toLowerCase(),
        student_id: r.studentId,
        nonce: r.nonce,
        qr_version: r.qrVersion,
        pass_version: versionOf.get(r.studentId) ?? 1,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['org_id', 'legacy_id']).doUpdateSet((eb) => ({
        student_id: eb.ref('excluded.student_id'),
        nonce: eb.ref('excluded.nonce'),
        qr_version: eb.ref('excluded.qr_version'),
        ...(options.passVersionNow ? { pass_version: eb.ref('excluded.pass_version') } : {}),
      })),
    )
    .execute();
}

/**
 * Keeps the original's QR_SECRET as the organization's old secret (sealed) when it is not already
 * the one kept, in the caller's transaction: old passes open the mess from then on (no last day
 * until the owner sets one). Answers whether it changed anything.
 */
export async function adoptLegacySecret(
  tx: Ctx,
  rt: Pick<MessRuntime, 'secretKey'>,
  qrSecret: string,
): Promise<boolean> {
  const org = await getOrganization(tx, { forUpdate: true });
  if (legacySecretOf(org.settings, rt.secretKey) === qrSecret) return false;
  const { [SECRET_KEY_IN_MESS]: _kept, ...mess } =
    (org.settings.mess as Record<string, unknown> | undefined) ?? {};
  await updateOrganization(
    tx,
    { settings: { mess: { ...mess, [SECRET_KEY_IN_MESS]: qrSecret } } },
    { paths: [LEGACY_QR_SECRET], key: rt.secretKey },
  );
  return true;
}
