import { GrammyError, InputFile } from 'grammy';
import type { ConversationsTables } from '../../core/conversations/index.ts';
import { fitText } from '../../core/conversations/index.ts';
import { ChannelSendError, type NotificationChannel } from '../../core/notifications/index.ts';
import { createTelegramAccounts } from './telegram.accounts.ts';
import { TELEGRAM_CHANNEL } from './telegram.driver.ts';

/** The outbox's Telegram sender; each send is added to the conversation's history. */
export const telegramNotificationChannel: NotificationChannel = {
  name: 'telegram',
  pace: { perRecipientMs: 1_000 },
  async send(message, context) {
    const account = await createTelegramAccounts(context.db, context.config).forOrg(message.orgId);
    if (!account)
      throw new ChannelSendError('No Telegram bot configured for this organization', { permanent: true });
    const api = createTelegramAccounts(context.db, context.config).bot(account.token).api;
    let lastId: string | null = null;
    try {
      const text = message.subject ? `${message.subject}\n\n${message.body}` : message.body;
      lastId = String((await api.sendMessage(message.to, fitText(text, 4096))).message_id);
      for (const a of message.attachments) {
        lastId = String(
          (await api.sendDocument(message.to, new InputFile(a.content, a.filename))).message_id,
        );
      }
    } catch (err) {
      const permanent = err instanceof GrammyError && (err.error_code === 400 || err.error_code === 403);
      throw new ChannelSendError((err as Error).message, { permanent, cause: err });
    }
    const db = context.db.withTables<ConversationsTables>();
    const conversation = await db
      .selectFrom('conversation')
      .select('id')
      .where('channel', '=', TELEGRAM_CHANNEL)
      .where('external_id', '=', message.to)
      .executeTakeFirst();
    if (conversation) {
      await db
        .insertInto('conversation_message')
        .values({
          conversation_id: conversation.id,
          direction: 'out',
          channel: TELEGRAM_CHANNEL,
          channel_message_id: lastId,
          payload: JSON.stringify({ kind: 'text', text: message.body, notification: message.id }),
          status: 'sent',
          sent_by: 'notifications',
        })
        .execute();
    }
    return { providerMessageId: lastId };
  },
};
