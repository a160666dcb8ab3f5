import { describe, expect, it } from 'vitest';
import { momoConfigSchema, momoSettingsOf } from './momo.config.ts';

const credentials = { MOMO_SUBSCRIPTION_KEY: 'k', MOMO_API_USER: 'u', MOMO_API_KEY: 'a' };

describe('MTN MoMo settings', () => {
  it('offers MoMo only when every credential is set', () => {
    expect(momoSettingsOf(momoConfigSchema.parse({}), undefined)).toBeUndefined();
    const { MOMO_API_KEY: _, ...partial } = credentials;
    expect(momoSettingsOf(momoConfigSchema.parse(partial), undefined)).toBeUndefined();
    expect(momoSettingsOf(momoConfigSchema.parse(credentials), undefined)).toEqual({
      baseUrl: 'https://sandbox.momodeveloper.mtn.com',
      subscriptionKey: 'k',
      apiUser: 'u',
      apiKey: 'a',
      targetEnvironment: 'sandbox',
    });
  });

  it('tells MTN to post its hints to the public URL', () => {
    const settings = momoSettingsOf(momoConfigSchema.parse(credentials), 'https://desk.example.com/');
    expect(settings?.callbackUrl).toBe('https://desk.example.com/webhooks/momo');
  });
});
