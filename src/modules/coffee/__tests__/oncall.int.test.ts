import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices, coffeeRuntime } from '../../../../test/factories/coffee.ts';
import { runJob } from '../../../../test/support/jobs.ts';
import type { ApiClient, TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import type { NotificationTables } from '../../../core/notifications/index.ts';
import { watchFleetJob } from '../coffee.queue.ts';
import { coffeeDb, startCoffeeApp } from './coffee-harness.ts';

const clock = shiftableClock();
let app: TestApp;
let ops: ApiClient;

beforeAll(async () => {
  ({ app, ops } = await startCoffeeApp({ clock, worker: true }));
}, 60_000);
afterAll(() => app.close());

const coffee = () => coffeeDb(app);
const alarmMessages = () =>
  app.database.db
    .withTables<NotificationTables>()
    .selectFrom('notification')
    .select(['recipient', 'channel', 'locale', 'subject', 'body', 'idempotency_key'])
    .where('template', '=', 'coffee.alarm')
    .orderBy('created_at')
    .execute();
const heartbeat = (token: string) =>
  app.http.inject({
    method: 'POST',
    url: '/api/coffee/device/status',
    headers: { authorization: `Bearer ${token}` },
    payload: {},
  });
const silence = async () => {
  clock.advance((coffeeRuntime(app).config.COFFEE_OFFLINE_AFTER_MINUTES + 1) * 60_000);
  await runJob(app, watchFleetJob, {});
};

describe('coffee on-call notifications', () => {
  it('queues exactly one message per offline alarm to the on-call person, and nothing more on the next watch', async () => {
    const bad = await ops.post('/api/coffee/console/oncall', {
      name: 'Nobody',
      channel: 'email',
      address: 'not an address',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('notifications.invalid_recipient');

    const created = await ops.post('/api/coffee/console/oncall', {
      name: 'Lucía Técnica',
      channel: 'email',
      address: ' Lucia@Example.COM ',
      language: 'es',
    });
    expect(created.statusCode).toBe(201);
    const oncallId = created.json().id;
    const stored = await coffee()
      .selectFrom('coffee_oncall')
      .selectAll()
      .where('id', '=', oncallId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ address: 'lucia@example.com', language: 'es', active: true });
    const dup = await ops.post('/api/coffee/console/oncall', {
      name: 'Again',
      channel: 'email',
      address: 'lucia@example.com',
    });
    expect(dup.statusCode).toBe(409);

    const [device] = await coffeeDevices(app, 1);
    await heartbeat(device!.token);
    await silence();
    await runJob(app, watchFleetJob, {});

    const alarm = await coffee()
      .selectFrom('coffee_alarm')
      .selectAll()
      .where('device_id', '=', device!.id)
      .executeTakeFirstOrThrow();
    expect(alarm).toMatchObject({ kind: 'offline', status: 'open', notified: 1 });
    const messages = await alarmMessages();
    expect(messages).toEqual([
      {
        recipient: 'lucia@example.com',
        channel: 'email',
        locale: 'es',
        subject: `Crítica: Máquina sin conexión ${device!.serial}`,
        body: `Crítica: La cafetera ${device!.serial} dejó de informar y está sin conexión.`,
        idempotency_key: `coffee.alarm:${alarm.id}:critical:${oncallId}`,
      },
    ]);
    const audit = await app.database.pool.query<{ action: string }>(
      `select action from audit_event where subject_id = $1 order by id`,
      [alarm.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['coffee.alarm.raised', 'coffee.alarm.notified']);

    // taken off call in the console: the next alarm goes to nobody, and the change is audited
    const off = await ops.patch(`/api/coffee/console/oncall/${oncallId}`, { active: false });
    expect(off.statusCode).toBeLessThan(300);
    const [other] = await coffeeDevices(app, 1);
    await heartbeat(other!.token);
    await silence();
    const second = await coffee()
      .selectFrom('coffee_alarm')
      .select('notified')
      .where('device_id', '=', other!.id)
      .executeTakeFirstOrThrow();
    expect(second.notified).toBe(0);
    expect(await alarmMessages()).toHaveLength(1);
  }, 60_000);

  // Issue 54, item 19: the message named the machine's code ("running low on BEANS"), not the material.
  it('tells on-call about low material only once it is critical, once per level, naming the material', async () => {
    const material = await ops.post('/api/coffee/console/materials', {
      code: 'ROAST',
      name: 'House roast',
      unit: 'g',
    });
    expect(material.statusCode, material.body).toBe(201);
    await ops.post('/api/coffee/console/oncall', {
      name: 'Sam',
      channel: 'whatsapp',
      address: '+15550001111',
    });
    const [device] = await coffeeDevices(app, 1);
    const report = (remaining: number) =>
      app.http.inject({
        method: 'POST',
        url: '/api/coffee/device/materials',
        headers: { authorization: `Bearer ${device!.token}` },
        payload: { bins: [{ binIndex: 0, materialCode: 'ROAST', remaining, capacity: 1000 }] },
      });
    const before = (await alarmMessages()).length;
    expect((await report(150)).statusCode).toBe(200); // 15 %: low, a warning
    expect(await alarmMessages()).toHaveLength(before);
    expect((await report(30)).statusCode).toBe(200); // 3 %: critical
    expect((await report(20)).statusCode).toBe(200); // still critical: nothing new
    // (the same reports also predict the bin empty: that alarm has its own message)
    // On WhatsApp there is no subject: the body alone says how urgent it is.
    const sent = (await alarmMessages()).slice(before).filter((m) => m.body.includes('running low'));
    expect(sent.map((m) => [m.recipient, m.subject, m.body])).toEqual([
      ['15550001111', null, `Critical: Coffee machine ${device!.serial} is running low on House roast.`],
    ]);
  }, 60_000);

  it('writes the alarm message in Hindi to an on-call person who reads Hindi', async () => {
    const created = await ops.post('/api/coffee/console/oncall', {
      name: 'Ravi',
      channel: 'email',
      address: 'ravi@example.com',
      language: 'hi',
    });
    expect(created.statusCode, created.body).toBe(201);
    const [device] = await coffeeDevices(app, 1);
    await heartbeat(device!.token);
    await silence();
    const toRavi = (await alarmMessages()).filter((m) => m.recipient === 'ravi@example.com');
    expect(toRavi).toEqual([
      expect.objectContaining({
        locale: 'hi',
        subject: `गंभीर: मशीन ऑफ़लाइन ${device!.serial}`,
        body: `गंभीर: कॉफ़ी मशीन ${device!.serial} ने रिपोर्ट भेजना बंद कर दिया है और ऑफ़लाइन है।`,
      }),
    ]);
  });
});
