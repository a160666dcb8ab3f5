import type { ConversationsTables } from '../../core/conversations/index.ts';
import { ChannelSendError, type NotificationChannel } from '../../core/notifications/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { createWhatsAppAccounts } from './whatsapp.accounts.ts';
import { sendWhatsAppMessage, uploadWhatsAppMedia } from './whatsapp.client.ts';
import { WHATSAPP_CHANNEL } from './whatsapp.driver.ts';
import { renderWhatsAppMessage } from './whatsapp.outbound.ts';
import { insideServiceWindow } from './whatsapp.rules.ts';

/**
 * The outbox's WhatsApp sender. Notifications are free-form text, so they go out only inside the
 * 24-hour window (refused permanently outside it); each send is added to the conversation's history.
 */
export const whatsappNotificationChannel: NotificationChannel = {
  name: 'whatsapp',
  // Meta's pair rate limit: about one message every 6 seconds to one person.
  pace: { perRecipientMs: 6_000 },
  async send(message, context) {
    const db = context.db.withTables<ConversationsTables>();
    const conversation = await db
      .selectFrom('conversation')
      .select(['id', 'last_inbound_at'])
      .where('channel', '=', WHATSAPP_CHANNEL)
      .where('external_id', '=', message.to)
      .executeTakeFirst();
    if (!insideServiceWindow(conversation?.last_inbound_at ?? null, new Date()))
      throw new ChannelSendError('Outside the 24-hour WhatsApp window: only approved templates may be sent', {
        permanent: true,
        detail: { reason: 'whatsapp_window_closed' },
      });
    const account = await createWhatsAppAccounts(context.db, context.config).forOrg(message.orgId);
    if (!account)
      throw new ChannelSendError('No WhatsApp number configured for this organization', { permanent: true });
    let lastId: string | null = null;
    try {
      const text = message.subject ? `*${message.subject}*\n\n${message.body}` : message.body;
      lastId = await sendWhatsAppMessage(account, renderWhatsAppMessage(message.to, { kind: 'text', text }));
      for (const a of message.attachments) {
        const id = await uploadWhatsAppMedia(account, {
          bytes: a.content,
          mime: a.contentType,
          fileName: a.filename,
        });
        const output = { kind: 'document' as const, file: { url: '', fileName: a.filename } };
        lastId = await sendWhatsAppMessage(account, renderWhatsAppMessage(message.to, output, { id }));
      }
    } catch (err) {
      const permanent = err instanceof AppError && err.details.permanent === true;
      throw new ChannelSendError((err as Error).message, { permanent, cause: err });
    }
    if (conversation) {
      await db
        .insertInto('conversation_message')
        .values({
          conversation_id: conversation.id,
          direction: 'out',
          channel: WHATSAPP_CHANNEL,
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
