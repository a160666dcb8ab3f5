import type { Transporter } from 'nodemailer';
import { ChannelSendError, type NotificationChannel } from '../../core/notifications/index.ts';
import { OUTSIDE_CALL_TIMEOUTS_MS } from '../../platform/config/index.ts';
import type { EmailConfig } from './email.config.ts';

/** SMTP replies that say "this message will never be accepted" (RFC 5321 §4.2.3). */
const PERMANENT_REPLIES = new Set([550, 551, 552, 553, 554]);

/**
 * E-mail through any SMTP relay (`SMTP_URL`, `SMTP_FROM`): text body, an optional HTML alternative
 * with inline (`cid:`) images, and attachments. The
 * transport is made on the first send and belongs to this channel, so to one app.
 */
export function createEmailChannel(
  config: EmailConfig,
  options: { timeoutMs?: number } = {},
): NotificationChannel {
  let transport: Transporter | undefined;
  const timeoutMs = options.timeoutMs ?? OUTSIDE_CALL_TIMEOUTS_MS.smtp;
  const transportFor = async (url: string) => {
    // nodemailer is loaded with the first e-mail, not at start.
    const { default: nodemailer } = await import('nodemailer');
    // Every wait on the relay is bounded: connecting, its greeting, and any silence after that.
    transport ??= nodemailer.createTransport({
      url,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    return transport;
  };
  return {
    name: 'email',
    pace: { perRecipientMs: 0 },
    // A send cut off after the relay may have taken it goes again with the same Message-ID, which
    // mailboxes deduplicate: a rare second copy is better than a lost sign-in code.
    ambiguousSends: 'resend',
    configured: async () => config.SMTP_URL !== undefined,
    async send(_ctx, message) {
      // Retrying cannot help until someone sets SMTP_URL: recorded as undeliverable, like a chat
      // channel an organization has not set up, and counted on the dashboard's channels card.
      if (!config.SMTP_URL)
        throw new ChannelSendError('SMTP_URL is not configured: no e-mail can be sent from this server', {
          undeliverable: 'channel_not_configured',
        });
      try {
        const info = await (await transportFor(config.SMTP_URL)).sendMail({
          from: config.SMTP_FROM,
          to: message.to,
          subject: message.subject ?? '',
          text: message.body,
          // With an HTML body, nodemailer sends multipart/alternative, and attachments with a
          // `cid` as multipart/related parts the HTML shows inline; without it, text only as before.
          ...(message.html !== undefined ? { html: message.html } : {}),
          attachments: message.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
            ...(a.contentId !== undefined && message.html !== undefined
              ? { cid: a.contentId, contentDisposition: 'inline' as const }
              : {}),
          })),
          headers: { 'X-Opsdesk-Notification': message.id },
          // One Message-ID per notification, whatever the attempt: a repeated send is recognizably the same.
          messageId: `<${message.id}@opsdesk.notifications>`,
        });
        return { providerMessageId: info.messageId ?? null };
      } catch (err) {
        const e = err as { message?: string; responseCode?: number; code?: string };
        throw new ChannelSendError(e.message ?? 'SMTP send failed', {
          permanent: e.responseCode !== undefined && PERMANENT_REPLIES.has(e.responseCode),
          detail: { responseCode: e.responseCode ?? null, code: e.code ?? null },
          cause: err,
        });
      }
    },
  };
}
