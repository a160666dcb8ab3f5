import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices } from '../../../test/factories/coffee.ts';
import { createOrg, orgIdOf } from '../../../test/factories/org.ts';
import { createStaff } from '../../../test/factories/staff.ts';
import { TEST_MODULES } from '../../../test/support/template-sources.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/test-app.ts';
import { type App, buildApp } from '../../app/build-app.ts';
import { testConfig } from '../config/index.ts';
import { openDatabase } from '../db/index.ts';

/** A browser's EventSource, by hand: the session cookie, then the stream's events as they come. */
async function openStream(baseUrl: string, email: string, topics: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('opsdesk_session='))!
    .split(';')[0]!;
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/api/live?topics=${topics}`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  /** The next `event:` block (comments and heartbeats skipped). */
  const next = async (): Promise<{ event: string; data: { topic: string; id?: string } }> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) return { event, data: JSON.parse(data) };
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  return { next, close: () => abort.abort() };
}

async function listenOn(app: App): Promise<string> {
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

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

  it('refuses a topic the caller may not read or nobody declared', async () => {
    const client = await app.signIn(email);
    expect((await client.get('/api/live?topics=coffee.devices,nobody.here')).statusCode).toBe(403);
    expect((await client.get('/api/live?topics=coffee.devices')).json()).toEqual({
      topics: ['coffee.devices'],
    });
  });

  it.runIf(process.env.DATABASE_URL)(
    'reaches a browser connected to another web process (PostgreSQL LISTEN/NOTIFY)',
    async () => {
      const url = (app.database.pool.options as { connectionString: string }).connectionString;
      const second = await buildApp({
        config: testConfig({ OPSDESK_RATE_LIMIT_PER_MINUTE: '100000' }),
        modules: TEST_MODULES,
        database: await openDatabase({ url }),
        migrate: false,
      });
      try {
        const stream = await openStream(await listenOn(second), email, 'coffee.devices');
        const [d] = await coffeeDevices(app, 1);
        await app.http.inject({
          method: 'POST',
          url: '/api/coffee/device/status',
          headers: { authorization: `Bearer ${d!.token}` },
          payload: {},
        });
        expect((await stream.next()).data).toEqual({ topic: 'coffee.devices', id: d!.id });
        stream.close();
      } finally {
        await second.close();
        await second.database.close();
      }
    },
    30_000,
  );
});
