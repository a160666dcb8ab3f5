import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramAccounts } from '../../src/channels/telegram/index.ts';
import { createWhatsAppAccounts } from '../../src/channels/whatsapp/index.ts';
import { reconcileChannelClaims, sealPlaintextOrgSecrets } from '../../src/core/orgs/index.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

const ACCESS_TOKEN = 'EAAG-north-whatsapp-token-7731';
const APP_SECRET = 'north-meta-app-secret-4410';
const BOT_TOKEN = '777001:north-telegram-bot-token-5521';
const WEBHOOK_SECRET = 'north-webhook-secret-9090';
const PLAINTEXTS = [ACCESS_TOKEN, APP_SECRET, BOT_TOKEN, WEBHOOK_SECRET];

let app: TestApp;
let owner: ApiClient;
let viewer: ApiClient;
let northId: string;

const settingsRow = async () =>
  JSON.stringify(
    (await app.database.pool.query('select settings from organization where id = $1', [northId])).rows[0]
      .settings,
  );
const auditRows = async () =>
  (
    await app.database.pool.query(
      `select before, after from audit_event where org_id = $1 and action = 'platform.organization.updated' order by at`,
      [northId],
    )
  ).rows;
const expectNoPlaintext = (text: string) => {
  for (const secret of PLAINTEXTS) expect(text).not.toContain(secret);
};

beforeAll(async () => {
  app = await startTestApp();
  northId = await app.createOrg('north', 'owner@north.example');
  await app.createStaff({ email: 'viewer@north.example', role: 'viewer', org: 'north' });
  owner = await app.signIn('owner@north.example', undefined, 'north');
  viewer = await app.signIn('viewer@north.example', undefined, 'north');
});
afterAll(() => app.close());

describe('channel secrets in organization settings', () => {
  it('takes secrets in plaintext through PATCH and never answers, stores or audits them in plaintext', async () => {
    const res = await owner.patch('/api/org', {
      settings: {
        whatsapp: { phoneNumberId: '15550001', accessToken: ACCESS_TOKEN, appSecret: APP_SECRET },
        telegram: { botToken: BOT_TOKEN, webhookSecret: WEBHOOK_SECRET },
      },
    });
    expect(res.statusCode).toBe(200);
    expectNoPlaintext(res.body);
    expect(res.json().settings).toEqual({
      whatsapp: {
        phoneNumberId: '15550001',
        accessToken: { set: true, last4: '7731' },
        appSecret: { set: true, last4: '4410' },
      },
      telegram: { botToken: { set: true, last4: '5521' }, webhookSecret: { set: true, last4: '9090' } },
      // the mess's own secret setting (the original system's QR_SECRET, issue 42), shown unset
      mess: { legacyQrSecret: { set: false } },
      // the SMS channel's own account key (issue 52), shown unset
      sms: { apiKey: { set: false } },
    });
    expect(res.json().secretSettings).toEqual(
      expect.arrayContaining([
        'whatsapp.accessToken',
        'whatsapp.appSecret',
        'telegram.botToken',
        'telegram.webhookSecret',
        'sms.apiKey',
      ]),
    );

    const read = await viewer.get('/api/org');
    expect(read.statusCode).toBe(200);
    expectNoPlaintext(read.body);
    expect(read.body).not.toContain('"sealed"');
    expect(read.json().settings.telegram.botToken).toEqual({ set: true, last4: '5521' });

    const row = await settingsRow();
    expectNoPlaintext(row);
    expect(row).toContain('"phoneNumberId":"15550001"'); // routing key stays plain for the webhook lookup
    const audit = JSON.stringify(await auditRows());
    expectNoPlaintext(audit);
    expect(audit).not.toContain('"sealed"');
    expect(audit).toContain('"last4":"7731"');
  });

  it('opens the sealed secrets for the channel account lookups and the per-bot webhook', async () => {
    const whatsapp = createWhatsAppAccounts(app.database.db, app.config);
    expect(await whatsapp.forPhone('15550001')).toMatchObject({ orgId: northId, accessToken: ACCESS_TOKEN });
    expect(await whatsapp.forOrg(northId)).toMatchObject({
      phoneNumberId: '15550001',
      accessToken: ACCESS_TOKEN,
    });
    const telegram = createTelegramAccounts(app.database.db, app.config);
    expect(await telegram.forSlug('north')).toEqual({
      orgId: northId,
      token: BOT_TOKEN,
      webhookSecret: WEBHOOK_SECRET,
    });

    const update = { update_id: 1, message: { message_id: 1, date: 1, chat: { id: 5, type: 'private' } } };
    const post = (secret: string) =>
      app.anonymous().post('/webhooks/telegram/north', update, { 'x-telegram-bot-api-secret-token': secret });
    expect((await post('wrong-secret')).statusCode).toBe(401);
    expect((await post(WEBHOOK_SECRET)).statusCode).toBe(200);
  });

  it('keeps a secret when its object is patched without it, and clears it with null', async () => {
    const kept = await owner.patch('/api/org', {
      settings: {
        whatsapp: { phoneNumberId: '15550001', accessToken: { set: true, last4: '7731' }, flow: 'raffle' },
      },
    });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().settings.whatsapp).toEqual({
      phoneNumberId: '15550001',
      flow: 'raffle',
      accessToken: { set: true, last4: '7731' },
      appSecret: { set: true, last4: '4410' },
    });
    const cleared = await owner.patch('/api/org', {
      settings: { telegram: { botToken: null, webhookSecret: null } },
    });
    expect(cleared.json().settings.telegram).toEqual({
      botToken: { set: false },
      webhookSecret: { set: false },
    });
    expect(await createTelegramAccounts(app.database.db, app.config).forSlug('north')).toBeUndefined();
  });

  it('refuses a secret of the wrong shape with problem+json that does not echo it', async () => {
    const res = await owner.patch('/api/org', {
      settings: { whatsapp: { accessToken: { token: ACCESS_TOKEN } } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().errors[0].field).toBe('body.settings.whatsapp.accessToken');
    expectNoPlaintext(res.body);
  });

  it('answers an empty patch with the organization unchanged and writes no audit entry', async () => {
    const before = (await owner.get('/api/org')).json();
    const entries = (await auditRows()).length;
    for (const body of [{}, { settings: {} }]) {
      const res = await owner.patch('/api/org', body);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(before);
    }
    expect((await auditRows()).length).toBe(entries);
  });

  it('seals plaintext secrets that older versions stored', async () => {
    await app.database.pool.query(
      `update organization set settings = jsonb_set(settings, '{telegram}', $1::jsonb) where id = $2`,
      [JSON.stringify({ botToken: BOT_TOKEN, webhookSecret: WEBHOOK_SECRET }), northId],
    );
    expect(await sealPlaintextOrgSecrets(app.database.db, app.secrets)).toBe(2);
    expectNoPlaintext(await settingsRow());
    // …and, as every start does, gives north the claim of the bot its old row names.
    await reconcileChannelClaims(app.database.db, {
      claimed: app.claimed,
      secrets: app.secrets,
      config: app.config,
    });
    expect(await createTelegramAccounts(app.database.db, app.config).forSlug('north')).toMatchObject({
      token: BOT_TOKEN,
    });
    expect(await sealPlaintextOrgSecrets(app.database.db, app.secrets)).toBe(0);
  });
});
