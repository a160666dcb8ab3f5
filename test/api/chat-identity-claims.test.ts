import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegramStandin } from '../../src/channels/telegram/sandbox/telegram-bot-api.ts';
import {
  startWhatsAppStandin,
  type WhatsAppStandin,
} from '../../src/channels/whatsapp/sandbox/whatsapp-graph.ts';
import type { ConversationsTables } from '../../src/core/conversations/index.ts';
import { eventually } from '../support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Issue 26, item 1: a chat identity (a WhatsApp number, a Telegram bot) belongs to one organization
 * of the deployment. Two organizations, driven through the API and the stand-ins' wire protocols:
 * the second claim is refused, and the holder keeps receiving its customers.
 */
const ENV_SECRET = 'deployment-meta-app-secret';
const DEPLOYMENT_BOT = '7999999999:DeploymentBotTokenNeverCalled-0000';
const NUMBER = '15550111';
const NORTH = {
  secret: 'north-meta-app-secret-1111',
  token: 'EAAG-north-token-1111',
  hook: 'north-tg-hook-1',
};
const SOUTH = {
  secret: 'south-meta-app-secret-2222',
  token: 'EAAG-south-token-2222',
  hook: 'south-tg-hook-2',
};

let wa: WhatsAppStandin;
let tg: Awaited<ReturnType<typeof startTelegramStandin>>;
let app: TestApp;
let base: string;
let north: ApiClient;
let south: ApiClient;
const orgIds: Record<'north' | 'south', string> = { north: '', south: '' };

beforeAll(async () => {
  wa = await startWhatsAppStandin();
  tg = await startTelegramStandin();
  app = await startTestApp({
    env: {
      WHATSAPP_APP_SECRET: ENV_SECRET,
      WHATSAPP_ACCESS_TOKEN: wa.accessToken,
      WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
      WHATSAPP_API_BASE_URL: wa.url,
      TELEGRAM_API_ROOT: tg.url,
      TELEGRAM_BOT_TOKEN: DEPLOYMENT_BOT,
    },
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
  orgIds.north = await app.createOrg('north', 'owner@north.example');
  orgIds.south = await app.createOrg('south', 'owner@south.example');
  north = await app.signIn('owner@north.example', undefined, 'north');
  south = await app.signIn('owner@south.example', undefined, 'south');
});
afterAll(async () => {
  await app?.close();
  await wa?.close();
  await tg?.close();
});

/** The inbound messages stored for an organization on a channel: the channel's message id, or who wrote. */
const storedIn = async (orgId: string, channel: string, by: 'id' | 'from' = 'id') =>
  (
    await app.database.db
      .withTables<ConversationsTables>()
      .selectFrom('conversation_message as m')
      .innerJoin('conversation as c', 'c.id', 'm.conversation_id')
      .select(['m.channel_message_id', 'c.external_id'])
      .where('m.org_id', '=', orgId)
      .where('c.channel', '=', channel)
      .where('m.direction', '=', 'in')
      .execute()
  ).map((r) => (by === 'id' ? r.channel_message_id : r.external_id));

const orgUpdates = async (orgId: string) =>
  Number(
    (
      await app.database.pool.query(
        `select count(*) from audit_event where org_id = $1 and action = 'platform.organization.updated'`,
        [orgId],
      )
    ).rows[0].count,
  );

/** Expects a 409 naming the setting, and that the organization and its audit trail are as before. */
async function expectRefusedClaim(
  client: ApiClient,
  orgId: string,
  body: object,
  setting: string,
  code: string,
) {
  const before = (await client.get('/api/org')).json();
  const audited = await orgUpdates(orgId);
  const res = await client.patch('/api/org', body);
  expect(res.statusCode, res.body).toBe(409);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ code, errors: [{ field: `body.settings.${setting}` }] });
  expect((await client.get('/api/org')).json()).toEqual(before);
  expect(await orgUpdates(orgId)).toBe(audited);
}

