import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createI18n } from '../i18n/index.ts';
import { testMessageTemplate } from './core-templates.ts';
import { notificationCatalogs } from './notifications.catalog.ts';
import { defineTemplate, listed, renderTemplate } from './templates.ts';

describe('notification templates', () => {
  it('renders the core test message in English, Hindi and Spanish', () => {
    const data = { name: 'Asha', orgName: 'Hostel Mess' };
    expect(renderTemplate(testMessageTemplate, 'en', data).subject).toBe('Test message from Hostel Mess');
    expect(renderTemplate(testMessageTemplate, 'hi', data).body).toContain('नमस्ते Asha');
    expect(renderTemplate(testMessageTemplate, 'es', data).body).toContain('Hola Asha');
  });

  it('has every key in every language', () => {
    expect(createI18n({ catalogs: { notifications: notificationCatalogs } }).findMissingKeys()).toEqual([]);
  });

  it('refuses data that does not fit and keys that are not dotted lowercase', () => {
    expect(() => renderTemplate(testMessageTemplate, 'en', { name: '', orgName: 'x' })).toThrow(
      expect.objectContaining({ code: 'notifications.invalid_template_data' }),
    );
    expect(() => defineTemplate({ key: 'Core Test', subject: () => '', body: () => '' })).toThrow(/dotted/);
  });
});

describe("a template's fallback", () => {
  const text = defineTemplate({ key: 'core.pickup_sms', body: () => 'Your parcel is ready.' });
  const pickup = defineTemplate({
    key: 'core.pickup',
    body: () => 'Your parcel waits at the desk.',
    fallback: { channel: 'sms', template: listed(text) },
  });

  it('may not fall back again (a lost message would go back and forth between two channels)', () => {
    expect(() =>
      defineTemplate({
        key: 'core.twice',
        body: () => '',
        fallback: { channel: 'email', template: listed(pickup) },
      }),
    ).toThrow(/falls back to core.pickup, which falls back too/);
  });

  it('may not declare secrets (core queues it from the masked data, with no key to seal them)', () => {
    const code = defineTemplate<{ code: string }>({
      key: 'core.code_sms',
      data: z.object({ code: z.string() }),
      secrets: ['code'],
      body: (_locale, d) => d.code,
    });
    expect(() =>
      defineTemplate({
        key: 'core.code',
        body: () => '',
        fallback: { channel: 'sms', template: listed(code) },
      }),
    ).toThrow(/falls back to core.code_sms, which declares secrets/);
  });
});
