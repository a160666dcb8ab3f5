import { describe, expect, it } from 'vitest';
import { type NotificationChannel, outboxChannels } from '../notifications/index.ts';
import type { MessageChannel } from './channel.types.ts';
import { chatOutboxChannels, notificationOutputs } from './chat-outbox-channel.ts';

const chat = (name: string, perRecipientMs: number): MessageChannel => ({
  name,
  pace: { perRecipientMs },
  send: async () => ({ channelMessageId: null }),
});
const email: NotificationChannel = {
  name: 'email',
  pace: { perRecipientMs: 0 },
  send: async () => ({ providerMessageId: null }),
};

describe('the outbox channels of an app', () => {
  it('sends through the notification channels and the chat channels that do not answer inline, at their pace', () => {
    const channels = outboxChannels([
      email,
      ...chatOutboxChannels([
        chat('whatsapp', 6_000),
        chat('telegram', 1_000),
        { ...chat('simulator', 0), answersInline: true },
      ]),
    ]);
    expect([...channels.keys()]).toEqual(['email', 'whatsapp', 'telegram']);
    expect(channels.get('whatsapp')!.pace).toEqual({ perRecipientMs: 6_000 });
    expect(channels.get('email')).toBe(email);
  });

  it('refuses a second path to one channel', () => {
    const whatsappMail: NotificationChannel = { ...email, name: 'whatsapp' };
    expect(() => outboxChannels([whatsappMail, ...chatOutboxChannels([chat('whatsapp', 6_000)])])).toThrow(
      /two outbox channels are named whatsapp/,
    );
  });
});

describe('a notification in a chat', () => {
  it('is the body as one text, never an e-mail subject above it, then each attachment as a document', () => {
    const content = Buffer.from('%PDF');
    const withSubject = {
      subject: 'Payment confirmed',
      body: 'Your tickets: 4, 9.',
      attachments: [{ filename: 'receipt.pdf', contentType: 'application/pdf', content }],
    };
    expect(notificationOutputs(withSubject)).toEqual([
      { kind: 'text', text: 'Your tickets: 4, 9.' },
      { kind: 'document', file: { bytes: content, fileName: 'receipt.pdf', mime: 'application/pdf' } },
    ]);
  });

  it('is one picture captioned with the body when its first file is an image (a QR pass)', () => {
    const png = Buffer.from('png');
    const pass = {
      body: 'Your registration is approved. Show this QR at the counter.',
      attachments: [{ filename: 'pass.png', contentType: 'image/png', content: png }],
    };
    expect(notificationOutputs(pass)).toEqual([
      {
        kind: 'image',
        file: { bytes: png, fileName: 'pass.png', mime: 'image/png' },
        caption: 'Your registration is approved. Show this QR at the counter.',
      },
    ]);
    // A body too long for a caption goes first as text, the file after it.
    expect(notificationOutputs({ ...pass, body: 'x'.repeat(1025) }).map((o) => o.kind)).toEqual([
      'text',
      'document',
    ]);
  });
});
