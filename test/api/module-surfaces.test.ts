import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MomoSandbox, startMomoSandbox } from '../../src/channels/momo/index.ts';
import { watchFleetJob } from '../../src/modules/coffee/coffee.queue.ts';
import { sweepHoldsJob } from '../../src/modules/raffle/raffle.queue.ts';
import { signInToPortal } from '../factories/prepaid.ts';
import { createRaffle, createRaffleOrder } from '../factories/raffle.ts';
import { uniqueName } from '../factories/unique.ts';
import { runJob } from '../support/jobs.ts';
import { deviceCall, orgWithSurfaces, type SurfaceHoldings } from '../support/org-surfaces.ts';
import { portalCodesSentTo } from '../support/outbox-secrets.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { shiftableClock } from '../support/test-clock.ts';

/**
 * Issue 40, item 1: a module an organization does not run answers 404 on every surface, not only on
 * the console. Two organizations on one deployment hold the same things (a coffee machine and its
 * claim code, a metered household with a portal session, a raffle with a held order): `runs` runs
 * every module, `narrowed` chose mess and exhibition after its things were made. What answers for
 * the first answers 404 for the second, as a path that exists nowhere, and no job or schedule of a
 * module acts for an organization that does not run it.
 */
const clock = shiftableClock();
let app: TestApp;
let momo: MomoSandbox;

interface Holdings extends SurfaceHoldings {
  portalSession: string;
  raffleId: string;
  orderId: string;
}
const orgs: Record<'runs' | 'narrowed', Holdings> = {} as never;

/** An organization with its surfaces (`orgWithSurfaces`), a portal session, and a raffle with a held order. */
async function holdings(): Promise<Holdings> {
  const org = await orgWithSurfaces(app);
  const beat = await deviceCall(app, org.device.token, 'POST', '/api/coffee/device/status', {
    status: 'online',
  });
  expect(beat.statusCode, beat.body).toBe(200);
  const portal = await signInToPortal(app, {
    org: org.slug,
    phone: org.phone,
    meterNumber: org.meter.number,
    codeTo: org.mail,
  });
  const raffle = await createRaffle(app, { org: org.slug });
  const order = await createRaffleOrder(app, { org: org.slug, raffleId: raffle.id });
  return { ...org, portalSession: portal.session, raffleId: raffle.id, orderId: order.id };
}

const firmwareCall = (token: string | undefined, url: string, body: object, headers = {}) =>
  app.anonymous().post(url, body, { ...(token ? { 'x-device-token': token } : {}), ...headers });
const portal = (org: Holdings, path: string, body: unknown, session?: string) =>
  app
    .anonymous()
    .post(`/api/prepaid/portal/${org.slug}${path}`, body, session ? { 'x-portal-session': session } : {});
const row = async <T>(sql: string, params: unknown[]) =>
  (await app.database.pool.query(sql, params)).rows[0] as T;

/** A path that exists nowhere answers this; so does every route of a module the organization does not run. */
function expectNoSuchRoute(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) {
  expect(res.statusCode).toBe(404);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.json()).toMatchObject({ code: 'route_not_found' });
}

beforeAll(async () => {
  momo = await startMomoSandbox({ dropCallbacks: true });
  app = await startTestApp({
    clock,
    env: momo.appEnv(),
  });
  await app.startWorker();
  orgs.runs = await holdings();
  orgs.narrowed = await holdings();
  const narrowed = await orgs.narrowed.owner.patch('/api/org', { modules: ['mess', 'exhibition'] });
  expect(narrowed.statusCode, narrowed.body).toBe(200);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await momo?.close();
});

