import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AirtelSandbox, callbackHash, startAirtelSandbox } from '../../src/channels/airtel/index.ts';
import { type MomoSandbox, startMomoSandbox } from '../../src/channels/momo/index.ts';
import { signWebhookBody } from '../../src/channels/whatsapp/sandbox/whatsapp-graph.webhooks.ts';
import type { Recipe } from '../../src/modules/coffee/recipe.schema.ts';
import { createRecipePackage } from '../../src/modules/coffee/rollouts.ts';
import { isUuid, UUID_SOURCE } from '../../src/platform/ids/index.ts';
import { coffeeDevices } from '../factories/coffee.ts';
import { orgCtx } from '../factories/org.ts';
import { signInToPortal } from '../factories/prepaid.ts';
import { createRaffle, createRaffleOrder } from '../factories/raffle.ts';
import { eventually } from '../support/eventually.ts';
import { type OpenApi, type Probe, publicProbes } from '../support/isolation-probes.ts';
import { listenOn, openStream } from '../support/live-stream.ts';
import { deviceCall, orgWithSurfaces, type SurfaceHoldings } from '../support/org-surfaces.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';

/**
 * Issue 40, "Done when": the two-organization cases of every module surface that does not go
 * through the staff sign-in (`org-isolation.test.ts` sweeps those). Organizations A and B hold the
 * same things: a coffee machine with its token, a commissioned meter with its token, a portal
 * customer signed in, a raffle with sold tickets, their own WhatsApp number and Telegram bot, and
 * pending mobile-money sales. A's credentials against B's things must fail exactly as against
 * things that exist nowhere, and leave B's rows as they were; webhooks act in the organization
 * whose number, bot or payment they name, and only when that organization's secret signed them; a
 * live stream carries its own organization's events only.
 */
const AIRTEL_SECRET = 'public-surfaces-airtel-secret';
/** Each sweep makes hundreds of calls: minutes on a loaded machine, seconds on an idle one. */
const SWEEP_TIMEOUT_MS = 240_000;
const DEVICE_APIS = ['/api/coffee/device/', '/api/v1/devices/'];
const METER_API = ['/api/prepaid/meter/'];
const PORTAL_API = ['/api/prepaid/portal/'];
/** Portal steps that take no session (asking for a code, trading it, signing up): anyone's by design. */
const PORTAL_SIGN_IN = [
  ...['sign-in', 'verify', 'sign-up', 'sign-up/verify'].map(
    (step) => `POST /api/prepaid/portal/{org}/${step}`,
  ),
  // the vendor's name for the portal's header: every visitor of the organization's portal reads it
  'GET /api/prepaid/portal/{org}/vendor',
];

let app: TestApp;
let momo: MomoSandbox;
let airtel: AirtelSandbox;
let spec: OpenApi;

interface Holdings extends SurfaceHoldings {
  portal: { session: string; refreshToken: string };
  raffleId: string;
  orderIds: string[];
  whatsapp: { phoneNumberId: string; appSecret: string };
  telegram: { webhookSecret: string };
}
const orgs: Record<'a' | 'b', Holdings> = {} as never;
/** B's ids (one per table of the surfaces' modules) and handles, to probe A's credentials with. */
const valuesOfB: string[] = [];

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const row = async <T>(sql: string, params: unknown[]) =>
  (await app.database.pool.query(sql, params)).rows[0] as T;

/**
 * An organization with its surfaces (`orgWithSurfaces`) in use: its machine has reported, taken a
 * command and sold, `packages` recipe packages wait for it, its meter has reported; a portal customer
 * signed in on a browser and on the mobile app; a drawn raffle with two paid orders; its own WhatsApp
 * number and Telegram bot.
 */
