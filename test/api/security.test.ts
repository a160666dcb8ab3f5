import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf, ROLES, type Role } from '../../src/core/auth/index.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * The security sweep, driven by the OpenAPI document so every new route is covered without
 * editing this file: anonymous callers, every role, a narrowly scoped token, odd spellings of
 * every path, and malformed input. A route is public only when it says so; the list of public
 * operations below is the one place a new public route must be acknowledged.
 */
const PUBLIC_OPERATIONS = [
  'POST /api/auth/login',
  // the prepaid original's SimpleJWT login for API clients (issue 66 item 7): e-mail and password for
  // a token pair, rate limited as login with failures counted per address; refresh and blacklist
  // take a refresh token (hashed, looked up); its organization only (ingufupay.int)
  'POST /api/auth/token/',
  'POST /api/auth/token/refresh/',
  'POST /api/auth/token/blacklist/',
  'POST /api/token/',
  'POST /api/token/refresh/',
  'POST /api/token/blacklist/',
  'GET /public/raffles/{id}/draw',
  // the draw page's Devanagari font files (a fixed list, no organization's data)
  'GET /public/raffles/fonts/{file}',
  // an exhibition visitor's badge from their welcome SMS (issue 65): the link's keyed hash names the
  // customer and pass version (a forged or re-issued one is refused, exhibition-phone-only.int)
  'GET /public/exhibition/badge/{id}/{link}',
  // a customer's statement from the SMS they asked for (issue 65): the same kind of link, its own
  // scope (a forged or re-issued one answers 404, exhibition-statement-sms.int)
  'GET /public/exhibition/statement/{id}/{link}',
  // a student's meal pass from their approval SMS (issue 65): a pass link scoped to the mess (a wrong
  // hash or a re-issued pass answers 404, mess-sms.int)
  'GET /public/mess/pass/{id}/{link}',
  'GET /webhooks/whatsapp',
  'POST /webhooks/whatsapp',
  // the raffle original's WhatsApp webhook URLs, handed to the same handler (signature over the raw body)
  'GET /whatsapp/webhook/',
  'GET /whatsapp/webhook/verify/',
  'POST /whatsapp/webhook/',
  'POST /webhooks/telegram',
  'POST /webhooks/telegram/{org}',
  'POST /webhooks/momo',
  'PUT /webhooks/momo',
  'POST /webhooks/airtel',
  // Africa's Talking signs nothing: its SMS reports, replies (STOP) and USSD screens come to URLs that
  // carry a key derived from OPSDESK_SECRET_KEY (a wrong key is refused, as sms.int and ussd tests hold);
  // a report moves only a message whose provider id and phone it names. SMS URLs are per account: the
  // deployment's (its operator's key), and an organization's own (its slug, a key of its own).
  'POST /webhooks/sms/{provider}/{key}/delivery',
  'POST /webhooks/sms/{provider}/{key}/inbound',
  'POST /webhooks/sms/{provider}/{org}/{key}/delivery',
  'POST /webhooks/sms/{provider}/{org}/{key}/inbound',
  'POST /webhooks/ussd/africastalking/{org}/{key}',
  // The prepaid customer portal: the two sign-in steps (one-time code to the account's own channel,
  // rate limited like login); every other portal route checks its caller's portal session itself.
  // the vendor's name for the portal's header, before anyone signs in
  'GET /api/prepaid/portal/{org}/vendor',
  'POST /api/prepaid/portal/{org}/sign-in',
  'POST /api/prepaid/portal/{org}/verify',
  'POST /api/prepaid/portal/{org}/sign-out',
  'GET /api/prepaid/portal/{org}/me',
  'GET /api/prepaid/portal/{org}/meters/{meterId}/quote',
  'POST /api/prepaid/portal/{org}/purchases',
  'GET /api/prepaid/portal/{org}/purchases',
  'GET /api/prepaid/portal/{org}/purchases/{purchaseId}',
  // …and the signed-in customer's own alert settings, alerts and meter use (same session check)
  'GET /api/prepaid/portal/{org}/alert-settings',
  'PUT /api/prepaid/portal/{org}/alert-settings',
  'GET /api/prepaid/portal/{org}/alerts',
  'GET /api/prepaid/portal/{org}/meters/{meterId}/usage',
  'GET /api/prepaid/portal/{org}/meter-requests',
  'POST /api/prepaid/portal/{org}/meter-requests',
  'GET /api/prepaid/portal/{org}/statement',
  // customer sign-up: a code to the address given, traded for a new account (meters wait for staff)
  'POST /api/prepaid/portal/{org}/sign-up',
  'POST /api/prepaid/portal/{org}/sign-up/verify',
  // mobile clients: a refresh token (hashed, looked up, compared in constant time) for a new pair
  'POST /api/prepaid/portal/{org}/refresh',
  // The account's portal users: authenticated by the portal session like the routes above, and
  // refused (403) unless the signed-in user is one of the account's owners.
  'GET /api/prepaid/portal/{org}/users',
  'POST /api/prepaid/portal/{org}/users',
  'PATCH /api/prepaid/portal/{org}/users/{userId}',
  'DELETE /api/prepaid/portal/{org}/users/{userId}',
  // Prepaid meters: each route authenticates the meter by its own token (`ppm_<id>_<secret>`, sha256
  // stored, compared in constant time; unknown, rotated or revoked → 401) and acts for that meter only.
  'POST /api/prepaid/meter/reports',
  'GET /api/prepaid/meter/tokens',
  // The original prepaid system's ESP32 paths (IngufuPay): the same meter token, sent as its firmware
  // sends it (`device_token` in the body or query, with the `meter_number` it must belong to).
  'POST /api/meters/esp32/report/',
  'GET /api/meters/esp32/poll/',
  // Coffee machines: each route authenticates the device by its own token (sha256 of the secret,
  // compared in constant time; unknown or revoked → 401) and acts in that device's organization.
  'POST /api/coffee/device/status',
  'GET /api/coffee/device/commands/next',
  'POST /api/coffee/device/commands/{id}/result',
  'POST /api/coffee/device/orders',
  'POST /api/coffee/device/materials',
  'GET /api/coffee/device/packages/{version}',
  // A machine without a token registers with a claim code staff issued (the code names the
  // organization; one code, one machine; staff accept it before it gets a token).
  'POST /api/coffee/device/register',
  // The original system's device API for machines on its firmware: same token check (the
  // X-Device-Token header), and the path's machine must be the token's own.
  'POST /api/v1/devices/register',
  'POST /api/v1/devices/{deviceId}/status',
  'POST /api/v1/devices/{deviceId}/materials/report',
  'GET /api/v1/devices/{deviceId}/commands/pending',
  'POST /api/v1/devices/{deviceId}/command_result',
  'POST /api/v1/devices/{deviceId}/orders/create',
  // The original system's health check (issue 42): says the service is up, reads nothing of anyone.
  'GET /api/v1/health',
  // The original mess system's health check (issue 42), beside coffee's (its trailing slash): the
  // service and its database are up, nothing of anyone.
  'GET /api/v1/health/',
];

