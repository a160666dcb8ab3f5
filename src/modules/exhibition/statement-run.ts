import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { continueBatchedRun, startBatchedRun } from '../../core/jobs/index.ts';
import { sql } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { lockCustomers } from './customer-merge.ts';
import { type EmailRow, emailProgress, emailsOf } from './email-outcomes.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import { statementRunJob } from './exhibition.queue.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';
import { getExhibition } from './exhibitions.ts';
import { emailStatement } from './statements.ts';

/** Customers one step of a run e-mails (each in its own transaction). */
export const STATEMENT_BATCH = 25;

export interface StatementRunView {
  id: string;
  exhibitionId: string;
  status: 'running' | 'done';
  /** Customers without a statement when the run started. */
  total: number;
  /** Statements queued by this run so far (the progress). */
  queued: number;
  /** Of those, by the e-mail's state in the outbox. */
  sent: number;
  /** Queued, sending, or failed once and waiting for the outbox's next retry. */
  pending: number;
  /** Given up (dead after the retries) or undeliverable: the report of failures. */
  failed: number;
  failures: Array<{ customerId: string; name: string; email: string; status: string; attempts: number }>;
  createdAt: Date;
  finishedAt: Date | null;
}

const tables = (ctx: Ctx) => ctx.db.withTables<ExhibitionTables>();

/** Customers of the exhibition (merged ones left out) that no run has e-mailed yet. */
const withoutStatement = (ctx: Ctx, exhibitionId: string) => sql`
  from exhibition_customer c
  where c.org_id = ${ctx.orgId} and c.exhibition_id = ${exhibitionId}::uuid and c.merged_into_id is null
    and not exists (select 1 from exhibition_statement_delivery d
      where d.org_id = c.org_id and d.customer_id = c.id)`;

/**
 * Starts the end-of-exhibition run: every customer without a statement gets one by e-mail, in
 * steps of a job. A run already going for the exhibition is returned instead of a second one.
 */
export async function startStatementRun(
  ctx: Ctx,
  rt: { jobs: JobQueue },
  exhibitionId: string,
): Promise<StatementRunView> {
  return inTransaction(ctx, async (tx) => {
    await getExhibition(tx, exhibitionId);
    return startBatchedRun(tx, {
      table: 'exhibition_statement_run',
      scope: { exhibition_id: exhibitionId },
      lock: { type: 'exhibition.statement-run', id: exhibitionId },
      count: async (tx) =>
        Number(
          (
            await sql<{ n: string }>`select count(*) as n ${withoutStatement(tx, exhibitionId)}`.execute(
              tx.db,
            )
          ).rows[0]!.n,
        ),
      view: getStatementRun,
      started: (tx, runId, view) =>
        recordAudit(tx, {
          action: 'exhibition.statement_run.started',
          subject: { type: 'exhibition_exhibition', id: exhibitionId },
          after: { runId, total: view.total },
        }),
      job: statementRunJob,
      jobs: rt.jobs,
    });
  });
}

/**
 * One step of a run: e-mails up to `STATEMENT_BATCH` customers still without a statement, each in
 * its own transaction under the customer's row lock (a delivery row and the queued e-mail commit
 * together, so a retried or parallel step skips them), then says whether more remain. Ends the
 * run when none do.
 */
export async function continueStatementRun(
  ctx: Ctx,
  rt: { jobs: JobQueue },
  runId: string,
  batch = STATEMENT_BATCH,
): Promise<'more' | 'done'> {
  return continueBatchedRun<{ exhibition_id: string }>(
    ctx,
    {
      table: 'exhibition_statement_run',
      runId,
      notFound: () => ExhibitionErrors.statement_run_not_found({ id: runId }),
      nextItems: async (ctx, run, limit) =>
        (
          await sql<{ id: string }>`select c.id ${withoutStatement(ctx, run.exhibition_id)}
            order by c.id limit ${limit}`.execute(ctx.db)
        ).rows.map((r) => r.id),
      doItem: async (tx, _run, id) => {
        const locked = (await lockCustomers(tx, [id])).get(id);
        if (!locked || locked.mergedIntoId) return;
        const done = await tables(tx)
          .selectFrom('exhibition_statement_delivery')
          .select('run_id')
          .where('customer_id', '=', id)
          .executeTakeFirst();
        if (done) return;
        const { notificationId } = await emailStatement(tx, rt, id, {
          idempotencyKey: `exhibition.statement-run:${id}`,
          withoutAddress: 'record',
        });
        await tables(tx)
          .insertInto('exhibition_statement_delivery')
          .values({ customer_id: id, run_id: runId, notification_id: notificationId })
          .execute();
      },
      finished: (tx, run) =>
        recordAudit(tx, {
          action: 'exhibition.statement_run.finished',
          subject: { type: 'exhibition_exhibition', id: run.exhibition_id },
          after: { runId },
        }),
    },
    batch,
  );
}

/** A run with its progress and the e-mails' states in the outbox, failures listed by customer. */
export async function getStatementRun(ctx: Ctx, id: string): Promise<StatementRunView> {
  const run = await tables(ctx)
    .selectFrom('exhibition_statement_run')
    .select(['id', 'exhibition_id', 'status', 'total', 'created_at', 'finished_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!run) throw ExhibitionErrors.statement_run_not_found({ id });
  const progress = emailProgress(await emailsOf(ctx, runDeliveries(ctx, id)));
  return {
    id: run.id,
    exhibitionId: run.exhibition_id,
    status: run.status,
    total: run.total,
    queued: progress.total,
    sent: progress.sent,
    pending: progress.pending,
    failed: progress.failed,
    failures: progress.failures,
    createdAt: run.created_at,
    finishedAt: run.finished_at,
  };
}

/** The runs of an exhibition, latest first. */
export async function listStatementRuns(ctx: Ctx, exhibitionId: string): Promise<StatementRunView[]> {
  await getExhibition(ctx, exhibitionId);
  const runs = await tables(ctx)
    .selectFrom('exhibition_statement_run')
    .select('id')
    .where('exhibition_id', '=', exhibitionId)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  return Promise.all(runs.map((r) => getStatementRun(ctx, r.id)));
}

/** The statements a run queued, by customer. Raw SQL: the org filter is written here. */
export const runDeliveries = (ctx: Ctx, runId: string) => sql<EmailRow>`
    select d.customer_id as "customerId", c.name, c.email, d.notification_id as "notificationId"
    from exhibition_statement_delivery d
    join exhibition_customer c on c.id = d.customer_id and c.org_id = d.org_id
    where d.org_id = ${ctx.orgId} and d.run_id = ${runId}::uuid
    order by c.name`;