async function holdings(key: 'a' | 'b', packages: number): Promise<Holdings> {
  const org = await orgWithSurfaces(app);
  const { owner, device } = org;
  expect((await deviceCall(app, device.token, 'POST', '/api/coffee/device/status', {})).statusCode).toBe(200);
  const command = await owner.post(`/api/coffee/devices/${device.id}/commands`, { type: 'restart' });
  expect(command.statusCode, command.body).toBe(201);
  expect((await deviceCall(app, device.token, 'GET', '/api/coffee/device/commands/next')).statusCode).toBe(
    200,
  );
  const sale = await deviceCall(app, device.token, 'POST', '/api/coffee/device/orders', {
    orderId: `${key}-sale-1`,
    orderedAt: new Date().toISOString(),
    items: [{ name: 'Espresso', qty: 1, unitPriceMinor: 250 }],
    currency: 'USD',
  });
  expect(sale.statusCode, sale.body).toBe(200);
  const ctx = await orgCtx(app, org.slug);
  for (let i = 0; i < packages; i++) await createRecipePackage(ctx, [recipe(`Ristretto ${i}`)]);
  const report = await deviceCall(app, org.meter.token, 'POST', '/api/prepaid/meter/reports', {
    reportId: `${key}-report-1`,
    readAt: new Date().toISOString(),
    registerTenths: 10,
    acceptedCounts: [],
  });
  expect(report.statusCode, report.body).toBe(200);

  const customer = { org: org.slug, phone: org.phone, meterNumber: org.meter.number, codeTo: org.mail };
  const browser = await signInToPortal(app, customer);
  const mobile = await signInToPortal(app, { ...customer, client: 'mobile' });

  const raffle = await createRaffle(app, { org: org.slug, title: `Raffle of ${key.toUpperCase()}` });
  const orderIds: string[] = [];
  for (let i = 0; i < 2; i++)
    orderIds.push((await createRaffleOrder(app, { org: org.slug, raffleId: raffle.id, payment: 'paid' })).id);
  // drawn, so its public page shows the ledger of sold tickets
  for (const step of ['close', 'draw'])
    expect((await owner.post(`/api/raffle/raffles/${raffle.id}/${step}`, {})).statusCode).toBe(200);

  const whatsapp = {
    phoneNumberId: `1555${key === 'a' ? '0101' : '0202'}`,
    appSecret: `${key}-meta-app-secret`,
  };
  const telegram = { webhookSecret: `${key}-telegram-webhook-secret` };
  const channels = await owner.patch('/api/org', {
    settings: {
      whatsapp: { ...whatsapp, accessToken: `EAAG-${key}-token` },
      telegram: { botToken: `77700${key === 'a' ? 1 : 2}:${key}-telegram-bot-token`, ...telegram },
    },
  });
  expect(channels.statusCode, channels.body).toBe(200);

  return {
    ...org,
    portal: { session: browser.session, refreshToken: mobile.refreshToken! },
    raffleId: raffle.id,
    orderIds,
    whatsapp,
    telegram,
  };
}

const recipe = (name: string): Recipe => ({
  name,
  version: '1',
  steps: [{ key: 's1', name: 'Brew', type: 'brew', params: {}, durationSeconds: 25 }],
  materials: [{ materialCode: 'BEANS', binIndex: 0, amount: 18, unit: 'g' }],
});

beforeAll(async () => {
  momo = await startMomoSandbox({ dropCallbacks: true });
  airtel = await startAirtelSandbox();
  app = await startTestApp({
    env: {
      ...momo.appEnv(),
      ...airtel.appEnv(AIRTEL_SECRET),
      // the organizations' bots are never called here: an address that refuses at once
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
    },
  });
  // B's rows must change through the probes only: the hourly sweeps (alerts at :35) fire on the wall
  // clock and would raise B's low-balance alert in the middle of a sweep.
  await app.startWorker({ cron: false });
  orgs.a = await holdings('a', 1);
  orgs.b = await holdings('b', 2);
  spec = (await app.anonymous().get('/api/openapi.json')).json() as OpenApi;
  const { rows: tables } = await app.database.pool.query<{ table_name: string }>(
    `select c.table_name from information_schema.columns c
       join information_schema.columns i on i.table_schema = c.table_schema and i.table_name = c.table_name
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = current_schema() and c.column_name = 'org_id' and i.column_name = 'id'
       and t.table_type = 'BASE TABLE'
       and (c.table_name like 'coffee\\_%' or c.table_name like 'prepaid\\_%' or c.table_name in ('payment', 'contact'))
     order by c.table_name`,
  );
  for (const { table_name: table } of tables) {
    const first = await row<{ id: string } | undefined>(
      `select id::text as id from "${table}" where org_id = $1 order by id limit 1`,
      [orgs.b.id],
    );
    if (first && isUuid(first.id)) valuesOfB.push(first.id);
  }
  // B's handles: its machine's serial, its meter's number, its sale's and report's own ids, and the
  // recipe package version only B has
  valuesOfB.push(orgs.b.device.serial, orgs.b.meter.number, 'b-sale-1', 'b-report-1', '2');
}, 180_000);

