import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { continueBatchedRun, startBatchedRun } from '../../core/jobs/index.ts';
import { enqueueNotification, messageOutcomes } from '../../core/notifications/index.ts';
import { issuePass } from '../../core/pass-issuer/index.ts';
import { sql } from '../../platform/db/index.ts';
import { MEAL_PASS_SUBJECT } from './meal-pass.ts';
import { MessErrors } from './mess.errors.ts';
import { passRenewedTemplate, studentAddress } from './mess.notifications.ts';
import { passRunJob } from './mess.queue.ts';
import type { MessRuntime } from './mess.runtime.ts';
import type { MessTables } from './mess.tables.ts';

/** Students one step of a run re-signs (each in its own transaction). */
export const PASS_RUN_BATCH = 25;

export interface PassRunView {
  id: string;
  status: 'running' | 'done';
  /** Approved students when the run started. */
  total: number;
  /** Students whose pass this run signed again (the progress). */
  done: number;
  /** Of those, the key the new passes are signed with (the newest first). */
  keyIds: string[];
  /** Pass messages by their state in the outbox; students without Telegram count as `noChat`. */
  sent: number;
  pending: number;
  failed: number;
  noChat: number;
  startedBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

const tables = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/** Approved students this run has not re-signed yet (raw SQL: the org filter is written here). */
const notYetRenewed = (ctx: Ctx, runId: string | null) => sql`
  from mess_student s
  where s.org_id = ${ctx.orgId} and s.status = 'approved'
    and not exists (select 1 from mess_pass_delivery d
      where d.org_id = s.org_id and d.run_id = ${runId}::uuid and d.student_id = s.id)`;

/**
 * Starts regenerating every approved student's meal pass with the organization's current pass key
 * (after `POST /api/passes/keys/rotate`): each gets the new pass on Telegram, in steps of a job.
 * Earlier passes keep working until the old key is retired, so nobody is turned away meanwhile.
 * A run already going is returned instead of a second one.
 */
export async function startPassRun(ctx: Ctx, rt: Pick<MessRuntime, 'jobs'>): Promise<PassRunView> {
  return startBatchedRun(ctx, {
    table: 'mess_pass_run',
    lock: { type: 'mess.pass-run', id: ctx.orgId },
    count: async (tx) =>
      Number(
        (await sql<{ n: string }>`select count(*) as n ${notYetRenewed(tx, null)}`.execute(tx.db)).rows[0]!.n,
      ),
    view: getPassRun,
    started: (tx, runId, view) =>
      recordAudit(tx, {
        action: 'mess.pass_run.started',
        subject: { type: 'mess_pass_run', id: runId },
        after: { total: view.total },
      }),
    job: passRunJob,
    jobs: rt.jobs,
  });
}

/**
 * One step of a run: signs a new pass for up to `batch` approved students the run has not reached,
 * each in its own transaction under the student's row lock (the delivery row and the queued
 * message commit together, so a retried or parallel step skips them), then says whether more
 * remain. Ends the run when none do.
 */
export async function continuePassRun(
  ctx: Ctx,
  rt: Pick<MessRuntime, 'jobs' | 'secretKey'>,
  runId: string,
  batch = PASS_RUN_BATCH,
): Promise<'more' | 'done'> {
  return continueBatchedRun(
    ctx,
    {
      table: 'mess_pass_run',
      runId,
      notFound: () => MessErrors.pass_run_not_found({ runId }),
      nextItems: async (ctx, _run, limit) =>
        (
          await sql<{ id: string }>`select s.id ${notYetRenewed(ctx, runId)}
            order by s.id limit ${limit}`.execute(ctx.db)
        ).rows.map((r) => r.id),
      doItem: (tx, _run, studentId) => renewOne(tx, rt, runId, studentId),
      finished: async (tx) =>
        recordAudit(tx, {
          action: 'mess.pass_run.finished',
          subject: { type: 'mess_pass_run', id: runId },
          after: await getPassRun(tx, runId),
        }),
    },
    batch,
  );
}

/** Signs one student's new pass and queues it, in the caller's transaction (the step's, per student). */
async function renewOne(
  tx: Ctx,
  rt: Pick<MessRuntime, 'jobs' | 'secretKey'>,
  runId: string,
  studentId: string,
) {
  const student = await tables(tx)
    .selectFrom('mess_student')
    .select(['id', 'name', 'status', 'telegram_id', 'language', 'contact_id'])
    .where('id', '=', studentId)
    .forUpdate()
    .executeTakeFirst();
  const done = await tables(tx)
    .selectFrom('mess_pass_delivery')
    .select('student_id')
    .where('run_id', '=', runId)
    .where('student_id', '=', studentId)
    .executeTakeFirst();
  if (student?.status !== 'approved' || done) return;
  const secretKey = rt.secretKey;
  const pass = await issuePass(tx, { secretKey, subject: { type: MEAL_PASS_SUBJECT, id: student.id } });
  const notification = student.telegram_id
    ? await enqueueNotification(tx, rt.jobs, {
        channel: 'telegram',
        to: student.telegram_id,
        contactId: student.contact_id,
        template: passRenewedTemplate,
        data: { name: student.name, pass: pass.code },
        // The language they chose last (their contact's), else the one they registered in.
        locale: (await studentAddress(tx, student.id))?.language ?? student.language,
        secretKey,
        idempotencyKey: `mess:pass-run:${runId}:${student.id}`,
      })
    : null;
  await tables(tx)
    .insertInto('mess_pass_delivery')
    .values({
      run_id: runId,
      student_id: student.id,
      notification_id: notification?.notification.id ?? null,
      key_id: pass.keyId,
    })
    .execute();
}

/** A run with its progress and the pass messages' states in the outbox. */
export async function getPassRun(ctx: Ctx, id: string): Promise<PassRunView> {
  const run = await tables(ctx)
    .selectFrom('mess_pass_run')
    .select(['id', 'status', 'total', 'started_by', 'created_at', 'finished_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!run) throw MessErrors.pass_run_not_found({ runId: id });
  const rows = await sql<{ notification_id: string | null; key_id: string }>`
    select d.notification_id, d.key_id
    from mess_pass_delivery d
    where d.org_id = ${ctx.orgId} and d.run_id = ${id}::uuid
    order by d.created_at desc`.execute(ctx.db);
  // Each pass message as the outbox tells it (core/notifications' one meaning of lost).
  const chatIds = rows.rows.flatMap((r) => r.notification_id ?? []);
  const outcomes = [...(await messageOutcomes(ctx, chatIds)).values()];
  const failed = outcomes.filter((c) => c.outcome === 'lost').length;
  const sent = outcomes.filter((c) => c.status === 'sent' && c.outcome !== 'lost').length;
  return {
    id: run.id,
    status: run.status,
    total: run.total,
    done: rows.rows.length,
    keyIds: [...new Set(rows.rows.map((r) => r.key_id))],
    sent,
    failed,
    pending: chatIds.length - sent - failed,
    noChat: rows.rows.length - chatIds.length,
    startedBy: run.started_by,
    createdAt: run.created_at,
    finishedAt: run.finished_at,
  };
}

/** The organization's latest run, or null before the first. */
export async function latestPassRun(ctx: Ctx): Promise<PassRunView | null> {
  const latest = await tables(ctx)
    .selectFrom('mess_pass_run')
    .select('id')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return latest ? getPassRun(ctx, latest.id) : null;
}
