import { Writable } from 'node:stream';
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { shiftableClock } from '../../../test/support/test-clock.ts';
import { machineApi } from './machine-api.ts';

/** An app logging at info, with one machine API (and a plugin it registers) beside a staff route. */
async function appWithMachineApi() {
  const logged: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      const line = JSON.parse(String(chunk)) as { msg: string; req?: { url: string } };
      if (line.msg === 'incoming request' && line.req) logged.push(line.req.url);
      done();
    },
  });
  const app = Fastify({ logger: { level: 'info', stream } });
  await app.register(rateLimit, { global: false });
  const seen: Array<string | undefined> = [];
  await app.register(async (scope) => {
    const api = machineApi(scope, {
      name: 'test-machine',
      callsPerMinute: 2,
      failedAuthPerMinute: 10,
      clock: shiftableClock(),
    });
    await scope.register(async (inner) => {
      inner.get('/machine/registered-after', async () => ({ ok: true }));
    });
    scope.get('/machine/whoami', { config: api.route }, async (req) => {
      const found = await api.authenticate(req, async (token) => {
        seen.push(token);
        return token === 'good' ? { id: 'm-1' } : undefined;
      });
      return { id: found?.id ?? null };
    });
  });
  app.get('/staff/ping', async () => ({ ok: true }));
  return { app, logged, seen };
}

describe('machineApi', () => {
  it('logs its requests, and those of plugins it registers after it, only at warn and above', async () => {
    const { app, logged } = await appWithMachineApi();
    await app.inject({ url: '/machine/whoami', headers: { authorization: 'Bearer good' } });
    await app.inject({ url: '/machine/registered-after' });
    await app.inject({ url: '/staff/ping' });
    expect(logged).toEqual(['/staff/ping']);
    await app.close();
  });

  it('hands the bearer token to the lookup and counts calls per token, not per address', async () => {
    const { app, seen } = await appWithMachineApi();
    const call = (token: string) =>
      app.inject({ url: '/machine/whoami', headers: { authorization: `Bearer ${token}` } });
    expect((await call('good')).json()).toEqual({ id: 'm-1' });
    expect((await call('good')).statusCode).toBe(200);
    expect((await call('good')).statusCode).toBe(429);
    // Another machine behind the same address has its own allowance.
    expect((await call('other')).json()).toEqual({ id: null });
    expect(seen).toEqual(['good', 'good', 'other']);
    await app.close();
  });
});
