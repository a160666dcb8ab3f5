import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices, coffeeRuntime } from '../../../../test/factories/coffee.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { runJob } from '../../../../test/support/jobs.ts';
import type { ApiClient, TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { COFFEE_SCHEDULES, watchFleetJob } from '../coffee.queue.ts';
import { parseDeviceToken } from '../coffee.rules.ts';
import { SimulatedMachine } from '../simulator/simulated-machine.ts';
import { coffeeDb, simulatedMachine, startCoffeeApp } from './coffee-harness.ts';

const clock = shiftableClock();
let app: TestApp;
let ops: ApiClient;
let baseUrl: string;

beforeAll(async () => {
  ({ app, ops, baseUrl } = await startCoffeeApp({ clock, worker: true, listen: true }));
}, 60_000);
afterAll(() => app.close());

const coffee = () => coffeeDb(app);
const asDevice = (token: string) => ({
  get: (url: string) =>
    app.http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }),
  post: (url: string, body: unknown) =>
    app.http.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}` },
      payload: body as object,
    }),
});

describe('coffee devices and commands', () => {
  it('shows a device token once, stores only its hash, and refuses it after rotation or revocation', async () => {
    const res = await ops.post('/api/coffee/devices', { serial: 'CM-T1', model: 'CM-200' });
    expect(res.statusCode).toBe(201);
    const { id, deviceToken } = res.json();
    const stored = await coffee()
      .selectFrom('coffee_device')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    // The secret itself (base64url: it may hold '_', so the token is parsed, not split; the last piece
    // after a split was once 'g', found in "registered").
    expect(JSON.stringify(stored)).not.toContain(parseDeviceToken(deviceToken)!.secret);
    expect(
      (await asDevice(deviceToken).post('/api/coffee/device/status', { temperature: 91.5 })).statusCode,
    ).toBe(200);
    expect((await asDevice('cfd_nonsense').post('/api/coffee/device/status', {})).statusCode).toBe(401);

    const rotated = (await ops.post(`/api/coffee/devices/${id}/token`)).json().deviceToken;
    expect((await asDevice(deviceToken).post('/api/coffee/device/status', {})).statusCode).toBe(401);
    expect((await asDevice(rotated).get('/api/coffee/device/commands/next')).statusCode).toBe(204);

    expect((await ops.delete(`/api/coffee/devices/${id}/token`)).statusCode).toBe(204);
    const revoked = await asDevice(rotated).get('/api/coffee/device/commands/next');
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe('coffee.device_token_invalid');
    const after = await coffee()
      .selectFrom('coffee_device')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ token_hash: null, status: 'online' });
    expect(after.temperature_tenths).toBe(915);
  });

  it('takes a heartbeat in one statement only with its own token; a status change is audited once however often it is sent', async () => {
    const [d, other] = await coffeeDevices(app, 2);
    const dev = asDevice(d!.token);
    const lastSeen = async () =>
      (
        await coffee()
          .selectFrom('coffee_device')
          .select(['last_seen_at', 'temperature_tenths', 'status'])
          .where('id', '=', d!.id)
          .executeTakeFirstOrThrow()
      ).last_seen_at?.getTime();
    const fresh = await lastSeen();
    clock.advance(60_000);
    expect((await dev.post('/api/coffee/device/status', { temperature: 90 })).json()).toEqual({
      status: 'online',
    });
    const seen = await lastSeen();
    expect(seen).toBeGreaterThanOrEqual((fresh ?? 0) + 60_000);
    // another device's secret on this device's id moves nothing
    const forged = `cfd_${d!.id}_${other!.token.slice(`cfd_${other!.id}_`.length)}`;
    clock.advance(1_000);
    expect((await asDevice(forged).post('/api/coffee/device/status', { temperature: 10 })).statusCode).toBe(
      401,
    );
    expect(await lastSeen()).toBe(seen);

    // a fault reported three times (a device retrying) is one change: one audit entry, one status
    const changes = async () =>
      (
        await app.database.pool.query(
          "select count(*)::int as n from audit_event where action = 'coffee.device.status_changed' and subject_id = $1",
          [d!.id],
        )
      ).rows[0].n;
    const changed = await changes();
    for (let i = 0; i < 3; i++)
      expect((await dev.post('/api/coffee/device/status', { status: 'fault' })).json()).toEqual({
        status: 'fault',
      });
    expect(await changes()).toBe(changed + 1);

    // a retired machine's token is refused at once, and its heartbeat changes nothing
    expect((await ops.post(`/api/coffee/devices/${d!.id}/retire`)).statusCode).toBe(200);
    const beforeRetired = await lastSeen();
    clock.advance(1_000);
    expect((await dev.post('/api/coffee/device/status', {})).statusCode).toBe(401);
    expect((await dev.post('/api/coffee/device/status', { status: 'fault' })).statusCode).toBe(401);
    expect(await lastSeen()).toBe(beforeRetired);
  });

  it('hands out one command at a time, in order, the same one until its result, and takes a result once', async () => {
    const [d] = await coffeeDevices(app, 1, { model: 'CM-100' });
    const ids: string[] = [];
    for (const [type, params] of [
      ['sync', {}],
      ['restart', {}],
      ['apply_recipes', { version: 2, checksum: 'c0ffee' }],
      ['set_params', { grind: 4 }],
    ] as const) {
      const res = await ops.post(`/api/coffee/devices/${d!.id}/commands`, { type, params });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    const dev = asDevice(d!.token);
    const first = (await dev.get('/api/coffee/device/commands/next')).json();
    expect(first).toMatchObject({ id: ids[0], type: 'sync', params: {}, attempt: 1 });
    expect((await dev.get('/api/coffee/device/commands/next')).json().id).toBe(ids[0]);
    const ok = await dev.post(`/api/coffee/device/commands/${ids[0]}/result`, { status: 'succeeded' });
    expect(ok.json()).toEqual({ accepted: true, status: 'succeeded' });
    const again = await dev.post(`/api/coffee/device/commands/${ids[0]}/result`, { status: 'succeeded' });
    expect(again.json()).toEqual({ accepted: false, status: 'succeeded' });
    const contradicting = await dev.post(`/api/coffee/device/commands/${ids[0]}/result`, {
      status: 'failed',
    });
    expect(contradicting.statusCode).toBe(409);

    expect((await dev.get('/api/coffee/device/commands/next')).json().id).toBe(ids[1]);
    await dev.post(`/api/coffee/device/commands/${ids[1]}/result`, { status: 'failed', detail: 'door open' });
    // apply_recipes is not a CM-100 capability: stored unsupported, never sent; set_params comes next
    expect((await dev.get('/api/coffee/device/commands/next')).json()).toMatchObject({
      id: ids[3],
      params: { grind: 4 },
    });
    const rows = await coffee()
      .selectFrom('coffee_command')
      .select(['id', 'status', 'attempts'])
      .where('device_id', '=', d!.id)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['succeeded', 1],
      ['failed', 1],
      ['unsupported', 0],
      ['sent', 1],
    ]);
    const alarms = await coffee()
      .selectFrom('coffee_alarm')
      .selectAll()
      .where('device_id', '=', d!.id)
      .execute();
    expect(alarms.map((a) => [a.kind, a.status])).toEqual([['command_failed', 'open']]);
    // the other device sees none of it
    const [other] = await coffeeDevices(app, 1);
    expect(
      (
        await asDevice(other!.token).post(`/api/coffee/device/commands/${ids[3]}/result`, {
          status: 'succeeded',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('refuses a command or a batch whose parameters its type does not take, naming each field and what it expects', async () => {
    const [d] = await coffeeDevices(app, 1, { model: 'CM-200', tags: ['params-check'] });
    const fields = (res: { json(): { errors?: { field: string; expected?: string }[] } }) =>
      Object.fromEntries((res.json().errors ?? []).map((e) => [e.field, e.expected]));
    const noProduct = await ops.post(`/api/coffee/devices/${d!.id}/commands`, {
      type: 'make_product',
      params: { cups: 9 },
    });
    expect(noProduct.statusCode).toBe(400);
    expect(noProduct.headers['content-type']).toContain('application/problem+json');
    expect(fields(noProduct)).toEqual({
      'body.params.product': 'text',
      'body.params.cups': 'a whole number of at most 5 (from 1)',
    });
    const wrongKind = await ops.post(`/api/coffee/devices/${d!.id}/commands`, {
      type: 'apply_recipes',
      params: { version: '3', checksum: 'c0ffee', whenIdle: 'yes' },
    });
    expect(fields(wrongKind)).toEqual({
      'body.params.version': 'a whole number of at least 1',
      'body.params.whenIdle': 'true or false',
    });
    const stray = await ops.post(`/api/coffee/devices/${d!.id}/commands`, {
      type: 'restart',
      params: { force: 1 },
    });
    expect(fields(stray)).toEqual({ 'body.params.force': 'no parameters (restart takes none)' });
    const batch = await ops.post('/api/coffee/batches', {
      tag: 'params-check',
      command: { type: 'set_params', params: { temperature: 120 } },
      abortAtFailurePercent: 10,
    });
    expect(fields(batch)).toEqual({ 'body.command.params.temperature': 'a number of at most 96 (from 80)' });
    // Nothing was queued by any of them.
    const queued = await coffee()
      .selectFrom('coffee_command')
      .select('id')
      .where('device_id', '=', d!.id)
      .execute();
    expect(queued).toEqual([]);
  });

  it('aborts a batch to 200 simulated devices with 20 % failures at a 10 % threshold; counts add up, order holds', async () => {
    const devices = await coffeeDevices(app, 200, { tags: ['fleet200'] });
    // Some devices have their own commands queued first: the batch's must wait behind them.
    for (const d of devices.slice(0, 20))
      await ops.post(`/api/coffee/devices/${d.id}/commands`, { type: 'sync' });
    const created = await ops.post('/api/coffee/batches', {
      tag: 'fleet200',
      command: { type: 'set_params', params: { grind: 7 } },
      abortAtFailurePercent: 10,
      minFinished: 20,
    });
    expect(created.statusCode).toBe(201);
    const batchId = created.json().id;
    const machines = devices.map((d, i) => simulatedMachine(baseUrl, d, { failureRate: 0.2, seed: i + 1 }));
    // all machines at once, over real HTTP, each draining its queue
    await Promise.all(machines.map((m) => m.drainCommands()));

    const batch = (await ops.get(`/api/coffee/batches/${batchId}`)).json();
    expect(batch.status).toBe('aborted');
    expect(batch.total).toBe(200);
    expect(batch.succeeded + batch.failed + batch.pending + batch.cancelled).toBe(200);
    expect(batch.cancelled).toBeGreaterThan(0);
    expect(batch.failed * 100).toBeGreaterThan(10 * (batch.succeeded + batch.failed));
    expect(machines.reduce((n, m) => n + m.violations, 0)).toBe(0);
    // every device received its commands in queue order, none twice
    const rows = await coffee()
      .selectFrom('coffee_command')
      .select(['id', 'device_id', 'status', 'attempts'])
      .where(
        'device_id',
        'in',
        devices.map((d) => d.id),
      )
      .orderBy('seq')
      .execute();
    for (const [i, d] of devices.entries()) {
      const mine = rows.filter((r) => r.device_id === d.id);
      const fetched = mine.filter((r) => r.attempts > 0).map((r) => r.id);
      expect(machines[i]!.received).toEqual(fetched);
      expect(mine.every((r) => r.attempts <= 1)).toBe(true);
    }
    // stored state agrees with the answer: nothing fetched after the abort was cancelled
    const batchRows = rows.filter((r) => r.status === 'cancelled');
    expect(batchRows.length).toBe(batch.cancelled);
    expect(batchRows.every((r) => r.attempts === 0)).toBe(true);

    // retry of the failed ones: same rows, counted once
    const retried = await ops.post(`/api/coffee/batches/${batchId}/retry-failed`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'running', total: 200, failed: 0, pending: batch.failed });
  }, 60_000);

  it('raises exactly one offline alarm per silent device on the fleet watch, with no other traffic', async () => {
    expect(COFFEE_SCHEDULES.map((s) => [s.job.name, s.cron])).toEqual([['coffee.watch-fleet', '* * * * *']]);
    const [silent, alive] = await coffeeDevices(app, 2);
    await asDevice(silent!.token).post('/api/coffee/device/status', {});
    await asDevice(alive!.token).post('/api/coffee/device/status', {});
    const minutes = coffeeRuntime(app).config.COFFEE_OFFLINE_AFTER_MINUTES;
    clock.advance(minutes * 60_000 - 30_000);
    await asDevice(alive!.token).post('/api/coffee/device/status', {});
    await runJob(app, watchFleetJob, {});
    expect(
      await coffee()
        .selectFrom('coffee_alarm')
        .selectAll()
        .where('device_id', '=', silent!.id)
        .where('kind', '=', 'offline')
        .execute(),
    ).toEqual([]);
    clock.advance(60_000); // the threshold passed 30 s ago: the next minute's watch raises it
    await runJob(app, watchFleetJob, {});
    await runJob(app, watchFleetJob, {});
    const alarms = await coffee()
      .selectFrom('coffee_alarm')
      .selectAll()
      .where('kind', '=', 'offline')
      .where('device_id', 'in', [silent!.id, alive!.id])
      .execute();
    expect(alarms.map((a) => [a.device_id, a.status])).toEqual([[silent!.id, 'open']]);
    const d = await coffee()
      .selectFrom('coffee_device')
      .select(['status', 'last_seen_at'])
      .where('id', '=', silent!.id)
      .executeTakeFirstOrThrow();
    expect(d.status).toBe('offline');
    expect(alarms[0]!.raised_at.getTime() - d.last_seen_at!.getTime()).toBeLessThanOrEqual(
      (minutes + 1) * 60_000,
    );
    // back online closes it
    await asDevice(silent!.token).post('/api/coffee/device/status', {});
    const closed = await coffee()
      .selectFrom('coffee_alarm')
      .select('status')
      .where('id', '=', alarms[0]!.id)
      .executeTakeFirstOrThrow();
    expect(closed.status).toBe('closed');
  });

  it('expires a command past its TTL and resends one without a result after its timeout, counting attempts once', async () => {
    const [d] = await coffeeDevices(app, 1);
    const dev = asDevice(d!.token);
    const a = (
      await ops.post(`/api/coffee/devices/${d!.id}/commands`, {
        type: 'restart',
        timeoutSeconds: 30,
        maxAttempts: 2,
      })
    ).json();
    const b = (
      await ops.post(`/api/coffee/devices/${d!.id}/commands`, { type: 'sync', ttlSeconds: 60 })
    ).json();
    expect((await dev.get('/api/coffee/device/commands/next')).json()).toMatchObject({
      id: a.id,
      attempt: 1,
    });
    clock.advance(31_000);
    expect((await dev.get('/api/coffee/device/commands/next')).json()).toMatchObject({
      id: a.id,
      attempt: 2,
    });
    clock.advance(31_000); // attempts used up: timed out; b's TTL (60 s) has passed too: expired
    expect((await dev.get('/api/coffee/device/commands/next')).statusCode).toBe(204);
    const rows = await coffee()
      .selectFrom('coffee_command')
      .select(['id', 'status', 'attempts'])
      .where('device_id', '=', d!.id)
      .orderBy('seq')
      .execute();
    expect(rows).toEqual([
      { id: a.id, status: 'timed_out', attempts: 2 },
      { id: b.id, status: 'expired', attempts: 0 },
    ]);
  });
});

describe('coffee orders, dashboard and metrics', () => {
  it('stores a sale once per device order id, refunds a failed vend at once and a manual refund once', async () => {
    const [d] = await coffeeDevices(app, 1);
    const dev = asDevice(d!.token);
    const sale = {
      orderId: 'A-1',
      orderedAt: clock.now().toISOString(),
      items: [{ name: 'Latte', qty: 2, unitPriceMinor: 350 }],
      currency: 'USD',
    };
    const first = (await dev.post('/api/coffee/device/orders', sale)).json();
    expect(first.created).toBe(true);
    expect((await dev.post('/api/coffee/device/orders', sale)).json()).toEqual({
      id: first.id,
      created: false,
    });
    const failed = (
      await dev.post('/api/coffee/device/orders', { ...sale, orderId: 'A-2', vend: 'failed' })
    ).json();
    const rows = await coffee()
      .selectFrom('coffee_order')
      .selectAll()
      .where('device_id', '=', d!.id)
      .orderBy('device_order_id')
      .execute();
    expect(rows.map((r) => [r.device_order_id, r.total_minor, r.payment_status, r.refund_reason])).toEqual([
      ['A-1', '700', 'paid', null],
      ['A-2', '700', 'refunded', 'failed vend (automatic)'],
    ]);
    expect(failed.created).toBe(true);

    // An owner refunds alone (an ops member's refund waits for a second person: coffee-refunds.int.test.ts).
    const owner = await signedInStaff(app, { role: 'owner' });
    const refund = await owner.post(`/api/coffee/orders/${first.id}/refund`, { reason: 'cold coffee' });
    expect(refund.json()).toMatchObject({
      paymentStatus: 'refunded',
      refundReason: 'cold coffee',
      refundedNow: true,
    });
    const retried = await owner.post(`/api/coffee/orders/${first.id}/refund`, { reason: 'cold coffee' });
    expect(retried.json()).toMatchObject({ paymentStatus: 'refunded', refundedNow: false });
    const audits = await app.database.pool.query(
      "select count(*)::int as n from audit_event where action = 'coffee.order.refunded' and subject_id = $1",
      [first.id],
    );
    expect(audits.rows[0].n).toBe(1);
  });

  it('raises one low-material alarm, escalates it to critical, predicts empty bins and closes it after a refill', async () => {
    const [d] = await coffeeDevices(app, 1);
    const dev = asDevice(d!.token);
    const report = (remaining: number) =>
      dev.post('/api/coffee/device/materials', {
        bins: [{ binIndex: 0, materialCode: 'BEANS', remaining, capacity: 1000 }],
      });
    expect((await report(900)).json().bins).toEqual([{ binIndex: 0, level: 'normal', daysUntilEmpty: null }]);
    clock.advance(86_400_000);
    expect((await report(150)).json().bins).toEqual([{ binIndex: 0, level: 'low', daysUntilEmpty: 0.2 }]);
    await report(40); // critical now: the same alarm, more severe
    const open = await coffee()
      .selectFrom('coffee_alarm')
      .select(['kind', 'severity', 'status'])
      .where('device_id', '=', d!.id)
      .orderBy('kind')
      .execute();
    expect(open).toEqual([
      { kind: 'low_material', severity: 'critical', status: 'open' },
      { kind: 'predicted_empty', severity: 'warn', status: 'open' },
    ]);
    await report(1000); // refilled: no longer low, but at 750 a day still empty within 2 days
    const after = await coffee()
      .selectFrom('coffee_alarm')
      .select(['kind', 'status'])
      .where('device_id', '=', d!.id)
      .orderBy('kind')
      .execute();
    expect(after.map((a) => [a.kind, a.status])).toEqual([
      ['low_material', 'closed'],
      ['predicted_empty', 'open'],
    ]);
  });

  it('sums the fleet for the dashboard and exposes fleet gauges on /metrics', async () => {
    // the clock moved a day ahead in earlier tests: a fresh session
    const viewer = await signedInStaff(app, { role: 'viewer' });
    const res = await viewer.get('/api/coffee/summary');
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json();
    expect(summary.devices.total).toBeGreaterThan(200);
    expect(summary.trend).toHaveLength(7);
    expect(summary.sales.currency).toBe('USD');
    const metrics = await app.deps.metrics!.metrics();
    expect(metrics).toMatch(/opsdesk_coffee_devices\{org="[0-9a-f-]+",status="online"\} \d+/);
    expect(metrics).toMatch(/opsdesk_coffee_alarms_open\{org="[0-9a-f-]+",kind="command_failed"\} \d+/);
  });
});

describe('coffee recipe packages and staged rollouts', () => {
  const recipe = (name: string) => ({
    name,
    version: '1',
    steps: [{ key: 's1', name: 'Brew', type: 'brew', params: { pressure: 9 }, durationSeconds: 25 }],
    materials: [{ materialCode: 'BEANS', binIndex: 0, amount: 18, unit: 'g' }],
  });

  it('validates recipes, versions packages with a checksum, rolls out canary then the rest, aborts and rolls back', async () => {
    const staff = await signedInStaff(app, { role: 'ops' });
    const bad = await staff.post('/api/coffee/recipe-packages', { recipes: [{ ...recipe('X'), steps: [] }] });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('steps');

    const v1 = (await staff.post('/api/coffee/recipe-packages', { recipes: [recipe('Espresso')] })).json();
    const v2 = (
      await staff.post('/api/coffee/recipe-packages', { recipes: [recipe('Espresso'), recipe('Lungo')] })
    ).json();
    expect([v1.version + 1, v1.checksum === v2.checksum]).toEqual([v2.version, false]);
    const devices = await coffeeDevices(app, 10, { tags: ['recipes'] });
    const download = (
      await asDevice(devices[0]!.token).get(`/api/coffee/device/packages/${v2.version}`)
    ).json();
    const { canonicalJson } = await import('../recipe.schema.ts');
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(canonicalJson(download.recipes)).digest('hex')).toBe(v2.checksum);

    const machines = (failureRate: number) =>
      devices.map((d, i) => simulatedMachine(baseUrl, d, { failureRate, seed: i + 7 }));
    const first = (
      await staff.post('/api/coffee/rollouts', {
        packageId: v1.id,
        tag: 'recipes',
        canaryPercent: 20,
        abortAtFailurePercent: 50,
      })
    ).json();
    expect(first.status).toBe('canary');
    const fleet = machines(0);
    await Promise.all(fleet.map((m) => m.drainCommands()));
    expect(fleet.filter((m) => m.received.length === 1)).toHaveLength(2); // the canary only
    await runJob(app, watchFleetJob, {});
    expect((await staff.get(`/api/coffee/rollouts/${first.id}`)).json().status).toBe('rolling');
    await Promise.all(fleet.map((m) => m.drainCommands()));
    await runJob(app, watchFleetJob, {});
    expect((await staff.get(`/api/coffee/rollouts/${first.id}`)).json().status).toBe('completed');

    const second = (
      await staff.post('/api/coffee/rollouts', {
        packageId: v2.id,
        tag: 'recipes',
        canaryPercent: 20,
        abortAtFailurePercent: 10,
      })
    ).json();
    await Promise.all(machines(1).map((m) => m.drainCommands()));
    await runJob(app, watchFleetJob, {});
    const aborted = (await staff.get(`/api/coffee/rollouts/${second.id}`)).json();
    expect(aborted).toMatchObject({ status: 'aborted', restBatchId: null, previousPackageId: v1.id });
    const rollBack = () =>
      staff.post(`/api/coffee/rollouts/${second.id}/rollback`, undefined, { 'idempotency-key': 'back-1' });
    const back = await rollBack();
    expect(back.statusCode).toBe(201);
    expect(back.json()).toMatchObject({ packageId: v1.id, canaryPercent: 100, status: 'canary' });
    // Sent again with its key (the answer was lost): the same rollback, no second rollout.
    expect((await rollBack()).json().id).toBe(back.json().id);
    const rollouts = await coffee()
      .selectFrom('coffee_rollout')
      .select('id')
      .where('tag', '=', 'recipes')
      .execute();
    expect(rollouts).toHaveLength(3);
    const sent = await coffee()
      .selectFrom('coffee_command')
      .select(['params'])
      .where('batch_id', '=', back.json().canaryBatchId)
      .execute();
    expect(sent).toHaveLength(10);
    expect(sent[0]!.params).toMatchObject({ version: v1.version, checksum: v1.checksum, whenIdle: true });
  });

  it('applies a recipe package sent "when idle" only once the machine has finished the drink it is making', async () => {
    const staff = await signedInStaff(app, { role: 'ops' });
    const pkg = (await staff.post('/api/coffee/recipe-packages', { recipes: [recipe('Cortado')] })).json();
    const [d] = await coffeeDevices(app, 1, { tags: ['idle-test'] });
    const rollout = await staff.post('/api/coffee/rollouts', {
      packageId: pkg.id,
      tag: 'idle-test',
      canaryPercent: 100,
      abortAtFailurePercent: 50,
    });
    expect(rollout.statusCode).toBe(201);
    const machine = new SimulatedMachine({ baseUrl, serial: d!.serial, token: d!.token, failureRate: 0 });
    const command = () =>
      coffee()
        .selectFrom('coffee_command')
        .select(['id', 'status', 'detail'])
        .where('device_id', '=', d!.id)
        .executeTakeFirstOrThrow();

    await machine.vend(async () => {
      expect(await machine.drainCommands()).toBe(0);
      expect(await machine.drainCommands()).toBe(0); // asked again mid-vend: the same command, still held
    });
    const held = await command();
    expect(held).toMatchObject({ status: 'sent', detail: null });
    expect([machine.deferred, machine.received, machine.violations, machine.packageVersion]).toEqual([
      [held.id],
      [held.id],
      0,
      undefined,
    ]);

    expect(await machine.drainCommands()).toBe(1); // idle now: applied and reported
    expect(await command()).toMatchObject({ status: 'succeeded', detail: `recipes v${pkg.version} applied` });
    await machine.heartbeat();
    const stored = await coffee()
      .selectFrom('coffee_device')
      .select('package_version')
      .where('id', '=', d!.id)
      .executeTakeFirstOrThrow();
    expect(stored.package_version).toBe(pkg.version);
  });
});
