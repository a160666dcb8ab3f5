import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices, coffeeRuntime } from '../../../../test/factories/coffee.ts';
import { orgCtx } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { type AfricasTalkingSandbox, startAfricasTalkingSandbox } from '../../../channels/sms/index.ts';
import { notifyOnCall } from '../alarm-notifications.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { advanceRollouts } from '../rollouts.ts';
import { coffeeDb, simulatedMachine } from './coffee-harness.ts';

/*
 * Issue 65: a fleet manager away from the console hears of a machine's alarm and of a rollout held
 * for review by SMS, in their language, once per alarm; each switchable in the coffee settings.
 * Through the real outbox, its worker and the Africa's Talking stand-in on 127.0.0.1.
 */
let at: AfricasTalkingSandbox;
let app: TestApp;
let ops: ApiClient;
let baseUrl: string;
/** The manager's phone, typed as staff type it. */
const MANAGER = '+33612345678';

beforeAll(async () => {
  at = await startAfricasTalkingSandbox();
  app = await startTestApp({ env: at.appEnv() });
  ops = await signedInStaff(app, { role: 'ops' });
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await app.startWorker();
  const ctx = await orgCtx(app);
  await ctx.db
    .withTables<CoffeeTables>()
    .insertInto('coffee_material')
    .values({ code: 'MILK', name: 'Lait entier', unit: 'ml' })
    .execute();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await at?.close();
});

const report = (token: string, remaining: number) =>
  app.http.inject({
    method: 'POST',
    url: '/api/coffee/device/materials',
    headers: { authorization: `Bearer ${token}` },
    payload: { bins: [{ binIndex: 0, materialCode: 'MILK', remaining, capacity: 2000 }] },
  });
const alarmOf = (deviceId: string) =>
  coffeeDb(app)
    .selectFrom('coffee_alarm')
    .select(['id', 'kind', 'severity', 'status'])
    .where('device_id', '=', deviceId)
    .executeTakeFirstOrThrow();
/** The texts the outbox holds for an alarm or a rollout (its idempotency keys name it). */
const textsAbout = async (id: string) =>
  (
    await app.database.pool.query<{ recipient: string; locale: string; status: string; body: string }>(
      `select recipient, locale, status, body from notification
        where channel = 'sms' and idempotency_key like $1 order by created_at`,
      [`coffee.%-sms:${id}:%`],
    )
  ).rows;
const textsTo = (phone: string, pattern: RegExp) => at.inbox(phone).filter((s) => pattern.test(s.text));

/** A rollout of a new package to three machines tagged `tag`, all in the canary, `failing` of them failing. */
async function rolloutWithFailures(tag: string, failing: number, abortAtFailurePercent: number) {
  const devices = await coffeeDevices(app, 3, { tags: [tag] });
  const pkg = await ops.post('/api/coffee/recipe-packages', {
    recipes: [
      {
        name: 'Lungo',
        version: '1',
        steps: [{ key: 's1', name: 'Brew', type: 'brew', params: {}, durationSeconds: 25 }],
        materials: [{ materialCode: 'BEANS', binIndex: 0, amount: 18, unit: 'g' }],
      },
    ],
  });
  expect(pkg.statusCode, pkg.body).toBe(201);
  const started = await ops.post('/api/coffee/rollouts', {
    packageId: pkg.json().id,
    tag,
    canaryPercent: 100,
    abortAtFailurePercent,
  });
  expect(started.statusCode, started.body).toBe(201);
  for (const [i, d] of devices.entries())
    await simulatedMachine(baseUrl, d, { failureRate: i < failing ? 1 : 0 }).drainCommands();
  await advanceRollouts(await orgCtx(app), coffeeRuntime(app));
  const id: string = started.json().id;
  return { id, status: (await ops.get(`/api/coffee/rollouts/${id}/review`)).json().status };
}

