import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices } from '../../../../test/factories/coffee.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import type { ApiClient, TestApp } from '../../../../test/support/test-app.ts';
import { coffeeDb, simulatedMachine, startCoffeeApp } from './coffee-harness.ts';

let app: TestApp;
let ops: ApiClient;
let baseUrl: string;

beforeAll(async () => {
  ({ app, ops, baseUrl } = await startCoffeeApp({ listen: true }));
}, 60_000);
afterAll(() => app.close());

const coffee = () => coffeeDb(app);
const machine = (d: { serial: string; token: string }, failureRate = 0) =>
  simulatedMachine(baseUrl, d, { failureRate });
const recipe = (name: string) => ({
  name,
  version: '1',
  steps: [{ key: 's1', name: 'Brew', type: 'brew', params: {}, durationSeconds: 25 }],
  materials: [{ materialCode: 'BEANS', binIndex: 0, amount: 18, unit: 'g' }],
});

describe('the machine page actions', () => {
  it("lists the commands a machine's model runs and its latest commands with their status", async () => {
    const [basic] = await coffeeDevices(app, 1, { model: 'CM-100' });
    const first = await ops.get(`/api/coffee/devices/${basic!.id}/commands`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      supported: ['make_product', 'restart', 'sync', 'set_params'],
      retiredAt: null,
      items: [],
    });
    const restart = await ops.post(`/api/coffee/devices/${basic!.id}/commands`, { type: 'restart' });
    expect(restart.statusCode).toBe(201);
    await machine(basic!).drainCommands();
    const recipes = await ops.post(`/api/coffee/devices/${basic!.id}/commands`, {
      type: 'apply_recipes',
      params: { version: 1, checksum: 'abc' },
    });
    expect(recipes.json()).toMatchObject({ status: 'unsupported' });
    const after = (await ops.get(`/api/coffee/devices/${basic!.id}/commands`)).json();
    // Opsdesk's own answer is a code the console words (its English stays in `detail`); a machine's is its own.
    expect(after.items.map((c: object) => ({ ...c, id: undefined }))).toEqual([
      expect.objectContaining({
        type: 'apply_recipes',
        status: 'unsupported',
        detail: 'model CM-100 cannot run apply_recipes',
        reason: { code: 'unsupported', model: 'CM-100' },
      }),
      expect.objectContaining({ type: 'restart', status: 'succeeded', reason: null }),
    ]);
  });

  it('retires a machine: its token stops, waiting commands are cancelled, alarms close, batches leave it out; audited', async () => {
    const [gone, kept] = await coffeeDevices(app, 2, { tags: ['retire-me'] });
    await ops.post(`/api/coffee/devices/${gone!.id}/commands`, { type: 'sync' });
    await coffee()
      .insertInto('coffee_alarm')
      .values({
        org_id: (
          await coffee()
            .selectFrom('coffee_device')
            .select('org_id')
            .where('id', '=', gone!.id)
            .executeTakeFirstOrThrow()
        ).org_id,
        device_id: gone!.id,
        kind: 'offline',
        severity: 'warn',
        title: 'Offline',
        context: '{}',
        raised_at: new Date(),
      })
      .execute();

    const res = await ops.post(`/api/coffee/devices/${gone!.id}/retire`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ cancelledCommands: 1, closedAlarms: 1 });
    await expect(machine(gone!).client.next()).rejects.toMatchObject({ status: 401 });
    const commands = await coffee()
      .selectFrom('coffee_command')
      .select(['status', 'detail', 'reason'])
      .where('device_id', '=', gone!.id)
      .execute();
    expect(commands).toEqual([
      { status: 'cancelled', detail: 'machine retired', reason: { code: 'retired' } },
    ]);
    const alarms = await coffee()
      .selectFrom('coffee_alarm')
      .select('status')
      .where('device_id', '=', gone!.id)
      .execute();
    expect(alarms).toEqual([{ status: 'closed' }]);

    const again = await ops.post(`/api/coffee/devices/${gone!.id}/retire`);
    expect([again.statusCode, again.json().code]).toEqual([409, 'coffee.device_retired']);
    const token = await ops.post(`/api/coffee/devices/${gone!.id}/token`);
    expect([token.statusCode, token.json().code]).toEqual([409, 'coffee.device_retired']);
    const command = await ops.post(`/api/coffee/devices/${gone!.id}/commands`, { type: 'restart' });
    expect([command.statusCode, command.json().code]).toEqual([409, 'coffee.device_retired']);
    expect((await ops.get(`/api/coffee/devices/${gone!.id}/commands`)).json().supported).toEqual([]);

    const batch = await ops.post('/api/coffee/batches', {
      tag: 'retire-me',
      command: { type: 'sync' },
      abortAtFailurePercent: 50,
    });
    const sentTo = await coffee()
      .selectFrom('coffee_command')
      .select('device_id')
      .where('batch_id', '=', batch.json().id)
      .execute();
    expect(sentTo).toEqual([{ device_id: kept!.id }]);

    const audit = await app.database.pool.query<{ action: string; meta: Record<string, number> }>(
      "select action, meta from audit_event where subject_id = $1 and action = 'coffee.device.retired'",
      [gone!.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.meta).toMatchObject({ cancelledCommands: 1, closedAlarms: 1 });
  });

  it('answers problem+json for a machine that does not exist, and refuses retiring to a viewer', async () => {
    const missing = await ops.post('/api/coffee/devices/00000000-0000-4000-8000-000000000000/retire');
    expect([missing.statusCode, missing.headers['content-type'], missing.json().code]).toEqual([
      404,
      'application/problem+json; charset=utf-8',
      'coffee.device_not_found',
    ]);
    const [d] = await coffeeDevices(app, 1);
    const viewer = await signedInStaff(app, { role: 'viewer' });
    expect((await viewer.post(`/api/coffee/devices/${d!.id}/retire`)).statusCode).toBe(403);
    expect((await viewer.get(`/api/coffee/devices/${d!.id}/commands`)).statusCode).toBe(200);
  });
});