describe('one WhatsApp number, one organization', () => {
  it("refuses the number north holds to south with 409 and keeps nothing of that patch; north keeps its customers, and south's app secret speaks for none of them", async () => {
    const claim = await north.patch('/api/org', {
      settings: { whatsapp: { phoneNumberId: NUMBER, accessToken: NORTH.token, appSecret: NORTH.secret } },
    });
    expect(claim.statusCode, claim.body).toBe(200);

    await expectRefusedClaim(
      south,
      orgIds.south,
      {
        name: 'South renamed',
        settings: { whatsapp: { phoneNumberId: NUMBER, accessToken: SOUTH.token, appSecret: SOUTH.secret } },
      },
      'whatsapp.phoneNumberId',
      'orgs.identity_claimed',
    );

    // A customer writes to the number: Meta's signed delivery reaches north, and only north.
    const hello = wa.textMessage({
      from: '595981300001',
      text: 'hola',
      id: 'wamid.claim-1',
      phoneNumberId: NUMBER,
    });
    const res = await wa.deliverWebhook({
      to: `${base}/webhooks/whatsapp`,
      appSecret: NORTH.secret,
      payload: hello,
    });
    expect(res.status, res.body).toBe(200);
    expect(await storedIn(orgIds.north, 'whatsapp')).toEqual(['wamid.claim-1']);
    expect(await storedIn(orgIds.south, 'whatsapp')).toEqual([]);

    // South's app secret does not speak for north's number.
    const forged = wa.textMessage({
      from: '595981300002',
      text: 'hola',
      id: 'wamid.claim-2',
      phoneNumberId: NUMBER,
    });
    const refused = await wa.deliverWebhook({
      to: `${base}/webhooks/whatsapp`,
      appSecret: SOUTH.secret,
      payload: forged,
    });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'whatsapp.signature_invalid' });
    expect(await storedIn(orgIds.north, 'whatsapp')).not.toContain('wamid.claim-2');
    expect(await storedIn(orgIds.south, 'whatsapp')).not.toContain('wamid.claim-2');
  });

  it("refuses the deployment's own number (WHATSAPP_PHONE_NUMBER_ID) to any organization but the default one", async () => {
    // Without its own token, south would have sent from the default organization's number with the deployment's token.
    await expectRefusedClaim(
      south,
      orgIds.south,
      { settings: { whatsapp: { phoneNumberId: wa.phoneNumberId } } },
      'whatsapp.phoneNumberId',
      'orgs.identity_claimed',
    );
  });

  it('lets a number go once its holder releases it, and refuses a value that is no number id', async () => {
    const other = '15550112';
    expect(
      (await north.patch('/api/org', { settings: { whatsapp: { phoneNumberId: other } } })).statusCode,
    ).toBe(200);
    const taken = await south.patch('/api/org', {
      settings: { whatsapp: { phoneNumberId: NUMBER, accessToken: SOUTH.token, appSecret: SOUTH.secret } },
    });
    expect(taken.statusCode, taken.body).toBe(200);
    const bad = await south.patch('/api/org', { settings: { whatsapp: { phoneNumberId: '+1 555 0111' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'body.settings.whatsapp.phoneNumberId' }] });
    // North moved to another number: the one it left is south's now, and north gets it back only after south lets go.
    await expectRefusedClaim(
      north,
      orgIds.north,
      {
        settings: { whatsapp: { phoneNumberId: NUMBER, accessToken: NORTH.token, appSecret: NORTH.secret } },
      },
      'whatsapp.phoneNumberId',
      'orgs.identity_claimed',
    );
  });
});

describe('one Telegram bot, one organization', () => {
  it("refuses north's bot to south, by bot id (a regenerated token too) and the deployment's bot; north's updates arrive through its own path", async () => {
    const claim = await north.patch('/api/org', {
      settings: { telegram: { botToken: tg.token, webhookSecret: NORTH.hook } },
    });
    expect(claim.statusCode, claim.body).toBe(200);

    const botId = tg.token.split(':')[0];
    for (const botToken of [tg.token, `${botId}:RegeneratedTokenOfTheSameBot-1`])
      await expectRefusedClaim(
        south,
        orgIds.south,
        { name: 'South renamed', settings: { telegram: { botToken, webhookSecret: SOUTH.hook } } },
        'telegram.botToken',
        'orgs.identity_claimed',
      );
    await expectRefusedClaim(
      south,
      orgIds.south,
      { settings: { telegram: { botToken: DEPLOYMENT_BOT, webhookSecret: SOUTH.hook } } },
      'telegram.botToken',
      'orgs.identity_claimed',
    );
    const bad = await south.patch('/api/org', { settings: { telegram: { botToken: 'not a bot token' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'body.settings.telegram.botToken' }] });
    expect(bad.body).not.toContain('not a bot token');

    // The bot delivers to north's callback path with north's secret token; the update is north's.
    await setBotWebhook(`${base}/webhooks/telegram/north`, NORTH.hook);
    tg.userSendsText(4_200_001, 'hello');
    await eventually(async () => (await storedIn(orgIds.north, 'telegram', 'from')).includes('4200001'), {
      what: "north's Telegram update",
    });
    await eventually(() => tg.webhookDeliveries.length > 0, { what: 'the delivery to be answered' });
    expect(tg.webhookDeliveries.map((d) => d.status)).toEqual([200]);
    expect(await storedIn(orgIds.south, 'telegram')).toEqual([]);

    // North's path refuses an update carrying south's secret token.
    const update = {
      update_id: 900_000_001,
      message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, text: 'x' },
    };
    const refused = await app.anonymous().post('/webhooks/telegram/north', update, {
      'x-telegram-bot-api-secret-token': SOUTH.hook,
    });
    expect(refused.statusCode).toBe(401);
  });
});

/** Points the stand-in bot's webhook at a URL, as `setWebhook` does on the real Bot API. */
async function setBotWebhook(url: string, secret: string) {
  const res = await fetch(`${tg.url}/bot${tg.token}/setWebhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url, secret_token: secret }),
  });
  expect(res.status).toBe(200);
}
