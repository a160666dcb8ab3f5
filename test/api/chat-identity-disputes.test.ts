import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramAccounts } from '../../src/channels/telegram/index.ts';
import { startTelegramStandin } from '../../src/channels/telegram/sandbox/telegram-bot-api.ts';
import { createWhatsAppAccounts } from '../../src/channels/whatsapp/index.ts';
import {
  startWhatsAppStandin,
  type WhatsAppStandin,
} from '../../src/channels/whatsapp/sandbox/whatsapp-graph.ts';
import type { ConversationsTables } from '../../src/core/conversations/index.ts';
import { reconcileChannelClaims, sealPlaintextOrgSecrets } from '../../src/core/orgs/index.ts';
import { eventually } from '../support/eventually.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Issue 26, item 1: databases written before claims existed. Several organizations naming one
 * number are reported, not resolved: the number routes to none of them until all but one remove it.
 */
const ENV_SECRET = 'deployment-meta-app-secret';
const SHARED = '15550303';
const NORTH_HOOK = 'north-tg-hook-1';
const SOUTH_HOOK = 'south-tg-hook-2';

let wa: WhatsAppStandin;
let tg: Awaited<ReturnType<typeof startTelegramStandin>>;
let app: TestApp;
let base: string;
const ids: Record<string, string> = {};

/** What every start does after migrating: seal old plaintext secrets, then reconcile the claims. */
const restartSteps = async () => {
  await sealPlaintextOrgSecrets(app.database.db, app.secrets);
  return reconcileChannelClaims(app.database.db, {
    claimed: app.claimed,
    secrets: app.secrets,
    config: app.config,
  });
};
/** Writes settings as an older version did: straight into the row, no claim. */
const writeOldRow = (slug: string, key: string, value: object) =>
  app.database.pool.query(
    `update organization set settings = jsonb_set(settings, $1, $2::jsonb) where slug = $3`,
    [`{${key}}`, JSON.stringify(value), slug],
  );
const storedFrom = async (slug: string, channel: string) =>
  (
    await app.database.db
      .withTables<ConversationsTables>()
      .selectFrom('conversation_message as m')
      .innerJoin('conversation as c', 'c.id', 'm.conversation_id')
      .select('c.external_id')
      .where('m.org_id', '=', ids[slug]!)
      .where('c.channel', '=', channel)
      .where('m.direction', '=', 'in')
      .execute()
  ).map((r) => r.external_id);

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
    },
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
  for (const slug of ['east', 'west', 'north', 'south'])
    ids[slug] = await app.createOrg(slug, `owner@${slug}.example`);
});
afterAll(async () => {
  await app?.close();
  await wa?.close();
  await tg?.close();
});

describe('chat identities several organizations named before claims existed', () => {
  it('reports them at start, refuses their deliveries, and lets the last organization naming one have it', async () => {
    const north = await app.signIn('owner@north.example', undefined, 'north');
    const claimed = await north.patch('/api/org', {
      settings: { telegram: { botToken: tg.token, webhookSecret: NORTH_HOOK } },
    });
    expect(claimed.statusCode, claimed.body).toBe(200);
    await writeOldRow('east', 'whatsapp', { phoneNumberId: SHARED });
    await writeOldRow('west', 'whatsapp', { phoneNumberId: SHARED });
    await writeOldRow('south', 'telegram', { botToken: tg.token, webhookSecret: SOUTH_HOOK });

    expect(await restartSteps()).toEqual([
      { kind: 'whatsapp.phoneNumberId', identity: SHARED, without: ['east', 'west'] },
      { kind: 'telegram.botToken', identity: tg.token.split(':')[0], holder: 'north', without: ['south'] },
    ]);

    // Meta's delivery for the disputed number is refused before anything is stored (Meta redelivers later).
    const hello = wa.textMessage({
      from: '595981400001',
      text: 'hola',
      id: 'wamid.d-1',
      phoneNumberId: SHARED,
    });
    const refused = await wa.deliverWebhook({
      to: `${base}/webhooks/whatsapp`,
      appSecret: ENV_SECRET,
      payload: hello,
    });
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'orgs.identity_disputed' });
    expect([...(await storedFrom('east', 'whatsapp')), ...(await storedFrom('west', 'whatsapp'))]).toEqual(
      [],
    );
    // Neither sends from it.
    const whatsapp = createWhatsAppAccounts(app.database.db, app.config);
    expect(await whatsapp.readForOrg(ids.east!)).toBeUndefined();
    expect(await whatsapp.readForOrg(ids.west!)).toBeUndefined();

    // Saving it again does not settle the dispute for one of them.
    const east = await app.signIn('owner@east.example', undefined, 'east');
    const again = await east.patch('/api/org', { settings: { whatsapp: { phoneNumberId: SHARED } } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'orgs.identity_disputed',
      errors: [{ field: 'body.settings.whatsapp.phoneNumberId' }],
    });

    // East lets go; west saves it and from then on receives the number's customers.
    expect((await east.patch('/api/org', { settings: { whatsapp: null } })).statusCode).toBe(200);
    const west = await app.signIn('owner@west.example', undefined, 'west');
    const taken = await west.patch('/api/org', { settings: { whatsapp: { phoneNumberId: SHARED } } });
    expect(taken.statusCode, taken.body).toBe(200);
    const delivered = await wa.deliverWebhook({
      to: `${base}/webhooks/whatsapp`,
      appSecret: ENV_SECRET,
      payload: hello,
    });
    expect(delivered.status, delivered.body).toBe(200);
    expect(await storedFrom('west', 'whatsapp')).toEqual(['595981400001']);
    expect(await storedFrom('east', 'whatsapp')).toEqual([]);
    expect((await restartSteps()).map((d) => d.kind)).toEqual(['telegram.botToken']);
  });

  it("gives south's callback path none of the updates of the bot north holds, and south cannot send through it", async () => {
    // South's old row still names north's bot: with the token, it points the bot at its own path.
    await fetch(`${tg.url}/bot${tg.token}/setWebhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${base}/webhooks/telegram/south`, secret_token: SOUTH_HOOK }),
    });
    tg.userSendsText(4_300_001, 'hello');
    const first = await eventually(() => tg.webhookDeliveries[0], { what: "south's path to answer" });
    expect(first.status).toBe(403);
    expect(await storedFrom('south', 'telegram')).toEqual([]);
    expect(await createTelegramAccounts(app.database.db, app.config).forOrg(ids.south!)).toBeUndefined();
    expect(await createTelegramAccounts(app.database.db, app.config).forOrg(ids.north!)).toMatchObject({
      token: tg.token,
    });
  });

  it('keeps the claims of sealed tokens a start cannot open (a wrong OPSDESK_SECRET_KEY) instead of freeing them', async () => {
    const wrongKey = { ...app.secrets, key: 'w'.repeat(40) };
    await reconcileChannelClaims(app.database.db, {
      claimed: app.claimed,
      secrets: wrongKey,
      config: app.config,
    });
    const { rows } = await app.database.pool.query(
      `select o.slug from org_channel_claim c join organization o on o.id = c.org_id where c.kind = 'telegram.botToken'`,
    );
    expect(rows.map((r) => r.slug)).toEqual(['north']);
  });
});