afterAll(async () => {
  await app?.close();
  await momo?.close();
  await airtel?.close();
});

/**
 * What a value of B is compared with: one of the same form (so validation treats both alike) that
 * names nothing, new at every call (so a route that keeps what it is sent, a meter's report id,
 * never sees it twice).
 */
const nowhereLike = (value: string) =>
  isUuid(value)
    ? crypto.randomUUID()
    : /^\d+$/.test(value)
      ? String(900 + Math.floor(Math.random() * 99))
      : `nowhere-${Math.random().toString(36).slice(2, 10)}`;

/**
 * The answer, reduced to what must not depend on whether B's thing exists: status and code, or a
 * success's body with the probe value, times and ids made by this very request blanked.
 */
async function outcome(
  call: (method: string, url: string, body?: unknown) => Promise<{ statusCode: number; body: string }>,
  probe: Probe,
  value: string,
  params: Record<string, string>,
) {
  const request = probe.request(value, params);
  const res = await call(probe.method, request.url, request.body);
  if (res.statusCode >= 400) {
    const parsed = JSON.parse(res.body || '{}');
    return `${res.statusCode} ${parsed.code ?? parsed.error?.code ?? ''}`;
  }
  const body = res.body.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>');
  // a short value (a version number) would match inside unrelated digits
  return `${res.statusCode} ${(value.length >= 6 ? body.replaceAll(value, '<probe>') : body).replace(
    new RegExp(UUID_SOURCE, 'g'),
    (id) => (valuesOfB.includes(id) ? id : '<new>'),
  )}`;
}

/**
 * Calls every probe with each of B's values and, just before, with a value that names nothing; the
 * two answers must be the same, and B's rows must not change.
 */
async function sweep(
  probes: Probe[],
  call: (method: string, url: string, body?: unknown) => Promise<{ statusCode: number; body: string }>,
  params: Record<string, string> = {},
): Promise<string[]> {
  const before = await fingerprintOf(orgs.b.id);
  const differences: string[] = [];
  for (const probe of probes)
    for (const value of valuesOfB) {
      const nowhere = await outcome(call, probe, nowhereLike(value), params);
      // A's credential works: what differs can only be B's thing
      expect(nowhere, `${probe.method} ${probe.route}`).not.toMatch(/^(5\d\d|401|429) /);
      const got = await outcome(call, probe, value, params);
      if (got !== nowhere)
        differences.push(`${probe.method} ${probe.route} with ${value}: ${got} (nowhere: ${nowhere})`);
    }
  expect(await fingerprintOf(orgs.b.id)).toEqual(before);
  return differences;
}

/** A fingerprint of every row of an organization, table by table. */
async function fingerprintOf(orgId: string): Promise<Record<string, string>> {
  const { rows: tables } = await app.database.pool.query<{ table_name: string }>(
    `select c.table_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = current_schema() and c.column_name = 'org_id' and t.table_type = 'BASE TABLE'`,
  );
  const print: Record<string, string> = {};
  for (const { table_name: table } of tables)
    print[table] = (
      await row<{ h: string }>(
        `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from "${table}" t where org_id = $1`,
        [orgId],
      )
    ).h;
  return print;
}

const label = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

