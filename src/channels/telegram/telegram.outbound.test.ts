import { describe, expect, it } from 'vitest';
import { renderTelegramMessage } from './telegram.outbound.ts';

describe('renderTelegramMessage', () => {
  it('puts each button on its own row with the choice id as callback data', () => {
    const out = renderTelegramMessage({
      kind: 'buttons',
      text: 'Confirm?',
      buttons: [
        { id: 'confirm', title: 'Confirm' },
        { id: 'cancel', title: 'Cancel' },
      ],
    });
    expect(out).toEqual({
      method: 'sendMessage',
      text: 'Confirm?',
      reply_markup: {
        inline_keyboard: [
          [{ text: 'Confirm', callback_data: 'confirm' }],
          [{ text: 'Cancel', callback_data: 'cancel' }],
        ],
      },
    });
  });

  it('shows list descriptions in the text and rows as buttons', () => {
    const out = renderTelegramMessage({
      kind: 'list',
      text: 'Pick',
      button: 'Open',
      rows: [{ id: 'tea', title: 'Tea', description: 'Hot' }],
    });
    expect(out).toMatchObject({
      text: 'Pick\n\n• Tea: Hot',
      reply_markup: { inline_keyboard: [[{ callback_data: 'tea' }]] },
    });
  });
});
