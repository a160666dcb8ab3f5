import { describe, expect, it } from 'vitest';
import {
  isSealedSetting,
  mergeSettings,
  openSetting,
  presentSettings,
  redactSettings,
  resealSecrets,
  sealPlaintextSecrets,
  sealSetting,
  settingAt,
} from './org-secrets.rules.ts';

const KEY = 'k'.repeat(40);
const NEW_KEY = 'n'.repeat(40);
const PATHS = ['whatsapp.accessToken', 'whatsapp.appSecret', 'telegram.botToken'];
const secrets = { paths: PATHS, key: KEY };
const TOKEN = 'EAAG-whatsapp-access-token-9876';

describe('secret organization settings', () => {
  it('seals a secret sent in a patch and keeps its neighbours plain', () => {
    const next = mergeSettings({}, { whatsapp: { phoneNumberId: '1555', accessToken: TOKEN } }, secrets);
    const stored = settingAt(next, 'whatsapp.accessToken');
    expect(isSealedSetting(stored)).toBe(true);
    expect(JSON.stringify(next)).not.toContain(TOKEN);
    expect(settingAt(next, 'whatsapp.phoneNumberId')).toBe('1555');
    expect(openSetting(stored, 'whatsapp.accessToken', KEY)).toBe(TOKEN);
  });

  it('keeps a stored secret when a patch of its object leaves it out or sends back what GET showed', () => {
    const stored = mergeSettings({}, { whatsapp: { phoneNumberId: '1555', accessToken: TOKEN } }, secrets);
    const box = settingAt(stored, 'whatsapp.accessToken');
    const omitted = mergeSettings(stored, { whatsapp: { phoneNumberId: '1666', flow: 'raffle' } }, secrets);
    expect(settingAt(omitted, 'whatsapp.accessToken')).toEqual(box);
    expect(settingAt(omitted, 'whatsapp.phoneNumberId')).toBe('1666');
    const roundTrip = mergeSettings(stored, presentSettings(stored, PATHS), secrets);
    expect(settingAt(roundTrip, 'whatsapp.accessToken')).toEqual(box);
    expect(settingAt(roundTrip, 'telegram.botToken')).toBeUndefined();
  });

  it('clears a secret sent as null or as { set: false }', () => {
    const stored = mergeSettings(
      {},
      { whatsapp: { accessToken: TOKEN, appSecret: 'app-secret-1234567' } },
      secrets,
    );
    const next = mergeSettings(
      stored,
      { whatsapp: { accessToken: null, appSecret: { set: false } } },
      secrets,
    );
    expect(next.whatsapp).toEqual({});
  });

  it('refuses a secret of the wrong shape without echoing it', () => {
    const attempt = () =>
      mergeSettings(
        {},
        { whatsapp: { accessToken: { sealed: 'v1.a.b.c' } }, telegram: { botToken: '' } },
        secrets,
      );
    expect(attempt).toThrow(/body.settings.whatsapp.accessToken; body.settings.telegram.botToken/);
    try {
      attempt();
    } catch (err) {
      expect(JSON.stringify(err)).not.toContain('v1.a.b.c');
    }
  });

  it('shows every declared secret as { set, last4 } and never a box', () => {
    const stored = mergeSettings({}, { whatsapp: { accessToken: TOKEN, appSecret: 'short' } }, secrets);
    const shown = presentSettings(stored, PATHS);
    expect(shown).toEqual({
      whatsapp: { accessToken: { set: true, last4: '9876' }, appSecret: { set: true } },
      telegram: { botToken: { set: false } },
    });
  });

  it('redacts for audit: absent secrets stay absent, an undeclared box is still hidden', () => {
    const box = sealSetting('a-sheets-private-key-abcd', 'mess.sheetsKey', KEY);
    const stored = {
      ...mergeSettings({}, { whatsapp: { accessToken: TOKEN } }, secrets),
      mess: { sheetsKey: box },
    };
    expect(redactSettings(stored, PATHS)).toEqual({
      whatsapp: { accessToken: { set: true, last4: '9876' } },
      mess: { sheetsKey: { set: true, last4: 'abcd' } },
    });
  });

  it('seals plaintext left by older versions and counts it; a second pass finds nothing', () => {
    const legacy = {
      whatsapp: { phoneNumberId: '1555', accessToken: TOKEN },
      telegram: { botToken: '123:abc' },
    };
    const first = sealPlaintextSecrets(legacy, secrets);
    expect(first.sealed).toBe(2);
    expect(JSON.stringify(first.settings)).not.toContain(TOKEN);
    expect(openSetting(settingAt(first.settings, 'telegram.botToken'), 'telegram.botToken', KEY)).toBe(
      '123:abc',
    );
    expect(sealPlaintextSecrets(first.settings, secrets).sealed).toBe(0);
  });

  it('re-seals under a new key, counts already rotated boxes and refuses a key that opens nothing', () => {
    const stored = {
      ...mergeSettings({}, { whatsapp: { accessToken: TOKEN }, telegram: { botToken: '123:abc' } }, secrets),
      gone: { apiKey: sealSetting('key of a module no longer enabled', 'gone.apiKey', KEY) },
    };
    const rotated = resealSecrets(stored, { from: KEY, to: NEW_KEY });
    expect(rotated).toMatchObject({ resealed: 3, alreadyNew: 0 });
    expect(openSetting(settingAt(rotated.settings, 'gone.apiKey'), 'gone.apiKey', NEW_KEY)).toBe(
      'key of a module no longer enabled',
    );
    expect(
      openSetting(settingAt(rotated.settings, 'whatsapp.accessToken'), 'whatsapp.accessToken', NEW_KEY),
    ).toBe(TOKEN);
    expect(resealSecrets(rotated.settings, { from: KEY, to: NEW_KEY })).toMatchObject({
      resealed: 0,
      alreadyNew: 3,
    });
    expect(() => resealSecrets(stored, { from: 'w'.repeat(40), to: NEW_KEY })).toThrow(
      /old key does not open whatsapp.accessToken/,
    );
  });

  it('does not open a box sealed for another setting', () => {
    const box = sealSetting(TOKEN, 'whatsapp.accessToken', KEY);
    expect(() => openSetting(box, 'telegram.botToken', KEY)).toThrow();
  });
});
