import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices } from '../factories/coffee.ts';
import { createPrepaidMeter, createPrepaidTariff } from '../factories/prepaid.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';
import { shiftableClock } from '../support/test-clock.ts';

/**
 * Issue 40, item 5: device, meter and staff credentials could be guessed without limit (800 bogus
 * device tokens, 800 × 401 in 0.4 s, each a database lookup). Each surface counts the distinct
 * credentials that failed from one address; past the limit that address is answered 429 (with
 * Retry-After) before anything is looked up, except for a credential that already worked.
 */
const LIMIT = 5;
const clock = shiftableClock();
let app: TestApp;
let owner: Awaited<ReturnType<TestApp['signIn']>>;
let addressNo = 0;
/** A fresh address per test, so each starts with a clean count. */
const nextAddress = () => `198.51.100.${++addressNo}`;

const secret = () => randomBytes(32).toString('base64url');
const bogusDeviceToken = () => `cfd_${randomUUID()}_${secret()}`;
const bogusMeterToken = () => `ppm_${randomUUID()}_${secret()}`;

const heartbeat = (from: string, token: string) =>
  app
    .anonymous({ remoteAddress: from })
    .post('/api/coffee/device/status', { status: 'online' }, { authorization: `Bearer ${token}` });
const nextCommand = (from: string, token: string) =>
  app
    .anonymous({ remoteAddress: from })
    .request('GET', '/api/coffee/device/commands/next', undefined, { authorization: `Bearer ${token}` });
const firmwareStatus = (from: string, token: string, deviceId: string) =>
  app
    .anonymous({ remoteAddress: from })
    .post(
      `/api/v1/devices/${deviceId}/status`,
      { device_id: deviceId, status: 'online' },
      { 'x-device-token': token },
    );
const meterTokens = (from: string, token: string) =>
  app
    .anonymous({ remoteAddress: from })
    .request('GET', '/api/prepaid/meter/tokens', undefined, { authorization: `Bearer ${token}` });
const session = (from: string, headers: Record<string, string>) =>
  app.anonymous({ remoteAddress: from }).request('GET', '/api/auth/session', undefined, headers);

type Answer = Awaited<ReturnType<typeof heartbeat>>;
function expectLimited(res: Answer) {
  expect(res.statusCode, res.body).toBe(429);
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
}
function expectProblem(res: Answer) {
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.json()).toMatchObject({ status: 429, code: 'rate_limited' });
  expect(res.json().details.retryAfterSeconds).toBe(Number(res.headers['retry-after']));
}

beforeAll(async () => {
  app = await startTestApp({ clock, env: { OPSDESK_AUTH_FAILURES_PER_MINUTE: String(LIMIT) } });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  owner = await app.signIn('owner@example.com');
  await createPrepaidTariff(app);
}, 60_000);
afterAll(() => app?.close());

