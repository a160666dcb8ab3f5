import { createHash } from 'node:crypto';
import { GrammyError, InputFile } from 'grammy';
import type { Update } from 'grammy/types';
import {
  ConversationsErrors,
  deliveryRefused,
  type MessageChannel,
  type Output,
} from '../../core/conversations/index.ts';
import type { Config } from '../../platform/config/index.ts';
import { type TelegramAccounts, telegramSettingsOf } from './telegram.accounts.ts';
import { telegramLanguageOf } from './telegram.inbound.ts';
import { renderTelegramMessage } from './telegram.outbound.ts';

export const TELEGRAM_CHANNEL = 'telegram';

/**
 * Telegram (grammY) as a chat channel: the one outbound path to an organization's bot, for bot
 * replies, staff messages and notifications alike.
 */
export function createTelegramChannel(deps: { accounts: TelegramAccounts; config: Config }): MessageChannel {
  const accountOf = async (orgId: string) => {
    const account = await deps.accounts.forOrg(orgId);
    if (!account)
      throw deliveryRefused(
        'telegram_not_configured',
        'This organization has no Telegram bot token configured',
      );
    return account;
  };
  return {
    name: TELEGRAM_CHANNEL,
    contactChannel: 'telegram',
    // Telegram's limit for one chat: about one message a second.
    configured: async (ctx) => (await deps.accounts.forOrg(ctx.orgId)) !== undefined,
    pace: { perRecipientMs: 1_000 },
    flowFor: (org) => telegramSettingsOf(org).flow ?? deps.config.TELEGRAM_FLOW,
    languageHint: telegramLanguageOf,
    async send(_ctx, to, output) {
      const bot = deps.accounts.bot((await accountOf(to.orgId)).token);
      try {
        const message = await sendOutput(bot.api, to.externalId, output);
        return { channelMessageId: String(message.message_id) };
      } catch (err) {
        // 400 (bad request) and 403 (blocked by the user) do not get better by retrying; 429 and 5xx do.
        if (err instanceof GrammyError && (err.error_code === 400 || err.error_code === 403))
          throw deliveryRefused('telegram_rejected', err.description, { errorCode: err.error_code });
        throw err;
      }
    },
    async handle(ctx) {
      const account = await deps.accounts.forOrg(ctx.orgId);
      if (!account) return null;
      return (await deps.accounts.bot(account.token).api.getMe()).username ?? null;
    },
    async edit(_ctx, to, channelMessageId, output) {
      const bot = deps.accounts.bot((await accountOf(to.orgId)).token);
      const call = renderTelegramMessage(output);
      if (call.method !== 'sendMessage') throw new Error('unreachable');
      try {
        // Without reply_markup Telegram drops the inline keyboard: a decided card loses its buttons.
        await bot.api.editMessageText(
          to.externalId,
          Number(channelMessageId),
          call.text,
          call.reply_markup ? { reply_markup: call.reply_markup } : {},
        );
      } catch (err) {
        if (err instanceof GrammyError && /message is not modified/.test(err.description)) return;
        if (err instanceof GrammyError && (err.error_code === 400 || err.error_code === 403))
          throw deliveryRefused('telegram_rejected', err.description, { errorCode: err.error_code });
        throw err;
      }
    },
    async acknowledge(_ctx, target, raw) {
      const query = (raw as Partial<Update> | null)?.callback_query;
      if (!query) return;
      const bot = deps.accounts.bot((await accountOf(target.orgId)).token);
      await bot.api.answerCallbackQuery(query.id);
    },
    async download(_ctx, target, media) {
      const account = await accountOf(target.orgId);
      const file = await deps.accounts.bot(account.token).api.getFile(media.fileId);
      if (!file.file_path)
        throw ConversationsErrors.media_download_failed({ fileId: media.fileId, reason: 'no file_path' });
      const response = await fetch(`${deps.accounts.apiRoot}/file/bot${account.token}/${file.file_path}`, {
        signal: AbortSignal.timeout(30_000),
      });
      if (!response.ok)
        throw ConversationsErrors.media_download_failed({ fileId: media.fileId, status: response.status });
      const bytes = Buffer.from(await response.arrayBuffer());
      if (file.file_size !== undefined && file.file_size !== bytes.length)
        throw ConversationsErrors.media_checksum_mismatch({
          fileId: media.fileId,
          expectedSize: file.file_size,
        });
      return {
        bytes,
        mime: media.mime ?? 'application/octet-stream',
        sha256: createHash('sha256').update(bytes).digest('hex'),
        ...(media.fileName ? { fileName: media.fileName } : {}),
      };
    },
  };
}

type Api = ReturnType<TelegramAccounts['bot']>['api'];

/** Sends one output with the Bot API; answers the message Telegram created. */
export async function sendOutput(api: Api, chatId: string, output: Output) {
  const call = renderTelegramMessage(output);
  if (call.method === 'sendMessage')
    return api.sendMessage(chatId, call.text, call.reply_markup ? { reply_markup: call.reply_markup } : {});
  if (output.kind !== 'image' && output.kind !== 'document') throw new Error('unreachable');
  const file =
    'url' in output.file
      ? output.file.url
      : new InputFile(Buffer.from(output.file.bytes), output.file.fileName);
  const options = call.caption ? { caption: call.caption } : {};
  return call.method === 'sendPhoto'
    ? api.sendPhoto(chatId, file, options)
    : api.sendDocument(chatId, file, options);
}
