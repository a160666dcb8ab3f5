import type { Ctx } from '../../core/context/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import { localMoment } from '../../core/time/index.ts';
import { clockTimeIn, mealNameIn } from './local-words.rules.ts';
import { scanReceiptTemplate, studentAddress } from './mess.notifications.ts';
import type { MessRuntime } from './mess.runtime.ts';

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
  // In the language they chose last (their contact's), the meal and the time as they say them.
  const student = await studentAddress(tx, scan.studentId);
  if (!student?.telegramId) return;
  const language = student.language;
  await enqueueNotification(tx, rt.jobs, {
    channel: 'telegram',
    to: student.telegramId,
    contactId: student.contactId,
    template: scanReceiptTemplate,
    data: {
      meal: mealNameIn(scan.mealName, language),
      time: clockTimeIn(localMoment(scan.scannedAt, scan.timeZone).time, language),
    },
    locale: language,
    idempotencyKey: `mess:scan-receipt:${scan.id}`,
  });
}
