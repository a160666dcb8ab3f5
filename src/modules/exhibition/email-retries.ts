import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { replayNotification } from '../../core/notifications/index.ts';
import { sql } from '../../platform/db/index.ts';
import { isAppError } from '../../platform/errors/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { type EmailOutcome, type EmailRow, emailProgress, emailsOf } from './email-outcomes.ts';
import { getExhibition } from './exhibitions.ts';
import { getStatementRun, runDeliveries } from './statement-run.ts';

/** The welcome e-mails of the customers pre-registered from CSV imports: how far they got, who was not reached. */
export interface ImportWelcomeView {
  exhibitionId: string;
  total: number;
  sent: number;
  /** Queued, sending, or failed once and waiting for the outbox's next retry. */
  pending: number;
  /** Lost (core/notifications' one meaning): given up, undeliverable, or cut off mid-send with nobody to repeat it. */
  failed: number;
  failures: EmailOutcome[];
}

/** Progress of the welcome e-mails of an exhibition's imported customers (merged ones left out). */
export async function importWelcomeProgress(ctx: Ctx, exhibitionId: string): Promise<ImportWelcomeView> {
  await getExhibition(ctx, exhibitionId);
  const rows = await emailsOf(ctx, importedWelcomes(ctx, exhibitionId));
  return { exhibitionId, ...emailProgress(rows) };
}

/** The imported customers of an exhibition (merged ones left out) and their welcome e-mail. Raw SQL: org filter written here. */
const importedWelcomes = (ctx: Ctx, exhibitionId: string) => sql<EmailRow>`
    select c.id as "customerId", c.name, c.email, c.welcome_notification_id as "notificationId"
    from exhibition_customer c
    where c.org_id = ${ctx.orgId} and c.exhibition_id = ${exhibitionId}::uuid
      and c.registered_via = 'import' and c.merged_into_id is null
    order by c.name`;

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
  const retried = await replayGivenUp(ctx, rt, await emailsOf(ctx, importedWelcomes(ctx, exhibitionId)));
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
  const retried = await replayGivenUp(ctx, rt, await emailsOf(ctx, runDeliveries(ctx, runId)));
  await recordAudit(ctx, {
    action: 'exhibition.statement_run.retried',
    subject: { type: 'exhibition_exhibition', id: run.exhibitionId },
    after: { runId, retried },
  });
  return { retried };
}

/**
 * Replays the lost messages among `emails`, each only if still replayable when its row is locked
 * (one already back in line is skipped).
 */
async function replayGivenUp(
  ctx: Ctx,
  rt: { jobs: JobQueue },
  emails: ReadonlyArray<{ notificationId: string | null; lost: boolean }>,
): Promise<number> {
  let retried = 0;
  for (const { notificationId: id, lost } of emails) {
    if (!id || !lost) continue;
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
