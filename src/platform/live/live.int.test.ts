import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices } from '../../../test/factories/coffee.ts';
import { createOrg, orgIdOf } from '../../../test/factories/org.ts';
import { createStaff } from '../../../test/factories/staff.ts';
import { listenOn, openStream } from '../../../test/support/live-stream.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';

let app: TestApp;
let baseUrl: string;
let email: string;

beforeAll(async () => {
  app = await startTestApp();
  baseUrl = await listenOn(app);
  email = (await createStaff(app, { role: 'viewer' })).email;
}, 60_000);
afterAll(() => app.close());

describe('live updates over SSE', () => {
  it("delivers a committed change to the organization's subscribers only, never a rolled-back one", async () => {
    const stream = await openStream(baseUrl, email, 'coffee.devices');
    const other = await createOrg(app);
    const orgId = await orgIdOf(app);
    // another organization's event and a rolled-back one go nowhere; then a real heartbeat arrives
    await app.deps.live.publish(undefined, { orgId: other.id, topic: 'coffee.devices', id: 'not-yours' });
    await app.database.db
      .transaction()
      .execute(async (trx) => {
        await app.deps.live.publish(trx, { orgId, topic: 'coffee.devices', id: 'rolled-back' });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const [d] = await coffeeDevices(app, 1);
    await app.http.inject({
      method: 'POST',
      url: '/api/coffee/device/status',
      headers: { authorization: `Bearer ${d!.token}` },
      payload: {},
    });
    const got = await stream.next();
    // PGlite delivers after the transaction ended (a rollback costs a refetch); PostgreSQL never sends it
    const first = got.data.id === 'rolled-back' && app.database.kind === 'pglite' ? await stream.next() : got;
    expect(first).toEqual({ event: 'coffee.devices', data: { topic: 'coffee.devices', id: d!.id } });
    stream.close();
  });

  it('answers 404 for a topic nobody declared and 403 for one the caller may not read', async () => {
    const client = await app.signIn(email);
    expect((await client.get('/api/live?topics=coffee.devices,nobody.here')).statusCode).toBe(404);
    expect((await client.get('/api/live?topics=coffee.devices')).json()).toEqual({
      topics: ['coffee.devices'],
    });
    const scanner = await app.signIn((await createStaff(app, { role: 'scanner' })).email);
    expect((await scanner.get('/api/live?topics=coffee.devices')).statusCode).toBe(403);
  });
});
