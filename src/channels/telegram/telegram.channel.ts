import { createHash } from 'node:crypto';
import type { Update } from 'grammy/types';
import {
  ConversationsErrors,
  deliveryAmbiguous,
  deliveryRefused,
  deliveryThrottled,
  failedBeforeSending,
  type MessageChannel,
  notBegunOf,
  type Output,
} from '../../core/conversations/index.ts';
import { type Config, outsideCallTimeoutMs } from '../../platform/config/index.ts';
import { type TelegramAccounts, type TelegramApis, telegramSettingsOf } from './telegram.accounts.ts';

export type { TelegramApis } from './telegram.accounts.ts';

import { telegramLanguageOf } from './telegram.inbound.ts';
import { renderTelegramMessage } from './telegram.outbound.ts';

export const TELEGRAM_CHANNEL = 'telegram';

/**
 * Telegram (grammY) as a chat channel: the one outbound path to an organization's bot, for bot
 * replies, staff messages and notifications alike.
 */
export function createTelegramChannel(deps: {
  accounts: TelegramAccounts;
  config: Config;
  /** The flow every bot runs unless its organization names one (`TELEGRAM_FLOW`); none: the modules' default. */
  flow?: string | undefined;
}): MessageChannel {
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
    // A reply is claimed inside the Bot API client, right before its request is written.
    callsBeforeRequest: true,
    flowFor: (org) => telegramSettingsOf(org).flow ?? deps.flow,
    languageHint: telegramLanguageOf,
    async send(_ctx, to, output, options) {
      const { token } = await accountOf(to.orgId);
      const apis = await deps.accounts.sendingApis(token, options?.beforeRequest);
      const message = await sendTelegramOutput(apis, token, to.externalId, output);
      return { channelMessageId: String(message.message_id) };
    },
    async handle(ctx) {
      const account = await deps.accounts.forOrg(ctx.orgId);
      if (!account) return null;
      return (await (await deps.accounts.bot(account.token)).api.getMe()).username ?? null;
    },
    async edit(_ctx, to, channelMessageId, output) {
      const bot = await deps.accounts.bot((await accountOf(to.orgId)).token);
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
        const { GrammyError } = await import('grammy');
        if (err instanceof GrammyError && /message is not modified/.test(err.description)) return;
        if (err instanceof GrammyError && (err.error_code === 400 || err.error_code === 403))
          throw deliveryRefused('telegram_rejected', err.description, { errorCode: err.error_code });
        throw err;
      }
    },
    async acknowledge(_ctx, target, raw) {
      const query = (raw as Partial<Update> | null)?.callback_query;
      if (!query) return;
      const bot = await deps.accounts.bot((await accountOf(target.orgId)).token);
      await bot.api.answerCallbackQuery(query.id);
    },
    async download(_ctx, target, media) {
      const account = await accountOf(target.orgId);
      const file = await (await deps.accounts.bot(account.token)).api.getFile(media.fileId);
      if (!file.file_path)
        throw ConversationsErrors.media_download_failed({ fileId: media.fileId, reason: 'no file_path' });
      const response = await fetch(`${deps.accounts.apiRoot}/file/bot${account.token}/${file.file_path}`, {
        signal: AbortSignal.timeout(outsideCallTimeoutMs(deps.config, 'telegramFile')),
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

/**
 * What a failed send means for the person. Telegram has no idempotency key and never reports what
 * it accepted, so a send whose answer is lost cannot be matched afterwards; the decision is per kind
 * of failure, and it holds for every kind of message:
 * - 400 (bad request) and 403 (the person blocked the bot): refused for good.
 * - 429: Telegram says how long this bot must wait (`parameters.retry_after`, seconds): throttled,
 *   and nothing else of this bot leaves before then. Nothing was delivered.
 * - Connection refused, no such host, a kept-alive connection closed before any byte of the call
 *   was written to it: nothing reached Telegram; sent again.
 * - A timeout, a connection cut after the request was written, a 5xx (Telegram's front answers 502
 *   while the bot server may still complete the send): ambiguous, never sent again (the channel's rule). A
 *   text prompt shown twice ("Your room number?" twice) makes the person answer twice and the flow
 *   read the second answer as the next step's. Instead, when the person next writes, the prompt is
 *   asked again in answer and nothing is taken from their message (issue 55, `waiting-messages.ts`),
 *   and a button pressed again is met with the answer it did not provably get. A photo or document
 *   whose upload completed was most likely delivered (the QR pass twice), so it is not resent at once
 *   either; its answer is awaited the `telegram` time once its bytes are written.
 * After a crash (issue 55): a reply is claimed (`sending`) inside the client, once its connection is
 * open and right before its first byte is written (`telegram.http.ts`), so a reply a crash cut off
 * before that is still `queued`, and is sent after the restart; one claimed had its request written (or
 * was a few microseconds from it), and is ambiguous, as any send whose answer was lost.
 * Edits (`editMessageText`) are idempotent and are simply retried.
 */
export async function telegramSendFailure(err: unknown, token: string): Promise<unknown> {
  const { GrammyError, HttpError } = await import('grammy');
  if (err instanceof GrammyError) {
    if (err.error_code === 400 || err.error_code === 403)
      return deliveryRefused('telegram_rejected', err.description, { errorCode: err.error_code });
    if (err.error_code === 429)
      return deliveryThrottled('telegram_retry_after', err.description, {
        account: botIdOf(token),
        // A 429 that names no time waits one second.
        retryAfterMs: Math.max(1, err.parameters.retry_after ?? 1) * 1000,
      });
    if (err.error_code >= 500)
      return deliveryAmbiguous('telegram_server_error', err.description, { errorCode: err.error_code });
    return err;
  }
  if (err instanceof HttpError) {
    if (failedBeforeSending(err.error)) return err;
    return deliveryAmbiguous('telegram_no_answer', err.message, {
      cause: err.error instanceof Error ? err.error.message : String(err.error),
    });
  }
  return err;
}

/** The bot's own id: the number before the colon of its token (never the secret part). */
const botIdOf = (token: string) => token.split(':')[0] ?? 'bot';

/**
 * Sends one output and answers the message Telegram created; a failure is classified by what it
 * means for the person (`telegramSendFailure`). A send none of whose bytes left (connection refused,
 * a kept-alive connection Telegram had closed: `telegram.http.ts`) is sent once more at once, on a
 * new connection: Telegram cannot have seen it (issue 40: replies were lost to idle connections
 * Telegram closed). Anything that may have reached Telegram is never sent again here.
 */
export async function sendTelegramOutput(apis: TelegramApis, token: string, chatId: string, output: Output) {
  const { HttpError } = await import('grammy');
  try {
    return await sendOutput(apis, chatId, output);
  } catch (err) {
    // The reply was not claimed (another process has it, or the bot must wait): nothing was written.
    const notBegun = notBegunOf(err);
    if (notBegun) throw notBegun;
    if (!(err instanceof HttpError && failedBeforeSending(err.error)))
      throw await telegramSendFailure(err, token);
  }
  try {
    return await sendOutput(apis, chatId, output);
  } catch (err) {
    throw notBegunOf(err) ?? (await telegramSendFailure(err, token));
  }
}

/** Sends one output with the Bot API; answers the message Telegram created. */
export async function sendOutput({ api, uploadApi }: TelegramApis, chatId: string, output: Output) {
  const call = renderTelegramMessage(output);
  if (call.method === 'sendMessage')
    return api.sendMessage(chatId, call.text, call.reply_markup ? { reply_markup: call.reply_markup } : {});
  if (output.kind !== 'image' && output.kind !== 'document') throw new Error('unreachable');
  const { InputFile } = await import('grammy');
  const file =
    'url' in output.file
      ? output.file.url
      : new InputFile(Buffer.from(output.file.bytes), output.file.fileName);
  const options = call.caption ? { caption: call.caption } : {};
  return call.method === 'sendPhoto'
    ? uploadApi.sendPhoto(chatId, file, options)
    : uploadApi.sendDocument(chatId, file, options);
}
