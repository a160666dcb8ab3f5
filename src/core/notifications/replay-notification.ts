import type { JobQueue } from '../../platform/jobs/index.ts';
import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { recordNotificationEvent } from './notification-events.ts';
import { type NotificationView, toView, VIEW_COLUMNS } from './notification-view.ts';
import { NotificationErrors } from './notifications.errors.ts';
import type { NotificationTables } from './notifications.tables.ts';
import { OUTBOX_LOOP } from './outbox-dispatcher.ts';
import { requeueForReplay } from './outbox-states.ts';

/**
 * Puts a message staff may send again (`REPLAYABLE`) back in line with a fresh set of attempts, due now; audited.
 * The state is checked under a row lock; the dispatcher is woken when the transaction commits.
 */
export async function replayNotification(ctx: Ctx, jobs: JobQueue, id: string): Promise<NotificationView> {
  return inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<NotificationTables>();
    const before = await db
      .selectFrom('notification')
      .select(VIEW_COLUMNS)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw NotificationErrors.notification_not_found({ id });
    // One whose send was ambiguous: staff decide that it did not reach the person (no report can tell on Telegram).
    const after = await requeueForReplay(tx, id);
    if (!after) throw NotificationErrors.notification_not_replayable({ id, status: before.status });
    await recordNotificationEvent(tx, id, 'replayed', { by: tx.actor.label, previousStatus: before.status });
    await recordAudit(tx, {
      action: 'notifications.message.replayed',
      subject: { type: 'notification', id },
      before: { status: before.status, attempts: before.attempts, lastError: before.last_error },
      after: { status: after.status, attempts: after.attempts },
    });
    await jobs.wake(OUTBOX_LOOP, tx.db);
    return toView(after);
  });
}
