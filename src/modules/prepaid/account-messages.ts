import type { Ctx } from '../../core/context/index.ts';
import { messagesToPerson, type NotificationView } from '../../core/notifications/index.ts';
import type { Page, PageRequest } from '../../core/resources/index.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

/**
 * The messages sent to an account's owner (issue 65): texts and WhatsApp messages to the account's phone,
 * and what went to the channel its token messages use, newest first, as every person's page lists them.
 */
export async function accountMessages(
  ctx: Ctx,
  id: string,
  page: PageRequest,
): Promise<Page<NotificationView>> {
  const account = await ctx.db
    .withTables<PrepaidTables>()
    .selectFrom('prepaid_account')
    .select(['phone', 'channel', 'channel_to'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!account) throw PrepaidErrors.account_not_found({ accountId: id });
  const to = account.channel_to;
  return messagesToPerson(
    ctx,
    {
      phones: [account.phone],
      emails: account.channel === 'email' ? [to] : [],
      chats: to && account.channel && account.channel !== 'email' ? [{ channel: account.channel, to }] : [],
    },
    page,
  );
}