interface Operation {
  method: string;
  path: string;
  isPublic: boolean;
  permission?: string;
  hasBody: boolean;
  hasParams: boolean;
}

/** Each sweep calls every operation many times: minutes on a loaded machine, seconds on an idle one. */
const SWEEP_TIMEOUT_MS = 180_000;
const FAKE_ID = '00000000-0000-4000-8000-000000000000';
const TOKEN_SCOPE = 'platform.job.read';

let app: TestApp;
let operations: Operation[];
const clients = new Map<Role, ApiClient>();
let narrowToken: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  for (const role of ROLES) {
    await app.createStaff({ email: `${role}@example.com`, role });
    clients.set(role, await app.signIn(`${role}@example.com`));
  }
  const created = await clients
    .get('owner')!
    .post('/api/tokens', { name: 'jobs only', scopes: [TOKEN_SCOPE] });
  expect(created.statusCode).toBe(201);
  narrowToken = app.withToken(created.json().token);
  operations = await readOperations(app.anonymous());
}, 120_000);
afterAll(() => app?.close());

async function readOperations(client: ApiClient): Promise<Operation[]> {
  const spec = (await client.get('/api/openapi.json')).json() as {
    paths: Record<
      string,
      Record<string, { security?: unknown[]; 'x-permission'?: string; requestBody?: unknown }>
    >;
  };
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      isPublic: Array.isArray(op.security) && op.security.length === 0,
      permission: op['x-permission'],
      hasBody: op.requestBody !== undefined,
      hasParams: path.includes('{'),
    })),
  );
}

const urlOf = (op: Operation, param = FAKE_ID) => op.path.replace(/\{[^}]+\}/g, param);
const label = (op: Operation) => `${op.method} ${op.path}`;
/** A body no route accepts (every body schema is an object), so a permitted call has no effect. */
const INERT_BODY: unknown = [];
const call = (client: ApiClient, op: Operation, url = urlOf(op), body?: unknown) =>
  client.request(op.method, url, body ?? (op.hasBody ? INERT_BODY : undefined));
/** Calls a permitted route only where it cannot change anything: reads, invalid bodies or unknown ids. */
/**
 * Private operations that answer a caller with no cookie and no token as signed out rather than 401:
 * the console's first question on every visit (issue 66 item 6); a credential that fails is still 401.
 */
const ANSWERS_SIGNED_OUT = ['GET /api/auth/session'];

const isInertCall = (op: Operation) => op.method === 'GET' || op.hasBody || op.hasParams;

