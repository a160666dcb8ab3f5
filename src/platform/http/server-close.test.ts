import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { createHttpServer } from './server.ts';

/** A kept-alive request answered after close() began, as a provider's callback in flight at shutdown is. */
it('closes at once when an answer goes out during close: that connection ends with it, not 72 s later', async () => {
  const app = await createHttpServer({
    logLevel: 'silent',
    corsOrigins: [],
    rateLimitPerMinute: 1000,
    trustProxy: false,
    ready: async () => {},
    version: 'test',
  });
  let entered!: () => void;
  const inside = new Promise<void>((resolve) => {
    entered = resolve;
  });
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => {
    answer = resolve;
  });
  app.post('/callback', async () => {
    entered();
    await answered;
    return { received: true };
  });
  // The answer goes out once close() has begun (hooks run in the order they were added: the kit's first).
  app.addHook('preClose', (done) => {
    answer();
    done();
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true });
  const response = new Promise<{ status?: number; connection?: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/callback', method: 'POST', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });
  await inside;

  const closed = app.close();
  expect(await response).toEqual({ status: 200, connection: 'close' });
  // Fastify's keep-alive timeout is 72 s: a socket left open would hold close() past this test's 5 s.
  await closed;
  agent.destroy();
});
