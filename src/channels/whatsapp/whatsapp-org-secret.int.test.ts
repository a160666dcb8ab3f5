import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { ConversationsTables } from '../../core/conversations/index.ts';
import { startWhatsAppStandin, type WhatsAppStandin } from './sandbox/whatsapp-graph.ts';

const ENV_SECRET = 'deployment-meta-app-secret';
const NORTH = { number: '15550101', secret: 'north-meta-app-secret-1111', token: 'EAAG-north-token-1111' };
const SOUTH = { number: '15550202', secret: 'south-meta-app-secret-2222', token: 'EAAG-south-token-2222' };

let wa: WhatsAppStandin;
let app: TestApp;
let hook: string;
const orgIds: Record<string, string> = {};

beforeAll(async () => {
  wa = await startWhatsAppStandin();
  app = await startTestApp({
    env: {
      WHATSAPP_APP_SECRET: ENV_SECRET,
      WHATSAPP_ACCESS_TOKEN: wa.accessToken,
      WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
      WHATSAPP_API_BASE_URL: wa.url,
    },
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  hook = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}/webhooks/whatsapp`;
  for (const [slug, org] of [
    ['north', NORTH],
    ['south', SOUTH],
  ] as const) {
    orgIds[slug] = await app.createOrg(slug, `owner@${slug}.example`);
    const owner = await app.signIn(`owner@${slug}.example`, undefined, slug);
    const res = await owner.patch('/api/org', {
      settings: { whatsapp: { phoneNumberId: org.number, accessToken: org.token, appSecret: org.secret } },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(async () => {
  await app?.close();
  await wa?.close();
});

/** The inbound messages stored for `orgId`, by WhatsApp message id. */
const storedIds = async (orgId: string) =>
  (
    await app.database.db
      .withTables<ConversationsTables>()
      .selectFrom('conversation_message')
      .select('channel_message_id')
      .where('org_id', '=', orgId)
      .where('direction', '=', 'in')
      .execute()
  ).map((r) => r.channel_message_id);

describe('WhatsApp webhook signatures per organization', () => {
  it("accepts a delivery for org B's number signed with org B's app secret, and refuses it for org A's number", async () => {
    const forSouth = wa.textMessage({
      from: '595981200001',
      text: 'hola',
      id: 'wamid.south-1',
      phoneNumberId: SOUTH.number,
    });
    expect((await wa.deliverWebhook({ to: hook, appSecret: SOUTH.secret, payload: forSouth })).status).toBe(
      200,
    );
    expect(await storedIds(orgIds.south!)).toEqual(['wamid.south-1']);

    // South's secret does not speak for north's number, nor the deployment's for a number with its own.
    const forNorth = wa.textMessage({
      from: '595981200002',
      text: 'hola',
      id: 'wamid.north-1',
      phoneNumberId: NORTH.number,
    });
    const bySouth = await wa.deliverWebhook({ to: hook, appSecret: SOUTH.secret, payload: forNorth });
    expect(bySouth.status).toBe(401);
    expect(JSON.parse(bySouth.body)).toMatchObject({ code: 'whatsapp.signature_invalid' });
    expect((await wa.deliverWebhook({ to: hook, appSecret: ENV_SECRET, payload: forNorth })).status).toBe(
      401,
    );
    expect(await storedIds(orgIds.north!)).toEqual([]);

    // North's own secret is accepted for north.
    expect((await wa.deliverWebhook({ to: hook, appSecret: NORTH.secret, payload: forNorth })).status).toBe(
      200,
    );
    expect(await storedIds(orgIds.north!)).toEqual(['wamid.north-1']);
  });

  it('checks the deployment number and unknown numbers against WHATSAPP_APP_SECRET', async () => {
    const forDefault = wa.textMessage({ from: '595981200003', text: 'hola', id: 'wamid.default-1' });
    expect((await wa.deliverWebhook({ to: hook, appSecret: NORTH.secret, payload: forDefault })).status).toBe(
      401,
    );
    expect((await wa.deliverWebhook({ to: hook, appSecret: ENV_SECRET, payload: forDefault })).status).toBe(
      200,
    );
    const forUnknown = wa.textMessage({ from: '595981200004', text: 'hola', phoneNumberId: '15559999' });
    expect((await wa.deliverWebhook({ to: hook, appSecret: SOUTH.secret, payload: forUnknown })).status).toBe(
      401,
    );
    expect((await wa.deliverWebhook({ to: hook, appSecret: ENV_SECRET, payload: forUnknown })).status).toBe(
      200,
    );
  });

  it('refuses one delivery that speaks for two organizations signed by only one of them', async () => {
    const north = wa.textMessage({
      from: '595981200005',
      text: 'a',
      id: 'wamid.both-n',
      phoneNumberId: NORTH.number,
    });
    const south = wa.textMessage({
      from: '595981200006',
      text: 'b',
      id: 'wamid.both-s',
      phoneNumberId: SOUTH.number,
    });
    const both = { ...north, entry: [...(north.entry as unknown[]), ...(south.entry as unknown[])] };
    expect((await wa.deliverWebhook({ to: hook, appSecret: NORTH.secret, payload: both })).status).toBe(401);
    expect((await storedIds(orgIds.south!)).includes('wamid.both-s')).toBe(false);
  });
});
