import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/index.ts';
import { notificationCatalogs } from './notifications.catalog.ts';
import { registerTemplate, renderTemplate } from './templates.ts';

describe('notification templates', () => {
  it('renders the core test message in English, Hindi and Spanish', () => {
    const data = { name: 'Asha', orgName: 'Hostel Mess' };
    expect(renderTemplate('core.test_message', 'en', data).subject).toBe('Test message from Hostel Mess');
    expect(renderTemplate('core.test_message', 'hi', data).body).toContain('नमस्ते Asha');
    expect(renderTemplate('core.test_message', 'es', data).body).toContain('Hola Asha');
  });

  it('has every key in every language', () => {
    expect(createI18n({ catalogs: { notifications: notificationCatalogs } }).findMissingKeys()).toEqual([]);
  });

  it('refuses unknown templates, data that does not fit, and a key taken by another template', () => {
    expect(() => renderTemplate('core.nothing', 'en', {})).toThrow(
      expect.objectContaining({ code: 'unknown_template' }),
    );
    expect(() => renderTemplate('core.test_message', 'en', { name: '' })).toThrow(
      expect.objectContaining({ code: 'invalid_template_data' }),
    );
    expect(() => registerTemplate('core.test_message', { subject: () => '', body: () => '' })).toThrow(
      /twice/,
    );
  });
});
