import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  checkAttachments,
  deliverySettingsOf,
  normalizeRecipient,
  outcomeOf,
  reasonOfError,
  retryDelayMs,
  SEND_TIMEOUT_MS,
  staleSendingMs,
  undeliverableError,
} from './notifications.rules.ts';

const now = new Date('2026-11-22T10:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const settings = { maxAttempts: 5, retryBaseMs: 1_000, retryMaxMs: 5_000 };

describe('recipients', () => {
  it('stores one form per address so one person is one line', () => {
    expect(normalizeRecipient('email', ' Priya@Example.COM ')).toBe('priya@example.com');
    expect(normalizeRecipient('whatsapp', '+919812345678')).toBe('919812345678');
    expect(normalizeRecipient('telegram', '-100123')).toBe('-100123');
  });

  it('refuses an address that does not fit the channel', () => {
    expect(() => normalizeRecipient('email', 'not-an-address')).toThrow(
      expect.objectContaining({ code: 'notifications.invalid_recipient' }),
    );
    expect(() => normalizeRecipient('whatsapp', 'priya@example.com')).toThrow(
      expect.objectContaining({ code: 'notifications.invalid_recipient' }),
    );
  });
});

describe('attachments', () => {
  const file = (bytes: number) => ({
    filename: 'a.bin',
    contentType: 'application/octet-stream',
    base64: Buffer.alloc(bytes).toString('base64'),
  });

  it('accepts small inline files and refuses more than 1 MiB in total or broken base64', () => {
    expect(() => checkAttachments([file(1000), file(2000)])).not.toThrow();
    expect(() => checkAttachments([file(600_000), file(600_000)])).toThrow(
      expect.objectContaining({ code: 'notifications.attachments_too_large' }),
    );
    expect(() => checkAttachments([{ ...file(10), base64: 'no!' }])).toThrow(
      expect.objectContaining({ code: 'notifications.invalid_attachment' }),
    );
  });

  it('accepts a content id for an inline image and refuses one that could break the MIME header', () => {
    expect(() => checkAttachments([{ ...file(10), contentId: 'qr@opsdesk' }])).not.toThrow();
    for (const contentId of ['', 'a b', 'qr>\r\nBcc: x@y', 'x'.repeat(65)])
      expect(() => checkAttachments([{ ...file(10), contentId }]), contentId).toThrow(
        expect.objectContaining({ code: 'notifications.invalid_attachment' }),
      );
  });
});

describe('retries', () => {
  it('doubles the wait after each failure, up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, settings))).toEqual([
      1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
  });

  it('is queued again for later, and fails (final) after the last attempt or at once on a permanent refusal', () => {
    expect(afterFailure(2, false, now, settings)).toEqual({ status: 'queued', nextAttemptAt: at(2_000) });
    expect(afterFailure(5, false, now, settings)).toEqual({ status: 'failed' });
    expect(afterFailure(1, true, now, settings)).toEqual({ status: 'failed' });
  });

  it('reads delivery settings from the organization, with defaults for missing or wrong values', () => {
    expect(deliverySettingsOf({})).toEqual({
      maxAttempts: 5,
      retryBaseMs: 60_000,
      retryMaxMs: 3_600_000,
      paceMs: {},
    });
    expect(
      deliverySettingsOf({ notifications: { maxAttempts: 'ten', paceMs: { whatsapp: 8_000 } } }),
    ).toMatchObject({
      maxAttempts: 5,
      paceMs: { whatsapp: 8_000 },
    });
  });
});

describe('the lease of a claim', () => {
  it('presumes a sending worker dead three send timeouts after its claim, and never before the channel could report', () => {
    expect(staleSendingMs(SEND_TIMEOUT_MS)).toBe(3 * 60_000);
    expect(staleSendingMs(5_000)).toBe(15_000);
    // WhatsApp: Meta's `sent` status may take a minute; a retake before it could double the message.
    expect(staleSendingMs(5_000, 60_000)).toBe(65_000);
    expect(staleSendingMs(SEND_TIMEOUT_MS, 60_000)).toBe(3 * 60_000);
  });
});

describe('a message’s outcome, one meaning for every module', () => {
  it('is delivered only on the network’s word, lost when the outbox or the network gave it up', () => {
    expect(outcomeOf('sent', 'delivered')).toBe('delivered');
    expect(outcomeOf('sent', null)).toBe('waiting');
    expect(outcomeOf('queued', null)).toBe('waiting');
    expect(outcomeOf('sending', null)).toBe('waiting');
    expect(outcomeOf('sent', 'failed')).toBe('lost');
    for (const status of ['failed', 'undeliverable', 'unconfirmed'] as const)
      expect(outcomeOf(status, null)).toBe('lost');
  });
});

describe('the kept error of a message that cannot go out as addressed', () => {
  it('gives back the reason and the words it was written with, and no reason for plain words', () => {
    const kept = undeliverableError(
      'whatsapp_window_closed',
      'The person last wrote: more than 24 hours ago',
    );
    expect(reasonOfError(kept)).toEqual({
      reason: 'whatsapp_window_closed',
      words: 'The person last wrote: more than 24 hours ago',
    });
    expect(reasonOfError('Meta answered 500')).toEqual({ reason: null, words: 'Meta answered 500' });
  });
});
