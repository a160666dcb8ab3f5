import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices, coffeeRuntime } from '../../../../test/factories/coffee.ts';
import { orgCtx } from '../../../../test/factories/org.ts';
import type { ApiClient, TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { advanceRollouts } from '../rollouts.ts';
import { coffeeDb, simulatedMachine, startCoffeeApp } from './coffee-harness.ts';

/*
 * Issue 41, item 15, as the operator met it: a rollout with canary 34 % and abort 50 % to six
 * machines, one of the three canary machines failing. It went past the canary and completed in the
 * same second, then said the version ran on every machine while 2 of 6 had failed.
 */
let app: TestApp;
let ops: ApiClient;
let baseUrl: string;
const clock = shiftableClock();

beforeAll(async () => {
  ({ app, ops, baseUrl } = await startCoffeeApp({ clock, listen: true }));
}, 60_000);
afterAll(() => app.close());

const recipe = {
  name: 'Lungo',
  version: '1',
  steps: [{ key: 's1', name: 'Brew', type: 'brew', params: {}, durationSeconds: 25 }],
  materials: [{ materialCode: 'BEANS', binIndex: 0, amount: 18, unit: 'g' }],
};

describe('a canary with one failed machine of three, under a 50 % abort threshold', () => {
  it('waits for every canary machine, holds, sends the rest only when told, and never claims the failed ones', async () => {
    const devices = await coffeeDevices(app, 6, { tags: ['canary34'] });
    const bySerial = [...devices].sort((a, b) => a.serial.localeCompare(b.serial));
    const [ok1, bad, ok2] = bySerial;
    const rest = bySerial.slice(3);
    const pkg = (await ops.post('/api/coffee/recipe-packages', { recipes: [recipe] })).json();
    const started = await ops.post('/api/coffee/rollouts', {
      packageId: pkg.id,
      tag: 'canary34',
      canaryPercent: 34,
      abortAtFailurePercent: 50,
    });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().id;
    const review = async () => (await ops.get(`/api/coffee/rollouts/${id}/review`)).json();
    const watch = async () => advanceRollouts(await orgCtx(app), coffeeRuntime(app));
    const machine = (d: { serial: string; token: string }, failureRate = 0) =>
      simulatedMachine(baseUrl, d, { failureRate });

    // two of the three canary machines answer, one of them failing: the canary waits for the third
    await machine(ok1!).drainCommands();
    await machine(bad!, 1).drainCommands();
    clock.advance(60_000);
    await watch();
    expect(await review()).toMatchObject({
      status: 'canary',
      canary: { total: 3, succeeded: 1, failed: 1, pending: 1 },
      rest: null,
    });
    for (const d of rest) expect(await machine(d).drainCommands()).toBe(0);

    // the third answers: 1 of 3 failed, within 50 %: held, nothing sent past the canary
    await machine(ok2!).drainCommands();
    clock.advance(60_000);
    await watch();
    const held = await review();
    expect(held).toMatchObject({
      status: 'held',
      canary: { status: 'completed', total: 3, succeeded: 2, failed: 1, pending: 0 },
      rest: null,
      reach: { machines: 3, succeeded: 2, failed: 1, everywhere: false },
      resendable: 1,
    });
    expect(held.failures.map((f: { serial: string }) => f.serial)).toEqual([bad!.serial]);
    clock.advance(3_600_000);
    await watch();
    expect((await review()).status).toBe('held');
    for (const d of rest) expect(await machine(d).drainCommands()).toBe(0);

    // the operator continues; one of the rest fails too, within the threshold
    const continued = await ops.post(`/api/coffee/rollouts/${id}/continue`);
    expect(continued.statusCode, continued.body).toBe(200);
    expect(continued.json()).toMatchObject({ status: 'rolling', rest: { total: 3, pending: 3 } });
    const twice = await ops.post(`/api/coffee/rollouts/${id}/continue`);
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'coffee.rollout_not_held']);
    await machine(rest[0]!).drainCommands();
    await machine(rest[1]!, 1).drainCommands();
    await machine(rest[2]!).drainCommands();
    const done = await review();
    expect(done).toMatchObject({
      status: 'completed',
      reach: { machines: 6, succeeded: 4, failed: 2, pending: 0, notSent: 0, everywhere: false },
    });
    expect(done.failures.map((f: { serial: string }) => f.serial).sort()).toEqual(
      [bad!.serial, rest[1]!.serial].sort(),
    );

    const audit = await app.database.pool.query<{ action: string }>(
      'select action from audit_event where subject_id = $1 order by id',
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'coffee.rollout.started',
      'coffee.rollout.held',
      'coffee.rollout.continued',
      'coffee.rollout.rolling',
      'coffee.rollout.completed',
    ]);
    const applied = await coffeeDb(app)
      .selectFrom('coffee_command')
      .select('status')
      .where('batch_id', 'in', [done.canary.batchId, done.rest.batchId])
      .execute();
    expect(applied).toHaveLength(6);
  }, 60_000);

  it('aborts at the canary when more than the threshold failed, once all answered', async () => {
    const devices = await coffeeDevices(app, 6, { tags: ['canary34b'] });
    const bySerial = [...devices].sort((a, b) => a.serial.localeCompare(b.serial));
    const pkg = (await ops.post('/api/coffee/recipe-packages', { recipes: [recipe] })).json();
    const id = (
      await ops.post('/api/coffee/rollouts', {
        packageId: pkg.id,
        tag: 'canary34b',
        canaryPercent: 34,
        abortAtFailurePercent: 50,
      })
    ).json().id;
    await simulatedMachine(baseUrl, bySerial[0]!, { failureRate: 1 }).drainCommands();
    await simulatedMachine(baseUrl, bySerial[1]!, { failureRate: 1 }).drainCommands();
    // two of three failed, but the third has not answered: the canary still waits
    expect((await ops.get(`/api/coffee/rollouts/${id}/review`)).json()).toMatchObject({ status: 'canary' });
    await simulatedMachine(baseUrl, bySerial[2]!).drainCommands();
    expect((await ops.get(`/api/coffee/rollouts/${id}/review`)).json()).toMatchObject({
      status: 'aborted',
      abortedStage: 'canary',
      rest: null,
      reach: { machines: 3, succeeded: 1, failed: 2, everywhere: false },
    });
  }, 60_000);
});