describe('recipe packages in the editor', () => {
  it('names the field path and what was expected when a recipe does not fit the schema, and saves nothing', async () => {
    const before = await coffee().selectFrom('coffee_recipe_package').select('id').execute();
    const bad = { ...recipe('Mocha'), steps: [{ ...recipe('Mocha').steps[0], type: 'boil' }] };
    const res = await ops.post('/api/coffee/recipe-packages', { recipes: [bad] });
    expect(res.statusCode).toBe(400);
    const issue = res.json().errors.find((e: { field: string }) => e.field === 'body.recipes.0.steps.0.type');
    expect(issue).toMatchObject({ code: 'invalid_value' });
    expect(issue.expected).toContain('"brew"');
    expect(await coffee().selectFrom('coffee_recipe_package').select('id').execute()).toHaveLength(
      before.length,
    );
  });

  it('gives a package back with its recipes, so the next version starts from it', async () => {
    const created = (
      await ops.post('/api/coffee/recipe-packages', { recipes: [recipe('Flat white')] })
    ).json();
    const res = await ops.get(`/api/coffee/recipe-packages/${created.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: created.version, checksum: created.checksum });
    expect(res.json().recipes[0]).toMatchObject({ name: 'Flat white', steps: [{ type: 'brew' }] });
  });
});

describe('an aborted rollout', () => {
  it('says which machines failed and what they answered, resumes, and rolls back to the version before', async () => {
    const devices = await coffeeDevices(app, 4, { tags: ['review'] });
    const v1 = (await ops.post('/api/coffee/recipe-packages', { recipes: [recipe('Ristretto')] })).json();
    const v2 = (
      await ops.post('/api/coffee/recipe-packages', { recipes: [recipe('Ristretto'), recipe('Doppio')] })
    ).json();
    const start = (packageId: string, canaryPercent: number) =>
      ops.post('/api/coffee/rollouts', {
        packageId,
        tag: 'review',
        canaryPercent,
        abortAtFailurePercent: 40,
      });
    const first = (await start(v1.id, 100)).json();
    for (const d of devices) await machine(d).drainCommands();
    expect((await ops.get(`/api/coffee/rollouts/${first.id}/review`)).json().status).toBe('completed');

    const second = (await start(v2.id, 50)).json(); // canary: the first two machines by serial
    const canary = [...devices].sort((a, b) => a.serial.localeCompare(b.serial)).slice(0, 2);
    await machine(canary[0]!, 0).drainCommands();
    await machine(canary[1]!, 1).drainCommands(); // answers "simulated failure"
    const review = await ops.get(`/api/coffee/rollouts/${second.id}/review`);
    expect(review.statusCode).toBe(200);
    expect(review.json()).toMatchObject({
      status: 'aborted',
      abortedStage: 'canary',
      version: v2.version,
      previousVersion: v1.version,
      canary: { status: 'aborted', total: 2, succeeded: 1, failed: 1 },
      rest: null,
      taggedMachines: 4,
    });
    expect(review.json().failures).toEqual([
      expect.objectContaining({
        serial: canary[1]!.serial,
        status: 'failed',
        detail: 'simulated failure',
        reason: null,
      }),
    ]);

    const resumed = await ops.post(`/api/coffee/rollouts/${second.id}/resume`);
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(resumed.json()).toMatchObject({ status: 'canary', failures: [] });
    const again = await ops.post(`/api/coffee/rollouts/${second.id}/resume`);
    expect([again.statusCode, again.json().code]).toEqual([409, 'coffee.rollout_not_aborted']);
    await machine(canary[1]!, 0).drainCommands();
    const rolling = (await ops.get(`/api/coffee/rollouts/${second.id}/review`)).json();
    expect(rolling).toMatchObject({ status: 'rolling', canary: { status: 'completed', succeeded: 2 } });
    expect(rolling.rest).toMatchObject({ total: 2, pending: 2 });

    const back = await ops.post(`/api/coffee/rollouts/${second.id}/rollback`);
    expect(back.statusCode).toBe(201);
    expect(back.json()).toMatchObject({ packageId: v1.id, canaryPercent: 100 });
    const audit = await app.database.pool.query<{ action: string }>(
      'select action from audit_event where subject_id = $1 order by id',
      [second.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'coffee.rollout.aborted',
        'coffee.rollout.resumed',
        'coffee.rollout.rolled_back',
      ]),
    );
  });
});