describe('coffee: alarms and held rollouts by SMS to the on-call phone', () => {
  it('puts the manager on call by SMS: a local-looking or bad phone is refused naming the field', async () => {
    const bad = await ops.post('/api/coffee/console/oncall', {
      name: 'Nobody',
      channel: 'sms',
      address: '12',
      language: 'fr',
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(bad.json())).toContain('body.address');

    const created = await ops.post('/api/coffee/console/oncall', {
      name: 'Amélie Gérante',
      channel: 'sms',
      address: '+33 6 12 34 56 78',
      language: 'fr',
    });
    expect(created.statusCode, created.body).toBe(201);
    const stored = await coffeeDb(app)
      .selectFrom('coffee_oncall')
      .select(['channel', 'address', 'language'])
      .where('id', '=', created.json().id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ channel: 'sms', address: MANAGER, language: 'fr' });
    expect((await ops.get('/api/coffee/settings')).json()).toEqual({ smsAlarms: true, smsRollouts: true });
  });

  it("texts the manager once, in French with its accents, when a machine's report empties a bin; a repeat report and a retried notice send nothing more", async () => {
    const [d] = await coffeeDevices(app, 1);
    expect((await report(d!.token, 0)).statusCode).toBe(200);
    const alarm = await alarmOf(d!.id);
    expect(alarm).toMatchObject({ kind: 'low_material', severity: 'critical', status: 'open' });

    const [text] = await eventually(
      () => textsTo(MANAGER, new RegExp(d!.serial)).length > 0 && textsTo(MANAGER, new RegExp(d!.serial)),
      {
        what: 'the alarm SMS on the manager’s phone',
      },
    );
    expect(text!.text).toBe(`URGENT : La machine à café ${d!.serial} manque de Lait entier.`);
    expect(text!.encoding).toBe('GSM-7');

    // the machine reports the same empty bin again, then a little milk (still critical): the alarm stays open
    expect((await report(d!.token, 0)).statusCode).toBe(200);
    expect((await report(d!.token, 20)).statusCode).toBe(200);
    expect((await alarmOf(d!.id)).id).toBe(alarm.id);
    // a retried job notifying the same alarm again
    const ctx = await orgCtx(app);
    const again = await notifyOnCall(ctx, coffeeRuntime(app), {
      id: alarm.id,
      deviceId: d!.id,
      kind: 'low_material',
      severity: 'critical',
      about: 'Lait entier',
    });
    expect(again).toBe(0);
    const stored = await eventually(async () => {
      const rows = await textsAbout(alarm.id);
      return rows.every((r) => r.status === 'sent') && rows;
    });
    expect(stored.map((r) => [r.recipient, r.locale])).toEqual([[MANAGER, 'fr']]);
    expect(textsTo(MANAGER, new RegExp(d!.serial))).toHaveLength(1);
  });

  it('sends no alarm text when the organization turned alarm texts off, and refuses a setting that is no yes or no', async () => {
    const refused = await ops.patch('/api/coffee/settings', { smsAlarms: 'yes' });
    expect(refused.statusCode).toBe(400);
    expect(JSON.stringify(refused.json())).toContain('smsAlarms');
    const off = await ops.patch('/api/coffee/settings', { smsAlarms: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toEqual({ smsAlarms: false, smsRollouts: true });

    const [d] = await coffeeDevices(app, 1);
    expect((await report(d!.token, 0)).statusCode).toBe(200);
    const alarm = await alarmOf(d!.id);
    expect(alarm).toMatchObject({ kind: 'low_material', severity: 'critical', status: 'open' });
    expect(await textsAbout(alarm.id)).toEqual([]);

    expect((await ops.patch('/api/coffee/settings', { smsAlarms: true })).json()).toEqual({
      smsAlarms: true,
      smsRollouts: true,
    });
  });

  it('texts the manager that a rollout is held for review when one trial machine of three failed', async () => {
    const { id, status } = await rolloutWithFailures('sms-canary', 1, 50);
    expect(status).toBe('held');
    const [text] = await eventually(
      () => textsTo(MANAGER, /sms-canary/).length > 0 && textsTo(MANAGER, /sms-canary/),
      { what: 'the held rollout SMS' },
    );
    expect(text!.text).toMatch(
      /^Le déploiement des recettes v\d+ sur "sms-canary" est en attente : 1 machine d'essai sur 3 a échoué\./,
    );
    // another look at the held rollout (the fleet watch, the review page) sends nothing more
    await advanceRollouts(await orgCtx(app), coffeeRuntime(app));
    expect((await textsAbout(id)).map((r) => r.recipient)).toEqual([MANAGER]);
  });

  it('texts the manager that a rollout stopped, and nothing for a held one once rollout texts are off', async () => {
    const stopped = await rolloutWithFailures('sms-stopped', 2, 50);
    expect(stopped.status).toBe('aborted');
    const [text] = await eventually(
      () => textsTo(MANAGER, /sms-stopped/).length > 0 && textsTo(MANAGER, /sms-stopped/),
      { what: 'the stopped rollout SMS' },
    );
    expect(text!.text).toMatch(
      /sur "sms-stopped" est interrompu : 2 machines sur 3 ont échoué\. Plus rien n'est envoyé\.$/,
    );

    expect((await ops.patch('/api/coffee/settings', { smsRollouts: false })).json()).toEqual({
      smsAlarms: true,
      smsRollouts: false,
    });
    const quiet = await rolloutWithFailures('sms-quiet', 1, 50);
    expect(quiet.status).toBe('held');
    expect(await textsAbout(quiet.id)).toEqual([]);
    await ops.patch('/api/coffee/settings', { smsRollouts: true });
  });
});
