import type { InlineKeyboardMarkup } from 'grammy/types';
import { fitText, type Output } from '../../core/conversations/index.ts';

export const TELEGRAM_LIMITS = { text: 4096, caption: 1024, buttonText: 64 } as const;

/** A Bot API call for one output; files are resolved by the channel. */
export type TelegramSend =
  | { method: 'sendMessage'; text: string; reply_markup?: InlineKeyboardMarkup }
  | { method: 'sendPhoto' | 'sendDocument'; caption?: string };

/**
 * Renders an output for the Bot API: buttons and list rows become an inline keyboard, one button
 * per row, whose `callback_data` is the choice id (the flow receives it back as a choice).
 */
export function renderTelegramMessage(output: Output): TelegramSend {
  const keyboard = (choices: ReadonlyArray<{ id: string; title: string }>): InlineKeyboardMarkup => ({
    inline_keyboard: choices.map((c) => [
      { text: fitText(c.title, TELEGRAM_LIMITS.buttonText), callback_data: c.id },
    ]),
  });
  switch (output.kind) {
    case 'text':
      return { method: 'sendMessage', text: fitText(output.text, TELEGRAM_LIMITS.text) };
    case 'template':
      return { method: 'sendMessage', text: fitText(output.fallbackText, TELEGRAM_LIMITS.text) };
    case 'buttons':
      return {
        method: 'sendMessage',
        text: fitText(output.text, TELEGRAM_LIMITS.text),
        reply_markup: keyboard(output.buttons),
      };
    case 'list': {
      const described = output.rows.filter((r) => r.description).map((r) => `• ${r.title}: ${r.description}`);
      const text = [output.text, ...(described.length ? ['', ...described] : [])].join('\n');
      return {
        method: 'sendMessage',
        text: fitText(text, TELEGRAM_LIMITS.text),
        reply_markup: keyboard(output.rows),
      };
    }
    case 'image':
    case 'document':
      return {
        method: output.kind === 'image' ? 'sendPhoto' : 'sendDocument',
        ...(output.caption ? { caption: fitText(output.caption, TELEGRAM_LIMITS.caption) } : {}),
      };
  }
}
