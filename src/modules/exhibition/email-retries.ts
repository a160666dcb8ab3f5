import type { RawBuilder } from 'kysely';
import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { replayNotification } from '../../core/notifications/index.ts';
import { sql } from '../../platform/db/index.ts';
import { isAppError } from '../../platform/errors/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { getExhibition } from './exhibitions.ts';
import { getStatementRun } from './statement-run.ts';

/** Outbox states that mean "not reached, and the outbox will not try again on its own". */
const GAVE_UP = ['dead', 'undeliverable'];

/** One customer's e-mail as a progress view lists it. */
export interface EmailOutcome {
  customerId: string;
  name: string;
  email: string;
  status: string;
  attempts: number;
}

/** The welcome e-mails of the customers pre-registered from CSV imports: how far they got, who was not reached. */
export interface ImportWelcomeView {
  exhibitionId: string;
  total: number;
  sent: number;
  /** Queued, sending, or failed once and waiting for the outbox's next retry. */
  pending: number;
  /** Given up (dead after the retries) or undeliverable. */
  failed: number;
  failures: EmailOutcome[];
}

/** Progress of the welcome e-mails of an exhibition's imported customers (merged ones left out). */
export async function importWelcomeProgress(ctx: Ctx, exhibitionId: string): Promise<ImportWelcomeView> {
  await getExhibition(ctx, exhibitionId);
  // Raw SQL is not org-scoped by the data layer: the org filter is written here.
  const { rows } = await sql<EmailOutcome>`
    select c.id as "customerId", c.name, c.email, coalesce(n.status, 'queued') as status,
      coalesce(n.attempts, 0) as attempts
    from exhibition_customer c
    left join v_notifications_notification n on n.id = c.welcome_notification_id and n.org_id = c.org_id
    where c.org_id = ${ctx.orgId} and c.exhibition_id = ${exhibitionId}::uuid
      and c.registered_via = 'import' and c.merged_into_id is null
    order by c.name`.execute(ctx.db);
  const failures = rows.filter((r) => GAVE_UP.includes(r.status));
  const sent = rows.filter((r) => r.status === 'sent').length;
  return {
    exhibitionId,
    total: rows.length,
    sent,
    pending: rows.length - sent - failures.length,
    failed: failures.length,
    failures,
  };
}

/**
 * Puts every imported customer's welcome e-mail that the outbox gave up on back in line (the same
 * message, fresh attempts). Only messages not sent are touched, each checked under its row lock,
 * so a reached customer is never e-mailed twice, and two clicks retry each message once.
 */
export async function retryImportWelcomes(
  ctx: Ctx,
  rt: { jobs: JobQueue },
  exhibitionId: string,
): Promise<{ retried: number; progress: ImportWelcomeView }> {
  await getExhibition(ctx, exhibitionId);
  const retried = await replayGivenUp(
    ctx,
    rt,
    sql<NotificationRef>`
    select n.id from exhibition_customer c
    join v_notifications_notification n on n.id = c.welcome_notification_id and n.org_id = c.org_id
    where c.org_id = ${ctx.orgId} and c.exhibition_id = ${exhibitionId}::uuid
      and c.registered_via = 'import' and c.merged_into_id is null and n.status in ('dead', 'undeliverable')`,
  );
  await recordAudit(ctx, {
    action: 'exhibition.import_welcome.retried',
    subject: { type: 'exhibition_exhibition', id: exhibitionId },
    after: { retried },
  });
  return { retried, progress: await importWelcomeProgress(ctx, exhibitionId) };
}

/** Retries the statements of a run that the outbox gave up on (see `retryImportWelcomes`). */
export async function retryStatementRunFailures(
  ctx: Ctx,
  rt: { jobs: JobQueue },
  runId: string,
): Promise<{ retried: number }> {
  const run = await getStatementRun(ctx, runId);
  const retried = await replayGivenUp(
    ctx,
    rt,
    sql<NotificationRef>`
    select n.id from exhibition_statement_delivery d
    join v_notifications_notification n on n.id = d.notification_id and n.org_id = d.org_id
    where d.org_id = ${ctx.orgId} and d.run_id = ${runId}::uuid and n.status in ('dead', 'undeliverable')`,
  );
  await recordAudit(ctx, {
    action: 'exhibition.statement_run.retried',
    subject: { type: 'exhibition_exhibition', id: run.exhibitionId },
    after: { runId, retried },
  });
  return { retried };
}

type NotificationRef = { id: string };

/**
 * Replays the given-up messages the query finds, each only if still given up when its row is
 * locked (one already back in line is skipped); raw SQL, so the query writes its org filter.
 */
async function replayGivenUp(
  ctx: Ctx,
  rt: { jobs: JobQueue },
  givenUp: RawBuilder<NotificationRef>,
): Promise<number> {
  const { rows } = await givenUp.execute(ctx.db);
  let retried = 0;
  for (const { id } of rows) {
    try {
      await replayNotification(ctx, rt.jobs, id);
      retried++;
    } catch (err) {
      // Another click got there first (queued, sending or sent now): nothing to do for this one.
      if (!isAppError(err) || err.code !== 'notifications.notification_not_replayable') throw err;
    }
  }
  return retried;
}