describe('two organizations on every public surface', () => {
  it('probes every public operation of the OpenAPI document here', () => {
    const swept = [...DEVICE_APIS, ...METER_API, ...PORTAL_API];
    const named = [
      'POST /api/auth/login',
      'GET /public/raffles/{id}/draw',
      // the draw page's font files: the same bytes for everyone, no organization in the path
      'GET /public/raffles/fonts/{file}',
      // a visitor's badge from their welcome SMS (issue 65): the link's keyed hash names one customer,
      // whose organization it is read in; any other hash is refused (exhibition-phone-only.int)
      'GET /public/exhibition/badge/{id}/{link}',
      // a customer's statement from the SMS they asked for (issue 65): the same, under its own scope;
      // another organization's customer is 404 to the desk (exhibition-statement-sms.int)
      'GET /public/exhibition/statement/{id}/{link}',
      // a student's meal pass from their approval SMS (issue 65): the same kind of pass link, scoped
      // to the mess; a wrong hash or a re-issued pass answers 404 (mess-sms.int)
      'GET /public/mess/pass/{id}/{link}',
      'GET /webhooks/whatsapp',
      'POST /webhooks/whatsapp',
      // the raffle original's URLs for the same WhatsApp handler (src/modules/raffle/compat)
      'GET /whatsapp/webhook/',
      'GET /whatsapp/webhook/verify/',
      'POST /whatsapp/webhook/',
      'POST /webhooks/telegram',
      'POST /webhooks/telegram/{org}',
      'POST /webhooks/momo',
      'PUT /webhooks/momo',
      'POST /webhooks/airtel',
      // Africa's Talking's callbacks (issue 52): SMS under the key of one account, the deployment's or
      // an organization's own, where a delivery report acts only on a message of that account its id
      // and phone name, and a STOP only on that account's sender (issue 61,
      // src/channels/sms/sms.int.test.ts); a USSD session runs in the organization its slug names and
      // sees only its meters (src/modules/prepaid/__tests__/prepaid-ussd.int.test.ts)
      'POST /webhooks/sms/{provider}/{key}/delivery',
      'POST /webhooks/sms/{provider}/{key}/inbound',
      'POST /webhooks/sms/{provider}/{org}/{key}/delivery',
      'POST /webhooks/sms/{provider}/{org}/{key}/inbound',
      'POST /webhooks/ussd/africastalking/{org}/{key}',
      'GET /api/v1/health',
      'GET /api/v1/health/',
      // the prepaid original's token login (issue 66 item 7): a pair signed in to one organization
      // reads that one's meters only, and its refresh renews in that one only (ingufupay.int)
      'POST /api/auth/token/',
      'POST /api/auth/token/refresh/',
      'POST /api/auth/token/blacklist/',
      'POST /api/token/',
      'POST /api/token/refresh/',
      'POST /api/token/blacklist/',
      // the original IngufuPay ESP32 firmware's calls: a meter's own token and number in the body or
      // query, refused unless both name the same meter (src/modules/prepaid/compat/ingufupay.int.test.ts)
      'POST /api/meters/esp32/report/',
      'GET /api/meters/esp32/poll/',
    ];
    const uncovered = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => (op as { security?: unknown[] }).security?.length === 0)
        .map(([method]) => label(method, path))
        .filter((op) => !named.includes(op) && !swept.some((prefix) => op.split(' ')[1]!.startsWith(prefix))),
    );
    expect(uncovered).toEqual([]);
  });

  it(
    "device API (and the original firmware's /api/v1): A's machine token reaches none of B's things",
    async () => {
      const probes = publicProbes(spec, DEVICE_APIS, {
        examples: {
          // the claim-code registrations name their organization by the code: probed below
          'POST /api/coffee/device/register': null,
          'POST /api/v1/devices/register': null,
        },
      });
      expect(probes).toHaveLength(8);
      const differences = await sweep(probes, (method, url, body) =>
        app.anonymous().request(method, url, body, {
          ...bearer(orgs.a.device.token),
          'x-device-token': orgs.a.device.token,
        }),
      );
      expect(differences).toEqual([]);
    },
    SWEEP_TIMEOUT_MS,
  );

  it("claim-code registration: A's machine with B's code is a new machine waiting for B's staff, and A's stays A's", async () => {
    const { a, b } = orgs;
    const res = await app
      .anonymous()
      .post(
        '/api/coffee/device/register',
        { serial: a.device.serial, model: 'CM-200', claimCode: b.claim.claimCode },
        bearer(a.device.token),
      );
    expect(res.statusCode, res.body).toBe(202);
    expect(res.body).not.toContain(a.device.id);
    const registration = await row<{ org_id: string; status: string; device_id: string | null }>(
      'select org_id, status, device_id from coffee_registration where serial = $1',
      [a.device.serial],
    );
    expect(registration).toMatchObject({ org_id: b.id, status: 'pending', device_id: null });
    const machine = await row<{ org_id: string }>('select org_id from coffee_device where id = $1', [
      a.device.id,
    ]);
    expect(machine.org_id).toBe(a.id);
  });

  it(
    "meter API: A's meter token reaches none of B's meters, tokens or reports",
    async () => {
      const probes = publicProbes(spec, METER_API, {
        examples: {
          'POST /api/prepaid/meter/reports': (id) => ({
            reportId: id,
            readAt: '2026-11-25T10:00:00.000Z',
            registerTenths: 10,
            acceptedCounts: [],
          }),
        },
        every: true,
      });
      expect(probes).toHaveLength(2);
      const differences = await sweep(probes, (method, url, body) =>
        app.anonymous().request(method, url, body, bearer(orgs.a.meter.token)),
      );
      expect(differences).toEqual([]);
    },
    SWEEP_TIMEOUT_MS,
  );

  it(
    "customer portal: A's session in A's portal reaches none of B's meters, purchases or users",
    async () => {
      const probes = publicProbes(spec, PORTAL_API, {
        examples: {
          ...Object.fromEntries(PORTAL_SIGN_IN.map((op) => [op, null])),
          'POST /api/prepaid/portal/{org}/sign-out': null,
        },
        fixed: ['org'],
      });
      expect(probes.map((p) => `${p.method} ${p.route}`)).toEqual(
        expect.arrayContaining([
          'GET /api/prepaid/portal/{org}/meters/{meterId}/quote',
          'GET /api/prepaid/portal/{org}/meters/{meterId}/usage',
          'POST /api/prepaid/portal/{org}/purchases',
          'GET /api/prepaid/portal/{org}/purchases/{purchaseId}',
          'PATCH /api/prepaid/portal/{org}/users/{userId}',
          'DELETE /api/prepaid/portal/{org}/users/{userId}',
        ]),
      );
      const differences = await sweep(
        probes,
        (method, url, body) =>
          app.anonymous().request(method, url, body, { 'x-portal-session': orgs.a.portal.session }),
        { org: orgs.a.slug },
      );
      expect(differences).toEqual([]);
    },
    SWEEP_TIMEOUT_MS,
  );

  it(
    "customer portal: A's session and refresh token count for nothing in B's portal",
    async () => {
      const probes = publicProbes(spec, PORTAL_API, {
        examples: {
          ...Object.fromEntries(PORTAL_SIGN_IN.map((op) => [op, null])),
          'POST /api/prepaid/portal/{org}/refresh': () => ({ refreshToken: orgs.a.portal.refreshToken }),
        },
        every: true,
      });
      expect(probes.length).toBeGreaterThanOrEqual(15);
      const withSession = (session: string) => (method: string, url: string, body?: unknown) =>
        app.anonymous().request(method, url, body, { 'x-portal-session': session });
      const before = await fingerprintOf(orgs.b.id);
      const differences: string[] = [];
      for (const probe of probes)
        for (const value of valuesOfB) {
          const params = { org: orgs.b.slug };
          const stranger = await outcome(withSession('not-a-session-anywhere'), probe, value, params);
          expect(stranger).toMatch(/^(401|404|400) /);
          const got = await outcome(withSession(orgs.a.portal.session), probe, value, params);
          if (got !== stranger)
            differences.push(`${probe.method} ${probe.route} with ${value}: ${got} (stranger: ${stranger})`);
        }
      expect(differences).toEqual([]);
      expect(await fingerprintOf(orgs.b.id)).toEqual(before);
      // and A's own portal still takes them
      const mine = await app.anonymous().request('GET', `/api/prepaid/portal/${orgs.a.slug}/me`, undefined, {
        'x-portal-session': orgs.a.portal.session,
      });
      expect(mine.statusCode).toBe(200);
    },
    SWEEP_TIMEOUT_MS,
  );

  it("staff sign-in: A's owner cannot sign in to B", async () => {
    const res = await app
      .anonymous()
      .post('/api/auth/login', { email: orgs.a.ownerEmail, password: TEST_PASSWORD, org: orgs.b.slug });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.cookies.find((c) => c.name === 'opsdesk_session')).toBeUndefined();
  });

  it("public draw page: each raffle's page shows its own organization's tickets and nothing of the other's", async () => {
    for (const [own, other] of [
      [orgs.a, orgs.b],
      [orgs.b, orgs.a],
    ] as const) {
      for (const format of ['json', 'html']) {
        const page = await app.anonymous().get(`/public/raffles/${own.raffleId}/draw?format=${format}`);
        expect(page.statusCode).toBe(200);
        for (const id of own.orderIds) expect(page.body).toContain(id);
        for (const id of [...other.orderIds, other.raffleId]) expect(page.body).not.toContain(id);
        expect(page.body).not.toContain(`Raffle of ${other === orgs.a ? 'A' : 'B'}`);
      }
    }
  });

  it("WhatsApp: a delivery for B's number signed with A's app secret is refused and stored nowhere", async () => {
    const { a, b } = orgs;
    const delivery = (phoneNumberId: string, withMessage: boolean) =>
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: 'waba',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: phoneNumberId, phone_number_id: phoneNumberId },
                  ...(withMessage
                    ? {
                        contacts: [{ profile: { name: 'Stranger' }, wa_id: '595981777001' }],
                        messages: [
                          {
                            from: '595981777001',
                            id: 'wamid.cross-org-1',
                            timestamp: '1764000000',
                            type: 'text',
                            text: { body: 'hola' },
                          },
                        ],
                      }
                    : {}),
                },
              },
            ],
          },
        ],
      });
    const post = (payload: string, secret: string) =>
      app.http.inject({
        method: 'POST',
        url: '/webhooks/whatsapp',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signWebhookBody(payload, secret),
        },
        payload,
      });
    // B's own secret is accepted for B's number (nothing in it to store); A's is not
    expect((await post(delivery(b.whatsapp.phoneNumberId, false), b.whatsapp.appSecret)).statusCode).toBe(
      200,
    );
    const refused = await post(delivery(b.whatsapp.phoneNumberId, true), a.whatsapp.appSecret);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'whatsapp.signature_invalid' });
    const stored = await row<{ n: number }>(
      `select count(*)::int as n from conversation_message where channel_message_id = 'wamid.cross-org-1'`,
      [],
    );
    expect(stored.n).toBe(0);
    // the handshake answers only the deployment's verify token, never an organization's secret
    const handshake = await app
      .anonymous()
      .get(`/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${a.whatsapp.appSecret}&hub.challenge=42`);
    expect(handshake.statusCode).toBe(403);
  });

  it("Telegram: A's webhook secret opens neither B's bot path nor the deployment's", async () => {
    const { a, b } = orgs;
    const update = (id: number) => ({
      update_id: id,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 4242, type: 'private' },
        from: { id: 4242, is_bot: false, first_name: 'X' },
        text: 'hi',
      },
    });
    const post = (url: string, secret: string, body: unknown) =>
      app.http.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        payload: JSON.stringify(body),
      });
    // B's own secret opens B's path (an update without a message stores nothing)
    expect(
      (await post(`/webhooks/telegram/${b.slug}`, b.telegram.webhookSecret, { update_id: 1 })).statusCode,
    ).toBe(200);
    for (const url of [`/webhooks/telegram/${b.slug}`, '/webhooks/telegram']) {
      const refused = await post(url, a.telegram.webhookSecret, update(970_000_001));
      expect(refused.statusCode, url).toBeGreaterThanOrEqual(401);
      expect(refused.statusCode, url).toBeLessThan(404);
    }
    const stored = await row<{ n: number }>(
      `select count(*)::int as n from conversation_message where channel_message_id = '970000001'`,
      [],
    );
    expect(stored.n).toBe(0);
  });

  it('MoMo and Airtel callbacks act only in the organization of the payment they name, on the provider’s word', async () => {
    const { a, b } = orgs;
    const buy = async (org: Holdings, method: 'momo' | 'airtel', msisdn: string) => {
      const res = await org.owner.post('/api/prepaid/purchases', {
        meterId: org.meter.meterId,
        method,
        amount: { amountMinor: 500, currency: 'RWF' },
        msisdn,
      });
      expect(res.statusCode, res.body).toBe(201);
      const { id, paymentId } = res.json() as { id: string; paymentId: string };
      await eventually(async () => (await org.owner.get(`/api/payments/${paymentId}`)).json().requestedAt, {
        what: `the ${method} request of ${org.slug}`,
      });
      return { id, paymentId };
    };
    const statusOf = async (org: Holdings, purchaseId: string) =>
      (await org.owner.get(`/api/prepaid/purchases/${purchaseId}`)).json().status as string;
    const aMomo = await buy(a, 'momo', '+250788100001');
    const bMomo = await buy(b, 'momo', '+250788100002');
    const aAirtel = await buy(a, 'airtel', '+250733100001');
    const bAirtel = await buy(b, 'airtel', '+250733100002');
    // the providers approved B's payments only
    await momo.settle(bMomo.paymentId, 'SUCCESSFUL');
    await airtel.settle(bAirtel.paymentId, 'TS');

    // callbacks claiming success for both; A's are forged (its provider says still pending)
    for (const { paymentId } of [aMomo, bMomo]) {
      const res = await app.anonymous().post('/webhooks/momo', {
        referenceId: paymentId,
        status: 'SUCCESSFUL',
        financialTransactionId: '1234',
      });
      expect(res.statusCode).toBe(200);
    }
    const airtelCallback = (id: string, secret?: string) => {
      const transaction = { id, message: 'Paid', status_code: 'TS', airtel_money_id: 'MP1' };
      return app.anonymous().post('/webhooks/airtel', {
        transaction,
        ...(secret ? { hash: callbackHash(transaction, secret) } : {}),
      });
    };
    expect((await airtelCallback(aAirtel.paymentId)).statusCode).toBe(401);
    expect((await airtelCallback(aAirtel.paymentId, 'not-the-secret')).statusCode).toBe(401);
    expect((await airtelCallback(aAirtel.paymentId, AIRTEL_SECRET)).statusCode).toBe(200);
    expect((await airtelCallback(bAirtel.paymentId, AIRTEL_SECRET)).statusCode).toBe(200);
    await app.jobs.settled();

    expect(await statusOf(b, bMomo.id)).toBe('paid');
    expect(await statusOf(b, bAirtel.id)).toBe('paid');
    expect(await statusOf(a, aMomo.id)).toBe('pending');
    expect(await statusOf(a, aAirtel.id)).toBe('pending');
    // settled in B, by B's records alone
    for (const { paymentId } of [bMomo, bAirtel]) {
      const settled = await row<{ org_id: string }>(
        `select org_id from audit_event where action = 'payments.payment.succeeded' and subject_id = $1`,
        [paymentId],
      );
      expect(settled.org_id).toBe(b.id);
    }
  });

  it("the original systems' health checks (coffee /api/v1/health, mess /api/v1/health/) name no organization", async () => {
    for (const path of ['/api/v1/health', '/api/v1/health/']) {
      const res = await app.anonymous().get(path);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      for (const org of [orgs.a, orgs.b])
        for (const value of [org.id, org.slug]) expect(res.body, path).not.toContain(value);
    }
  });

  it("live updates: A's stream carries none of B's events, B's carries them", async () => {
    const baseUrl = await listenOn(app);
    const streamA = await openStream(baseUrl, orgs.a.ownerEmail, 'coffee.devices');
    const streamB = await openStream(baseUrl, orgs.b.ownerEmail, 'coffee.devices');
    try {
      const online = async (org: Holdings) => {
        const [machine] = await coffeeDevices(app, 1, { org: org.slug });
        expect(
          (await deviceCall(app, machine!.token, 'POST', '/api/coffee/device/status', {})).statusCode,
        ).toBe(200);
        return machine!.id;
      };
      // B's machine comes online first; the first event A's stream gets is A's own machine
      const inB = await online(orgs.b);
      expect((await streamB.next()).data).toEqual({ topic: 'coffee.devices', id: inB });
      const inA = await online(orgs.a);
      expect((await streamA.next()).data).toEqual({ topic: 'coffee.devices', id: inA });
    } finally {
      streamA.close();
      streamB.close();
    }
  });
});
