import type { Ctx } from '../../core/context/index.ts';
import { messagesToPerson, type NotificationView } from '../../core/notifications/index.ts';
import type { Page, PageRequest } from '../../core/resources/index.ts';
import { getStudent } from './students.ts';

/**
 * The messages sent to a student (issue 65): to their contact, their Telegram chat and their phone (an
 * SMS where Telegram does not reach them), newest first, as every person's page lists them.
 */
export async function studentMessages(
  ctx: Ctx,
  id: string,
  page: PageRequest,
): Promise<Page<NotificationView>> {
  const student = await getStudent(ctx, id);
  return messagesToPerson(
    ctx,
    {
      contactId: student.contactId,
      phones: [student.phone],
      chats: student.telegramId ? [{ channel: 'telegram', to: student.telegramId }] : [],
    },
    page,
  );
}