describe('security sweep over every operation of the OpenAPI document', () => {
  it(
    'makes public only the operations that say so, and documents every one',
    () => {
      expect(operations.length).toBeGreaterThan(50);
      expect(
        operations
          .filter((op) => op.isPublic)
          .map(label)
          .sort(),
      ).toEqual([...PUBLIC_OPERATIONS].sort());
    },
    SWEEP_TIMEOUT_MS,
  );

  it(
    'answers 401 to anonymous callers on every private operation, before reading the body',
    async () => {
      for (const op of operations.filter((o) => !o.isPublic)) {
        const res = await call(app.anonymous(), op, urlOf(op), op.hasBody ? { not: 'validated' } : undefined);
        if (ANSWERS_SIGNED_OUT.includes(label(op))) {
          expect([res.statusCode, res.json()], label(op)).toEqual([200, { signedIn: false }]);
          continue;
        }
        expect(res.statusCode, `${label(op)}: ${res.body}`).toBe(401);
        expect(res.json().code, `${label(op)}: ${res.body}`).toBe('unauthenticated');
      }
    },
    SWEEP_TIMEOUT_MS,
  );

  it(
    'lets each role reach exactly the operations its permissions allow',
    async () => {
      for (const role of ROLES) {
        const held = permissionsOf(role, [], app.catalog);
        for (const op of operations.filter((o) => !o.isPublic)) {
          const allowed = !op.permission || held.has(op.permission);
          if (allowed && !isInertCall(op)) continue;
          const res = await call(clients.get(role)!, op);
          if (allowed) expect([401, 403], `${role} ${label(op)}: ${res.body}`).not.toContain(res.statusCode);
          else expect(res.statusCode, `${role} ${label(op)} needs ${op.permission}: ${res.body}`).toBe(403);
        }
      }
    },
    SWEEP_TIMEOUT_MS,
  );

  it(
    'gives a narrowly scoped API token nothing beyond its scope',
    async () => {
      const reachable: string[] = [];
      for (const op of operations.filter((o) => !o.isPublic && isInertCall(o))) {
        const res = await call(narrowToken, op);
        if (![401, 403].includes(res.statusCode)) reachable.push(label(op));
      }
      const inScope = operations.filter((o) => o.permission === TOKEN_SCOPE && isInertCall(o)).map(label);
      expect(inScope.length).toBeGreaterThan(0);
      for (const op of inScope) expect(reachable).toContain(op);
      for (const op of reachable) {
        const operation = operations.find((o) => label(o) === op)!;
        expect([TOKEN_SCOPE, undefined], `token reached ${op}`).toContain(operation.permission);
      }
    },
    SWEEP_TIMEOUT_MS,
  );

  it(
    'never lets an odd spelling of a path reach more than the plain path',
    async () => {
      const spellings = (url: string) => [
        url.replace('/api/', '/%61pi/'),
        url.replace('/api/', '/ap%69/'),
        url.replace('/webhooks/', '/webhook%73/'),
        `/${url}`,
        url.replace(/\/([^/]+)$/, '//$1'),
        `${url}/`,
        url.replace(/\/([^/]+)$/, '/./$1'),
        url.replace(/\/([^/]+)$/, '/x/../$1'),
        url.toUpperCase(),
      ];
      for (const client of [app.anonymous(), clients.get('scanner')!, narrowToken]) {
        for (const op of operations) {
          const plain = await call(client, op);
          for (const odd of spellings(urlOf(op))) {
            if (odd === urlOf(op)) continue;
            const res = await call(client, op, odd);
            expect(res.statusCode, `${op.method} ${odd}: ${res.body}`).toBeLessThan(500);
            if (plain.statusCode >= 400) {
              expect(
                res.statusCode,
                `${op.method} ${odd} went further than ${urlOf(op)}`,
              ).toBeGreaterThanOrEqual(400);
            }
          }
        }
      }
    },
    SWEEP_TIMEOUT_MS,
  );

  it(
    'never answers 5xx to malformed bodies, parameters or query strings',
    async () => {
      const owner = clients.get('owner')!;
      const badParams = ['0', '-1', "x'--", '%00', '9'.repeat(40), '%F0%9F%92%A9', 'null', 'a'.repeat(300)];
      const badBodies = ['{"a":', '[]', '"text"', 'null', '{}', '{"id":{"$ne":1},"amount":1e309}', '1'];
      const badQuery = '?limit=-1&page=abc&sort=%3Bdrop&order=sideways&cursor=%00&q=%25&filter=%7B';
      for (const op of operations.filter((o) => label(o) !== 'POST /api/auth/logout')) {
        const urls = op.hasParams ? badParams.map((p) => urlOf(op, p)) : [urlOf(op)];
        for (const url of [...urls, `${urlOf(op)}${badQuery}`]) {
          const res = await owner.request(op.method, url, op.hasBody ? INERT_BODY : undefined);
          expect(res.statusCode, `${op.method} ${url}: ${res.body}`).toBeLessThan(500);
        }
        if (!op.hasBody) continue;
        for (const body of badBodies) {
          const res = await owner.raw(op.method, urlOf(op), body);
          expect(res.statusCode, `${label(op)} with ${body}: ${res.body}`).toBeLessThan(500);
        }
      }
    },
    SWEEP_TIMEOUT_MS,
  );
});
