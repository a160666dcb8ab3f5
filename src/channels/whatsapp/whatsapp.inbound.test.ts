import { describe, expect, it } from 'vitest';
import { parseWhatsAppWebhook } from './whatsapp.inbound.ts';

const envelope = (value: object) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '1',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '1', phone_number_id: '1122334455667' },
            ...value,
          },
        },
      ],
    },
  ],
});

describe('parseWhatsAppWebhook', () => {
  it('reads a button tap as a choice by id, never by title', () => {
    const { messages } = parseWhatsAppWebhook(
      envelope({
        contacts: [{ profile: { name: 'Test Name' }, wa_id: '972987654321' }],
        messages: [
          {
            from: '972987654321',
            id: 'wamid.a',
            timestamp: '1698266730',
            type: 'interactive',
            interactive: { type: 'button_reply', button_reply: { id: 'browse_raffles', title: 'Ver Rifas' } },
          },
        ],
      }),
    );
    expect(messages).toEqual([
      expect.objectContaining({
        phoneNumberId: '1122334455667',
        from: '972987654321',
        name: 'Test Name',
        id: 'wamid.a',
        sentAt: new Date(1698266730 * 1000),
        input: { kind: 'choice', id: 'browse_raffles', via: 'tap' },
      }),
    ]);
  });

  it('names a tap by the message it answers and the button, so a repeated press is known', () => {
    const tap = (id: string, context?: object) => ({
      from: '1',
      id,
      type: 'interactive',
      ...(context ? { context } : {}),
      interactive: { type: 'button_reply', button_reply: { id: 'confirm', title: 'Confirmar' } },
    });
    const { messages } = parseWhatsAppWebhook(
      envelope({
        messages: [
          tap('a', { from: '1', id: 'wamid.summary' }),
          tap('b'),
          { from: '1', id: 'c', type: 'text', context: { id: 'wamid.summary' }, text: { body: 'confirm' } },
        ],
      }),
    );
    expect(messages.map((m) => m.tap)).toEqual(['wamid.summary:confirm', undefined, undefined]);
  });

  it('reads list replies, template quick replies, documents and unsupported kinds', () => {
    const { messages } = parseWhatsAppWebhook(
      envelope({
        messages: [
          {
            from: '1',
            id: 'a',
            type: 'interactive',
            interactive: { type: 'list_reply', list_reply: { id: 'row-7', title: 't' } },
          },
          { from: '1', id: 'b', type: 'button', button: { payload: 'stop', text: 'Stop' } },
          {
            from: '1',
            id: 'c',
            type: 'document',
            document: { filename: 'f.pdf', mime_type: 'application/pdf', sha256: 'x', id: '99' },
          },
          { from: '1', id: 'd', type: 'sticker', sticker: { id: '5' } },
        ],
      }),
    );
    expect(messages.map((m) => m.input)).toEqual([
      { kind: 'choice', id: 'row-7', via: 'tap' },
      { kind: 'choice', id: 'stop', via: 'tap' },
      {
        kind: 'media',
        mediaKind: 'document',
        fileId: '99',
        mime: 'application/pdf',
        fileName: 'f.pdf',
        sha256: 'x',
      },
      null,
    ]);
  });

  it('reads delivery statuses and skips malformed entries', () => {
    const parsed = parseWhatsAppWebhook(
      envelope({
        statuses: [{ id: 'wamid.x', status: 'delivered', timestamp: '1698266945' }, { status: 'read' }],
      }),
    );
    expect(parsed.statuses).toEqual([
      { phoneNumberId: '1122334455667', id: 'wamid.x', status: 'delivered', at: new Date(1698266945 * 1000) },
    ]);
    expect(parseWhatsAppWebhook({ entry: 'nonsense' })).toEqual({ messages: [], statuses: [] });
  });
});