describe('a module the organization does not run answers 404 on every surface', () => {
  it('coffee device API: a machine of the narrowed organization is answered as by a path that exists nowhere, and its heartbeat is not stored', async () => {
    const { runs, narrowed } = orgs;
    for (const [method, url, body] of [
      ['POST', '/api/coffee/device/status', { status: 'online', temperature: 91 }],
      ['GET', '/api/coffee/device/commands/next', undefined],
      [
        'POST',
        '/api/coffee/device/materials',
        { bins: [{ binIndex: 0, materialCode: 'BEANS', remaining: 900 }] },
      ],
    ] as const) {
      const answered = await deviceCall(app, runs.device.token, method, url, body);
      expect(answered.statusCode, `${url}: ${answered.body}`).toBeLessThan(300);
      expectNoSuchRoute(await deviceCall(app, narrowed.device.token, method, url, body));
    }
    const stored = await row<{ temperature_tenths: number | null }>(
      'select temperature_tenths from coffee_device where id = $1',
      [narrowed.device.id],
    );
    expect(stored.temperature_tenths).toBeNull();
  });

  it("coffee's /api/v1 paths for the original firmware answer 404 in their own envelope", async () => {
    const { runs, narrowed } = orgs;
    const status = (d: Holdings['device']) =>
      firmwareCall(d.token, `/api/v1/devices/${d.serial}/status`, { device_id: d.serial, status: 'online' });
    expect((await status(runs.device)).statusCode).toBe(200);
    const refused = await status(narrowed.device);
    expect(refused.statusCode).toBe(404);
    // the original's word for it, and ours beside it
    expect(refused.json(), refused.body).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
      code: 'route_not_found',
    });
  });

  it('claim-code registration: the narrowed organization’s code registers nothing, on either path', async () => {
    const { runs, narrowed } = orgs;
    const register = (org: Holdings) =>
      app.anonymous().post('/api/coffee/device/register', {
        serial: uniqueName('SN').replace(/[^A-Za-z0-9-]/g, ''),
        model: 'CM-200',
        claimCode: org.claim.claimCode,
      });
    expect((await register(runs)).statusCode).toBe(202);
    expectNoSuchRoute(await register(narrowed));
    const v1 = await firmwareCall(undefined, '/api/v1/devices/register', {
      device_id: 'OLD-1',
      claim_code: narrowed.claim.claimCode,
    });
    expect(v1.statusCode).toBe(404);
    const registration = await row<{ status: string; serial: string | null }>(
      'select status, serial from coffee_registration where id = $1',
      [narrowed.claim.id],
    );
    expect(registration).toEqual({ status: 'issued', serial: null });
  });

  it("prepaid meter API: the narrowed organization's meter gets no token digits and its report is not stored", async () => {
    const { runs, narrowed } = orgs;
    const waiting = await deviceCall(app, runs.meter.token, 'GET', '/api/prepaid/meter/tokens');
    expect(waiting.statusCode).toBe(200);
    expect(waiting.json().items).toHaveLength(1);
    const refused = await deviceCall(app, narrowed.meter.token, 'GET', '/api/prepaid/meter/tokens');
    expectNoSuchRoute(refused);
    const issued = await row<{ token: string }>('select token from prepaid_token where meter_id = $1', [
      narrowed.meter.meterId,
    ]);
    expect(refused.body).not.toContain(issued.token);
    expectNoSuchRoute(
      await deviceCall(app, narrowed.meter.token, 'POST', '/api/prepaid/meter/reports', {
        reportId: 'r-narrowed',
        readAt: clock.now().toISOString(),
        registerTenths: 10,
        acceptedCounts: [],
      }),
    );
    const reports = await row<{ n: number }>(
      'select count(*)::int as n from prepaid_meter_report where meter_id = $1',
      [narrowed.meter.meterId],
    );
    expect(reports.n).toBe(0);
  });

  it('prepaid portal: sign-in, verify and purchases answer 404; no code is sent and no mobile-money payment starts', async () => {
    const { runs, narrowed } = orgs;
    const who = (org: Holdings) => ({ phone: org.phone, meterNumber: org.meter.number });
    const buy = (org: Holdings) =>
      portal(
        org,
        '/purchases',
        { meterId: org.meter.meterId, method: 'momo', amount: { amountMinor: 500, currency: 'RWF' } },
        org.portalSession,
      );
    expect((await portal(runs, '/sign-in', who(runs))).statusCode).toBe(202);
    expect((await buy(runs)).statusCode).toBe(201);

    const codesBefore = (await portalCodesSentTo(app, narrowed.mail)).length;
    expectNoSuchRoute(await portal(narrowed, '/sign-in', who(narrowed)));
    expect(await portalCodesSentTo(app, narrowed.mail)).toHaveLength(codesBefore);
    expectNoSuchRoute(await portal(narrowed, '/verify', { ...who(narrowed), code: '123456' }));
    expectNoSuchRoute(await buy(narrowed));
    const started = await row<{ n: number }>(
      `select count(*)::int as n from payment where org_id = $1 and method = 'momo'`,
      [narrowed.id],
    );
    expect(started.n).toBe(0);
    const me = await app.http.inject({
      method: 'GET',
      url: `/api/prepaid/portal/${narrowed.slug}/me`,
      headers: { 'x-portal-session': narrowed.portalSession },
    });
    expectNoSuchRoute(me);
  });

  it("raffle's public draw page answers 404 for the narrowed organization's raffle", async () => {
    const { runs, narrowed } = orgs;
    expect((await app.anonymous().get(`/public/raffles/${runs.raffleId}/draw`)).statusCode).toBe(200);
    expectNoSuchRoute(await app.anonymous().get(`/public/raffles/${narrowed.raffleId}/draw`));
  });

  it('live topics of a module it does not run are answered as topics that exist nowhere', async () => {
    const { runs, narrowed } = orgs;
    expect((await runs.owner.get('/api/live?topics=coffee.devices')).statusCode).toBe(200);
    const refused = await narrowed.owner.get('/api/live?topics=coffee.devices');
    expect(refused.statusCode).toBe(404);
    expect((await narrowed.owner.get('/api/live?topics=nobody.here')).json().code).toBe(refused.json().code);
    expect((await narrowed.owner.get('/api/live?topics=exhibition.bills')).statusCode).toBe(200);
  });
});

describe('no job or schedule of a module acts for an organization that does not run it', () => {
  it("raffle hold expiry leaves the narrowed organization's held order as it was", async () => {
    const { runs, narrowed } = orgs;
    clock.advance(3 * 86_400_000);
    await runJob(app, sweepHoldsJob, { orgId: narrowed.id });
    await runJob(app, sweepHoldsJob, {});
    const status = async (org: Holdings) =>
      (await row<{ status: string }>('select status from raffle_order where id = $1', [org.orderId])).status;
    expect(await status(runs)).toBe('expired');
    expect(await status(narrowed)).toBe('pending_payment');
  });

  it("the coffee fleet watch raises no offline alarm for the narrowed organization's silent machine", async () => {
    const { runs, narrowed } = orgs;
    await runJob(app, watchFleetJob, {});
    await runJob(app, watchFleetJob, { orgId: narrowed.id });
    const state = async (org: Holdings) =>
      row<{ status: string; alarms: number }>(
        `select status, (select count(*)::int from coffee_alarm a where a.device_id = d.id) as alarms
         from coffee_device d where id = $1`,
        [org.device.id],
      );
    expect(await state(runs)).toEqual({ status: 'offline', alarms: 1 });
    expect(await state(narrowed)).toEqual({ status: 'online', alarms: 0 });
  });
});
