import type { Ctx } from '../../core/context/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import { localMoment } from '../../core/time/index.ts';
import { scanReceiptTemplate } from './mess.notifications.ts';
import type { MessRuntime } from './mess.runtime.ts';
import type { MessTables } from './mess.tables.ts';

/**
 * Tells a student on Telegram that a meal was served on their pass ("Breakfast scanned at 08:02",
 * in their language), when the organization turned scan receipts on: someone eating on a copied
 * pass shows up at once. Queued in the scan's transaction, once per scan; a student without
 * Telegram gets nothing.
 */
export async function queueScanReceipt(
  tx: Ctx,
  rt: Pick<MessRuntime, 'jobs'>,
  scan: { id: string; studentId: string; mealName: string; scannedAt: Date; timeZone: string },
): Promise<void> {
  const student = await tx.db
    .withTables<MessTables>()
    .selectFrom('mess_student')
    .select(['telegram_id', 'language', 'contact_id'])
    .where('id', '=', scan.studentId)
    .executeTakeFirst();
  if (!student?.telegram_id) return;
  await enqueueNotification(tx, rt.jobs, {
    channel: 'telegram',
    to: student.telegram_id,
    contactId: student.contact_id,
    template: scanReceiptTemplate,
    data: { meal: scan.mealName, time: localMoment(scan.scannedAt, scan.timeZone).time },
    locale: student.language,
    idempotencyKey: `mess:scan-receipt:${scan.id}`,
  });
}
