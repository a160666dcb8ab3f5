import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/index.ts';
import { testMessageTemplate } from './core-templates.ts';
import { notificationCatalogs } from './notifications.catalog.ts';
import { defineTemplate, renderTemplate } from './templates.ts';

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