describe('coffee device tokens', () => {
  it('refuses an address after its limit of bogus tokens with 429 problem+json and Retry-After', async () => {
    const from = nextAddress();
    for (let i = 0; i < LIMIT; i++) expect((await heartbeat(from, bogusDeviceToken())).statusCode).toBe(401);
    const limited = await heartbeat(from, bogusDeviceToken());
    expectLimited(limited);
    expectProblem(limited);
    // every device route of the address is refused now, not only the one guessed on
    expectLimited(await nextCommand(from, bogusDeviceToken()));
    // before anything is looked up: even a real token that never worked from here waits its turn
    const [unseen] = await coffeeDevices(app, 1);
    expectLimited(await nextCommand(from, unseen!.token));
    // another address is not affected
    expect((await heartbeat(nextAddress(), bogusDeviceToken())).statusCode).toBe(401);
  });

  it('never slows a machine whose token works, before or after its neighbour guessed from the same address', async () => {
    const from = nextAddress();
    const [machine] = await coffeeDevices(app, 1);
    for (let i = 0; i < 3 * LIMIT; i++) expect((await heartbeat(from, machine!.token)).statusCode).toBe(200);
    for (let i = 0; i < LIMIT; i++) await heartbeat(from, bogusDeviceToken());
    expectLimited(await heartbeat(from, bogusDeviceToken()));
    expect((await heartbeat(from, machine!.token)).statusCode).toBe(200);
    expect((await nextCommand(from, machine!.token)).statusCode).toBe(204);
  });

  it('counts one wrong token sent again and again once: a revoked machine does not lock out its fleet', async () => {
    const from = nextAddress();
    const [revoked, neighbour] = await coffeeDevices(app, 2);
    expect((await owner.delete(`/api/coffee/devices/${revoked!.id}/token`)).statusCode).toBe(204);
    for (let i = 0; i < 4 * LIMIT; i++) expect((await heartbeat(from, revoked!.token)).statusCode).toBe(401);
    // the neighbour's first call from this address, after all those refusals
    expect((await heartbeat(from, neighbour!.token)).statusCode).toBe(200);
  });

  it("counts the original firmware's /api/v1 paths with the device API, answered in their own envelope", async () => {
    const from = nextAddress();
    for (let i = 0; i < LIMIT - 1; i++) await heartbeat(from, bogusDeviceToken());
    const last = await firmwareStatus(from, bogusDeviceToken(), 'CM-GUESS');
    expect(last.statusCode).toBe(401);
    const limited = await firmwareStatus(from, bogusDeviceToken(), 'CM-GUESS');
    expectLimited(limited);
    expect(limited.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expectLimited(await heartbeat(from, bogusDeviceToken()));
  });
  // Issue 54, item 20: tokens sent in the original's X-Device-Token header were never looked up on the
  // device API, so 80 bogus ones were 80 × 401 with no 429, while the same tokens on /api/v1 stopped at the limit.
  it('counts bogus tokens in X-Device-Token on the device API as on the v1 paths: one limit for both', async () => {
    const from = nextAddress();
    const inHeader = (token: string) =>
      app
        .anonymous({ remoteAddress: from })
        .post('/api/coffee/device/status', { status: 'online' }, { 'x-device-token': token });
    for (let i = 0; i < LIMIT - 1; i++) expect((await inHeader(bogusDeviceToken())).statusCode).toBe(401);
    expect((await firmwareStatus(from, bogusDeviceToken(), 'CM-GUESS')).statusCode).toBe(401);
    expectLimited(await inHeader(bogusDeviceToken()));
    expectLimited(await firmwareStatus(from, bogusDeviceToken(), 'CM-GUESS'));
    // a machine whose token works, in either header, is never slowed
    const [machine] = await coffeeDevices(app, 1);
    const other = nextAddress();
    const works = await app
      .anonymous({ remoteAddress: other })
      .post('/api/coffee/device/status', { status: 'online' }, { 'x-device-token': machine!.token });
    expect(works.statusCode, works.body).toBe(200);
  });
});

describe('prepaid meter tokens', () => {
  it('refuses an address after its limit of bogus tokens, and never a meter whose token works', async () => {
    const from = nextAddress();
    const { meterId } = await createPrepaidMeter(app);
    const issued = await owner.post(`/api/prepaid/meters/${meterId}/meter-token`, {});
    expect(issued.statusCode, issued.body).toBe(200);
    const token = issued.json().meterToken as string;
    expect((await meterTokens(from, token)).statusCode).toBe(200);
    for (let i = 0; i < LIMIT; i++) expect((await meterTokens(from, bogusMeterToken())).statusCode).toBe(401);
    const limited = await meterTokens(from, bogusMeterToken());
    expectLimited(limited);
    expectProblem(limited);
    expect((await meterTokens(from, token)).statusCode).toBe(200);
    // the coffee machines' count is their own
    expect((await heartbeat(from, bogusDeviceToken())).statusCode).toBe(401);
  });
});

describe('staff sessions and API tokens', () => {
  it('refuses an address after its limit of unknown session cookies on /api/auth/session', async () => {
    const from = nextAddress();
    for (let i = 0; i < LIMIT; i++) {
      const res = await session(from, { cookie: `opsdesk_session=${secret()}` });
      expect(res.statusCode).toBe(401);
    }
    const limited = await session(from, { cookie: `opsdesk_session=${secret()}` });
    expectLimited(limited);
    expectProblem(limited);
    // an unknown API token is refused alike, before it is looked up
    expectLimited(await session(from, { authorization: `Bearer odk_${secret()}` }));
  });

  it('counts unknown API tokens, and lets a session that worked from the address keep working', async () => {
    const from = nextAddress();
    const worked = await signedInCookie();
    expect((await session(from, worked)).statusCode).toBe(200);
    for (let i = 0; i < LIMIT; i++)
      expect((await session(from, { authorization: `Bearer odk_${secret()}` })).statusCode).toBe(401);
    expectLimited(await session(from, { authorization: `Bearer odk_${secret()}` }));
    expect((await session(from, worked)).statusCode).toBe(200);
  });

  it('counts an unauthenticated /api/auth/session, once however often it is asked', async () => {
    const from = nextAddress();
    // Answered `{ signedIn: false }` (issue 66), and still counted.
    for (let i = 0; i < 3 * LIMIT; i++) expect((await session(from, {})).statusCode).toBe(200);
    for (let i = 0; i < LIMIT - 1; i++)
      expect((await session(from, { cookie: `opsdesk_session=${secret()}` })).statusCode).toBe(401);
    expectLimited(await session(from, { cookie: `opsdesk_session=${secret()}` }));
  });
});

/** A fresh signed-in session's cookie header (signed in from elsewhere). */
async function signedInCookie(): Promise<{ cookie: string }> {
  const res = await app.http.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'owner@example.com', password: TEST_PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  return { cookie: `opsdesk_session=${res.cookies.find((c) => c.name === 'opsdesk_session')!.value}` };
}
