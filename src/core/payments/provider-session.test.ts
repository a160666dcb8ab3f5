import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoopbackApp, listenOnLoopback } from '../../platform/loopback/index.ts';
import { createProviderSession } from './provider-session.ts';

/*
 * What the MoMo and Airtel drivers share around their calls, against a provider on 127.0.0.1 that
 * issues tokens and refuses the ones it was told to forget.
 */
const { app, requests } = createLoopbackApp();
const issued: string[] = [];
const refused = new Set<string>();
let tokenAnswer: { status: number; body: unknown } | undefined;
let url = '';

app.post('/token', async (_req, reply) => {
  if (tokenAnswer) return reply.code(tokenAnswer.status).send(tokenAnswer.body);
  const token = `t${issued.length + 1}`;
  issued.push(token);
  // Airtel sends expires_in as a string.
  return { access_token: token, expires_in: '180' };
});
app.get('/thing', async (req, reply) => {
  const token = String(req.headers.authorization).replace('Bearer ', '');
  if (!issued.includes(token) || refused.has(token)) return reply.code(401).send({});
  return { token, country: req.headers['x-country'] };
});

beforeAll(async () => {
  url = await listenOnLoopback(app);
});
afterAll(() => app.close());

const session = (now = Date.now) =>
  createProviderSession({
    provider: 'airtel',
    tokenRequest: { url: `${url}/token`, init: { method: 'POST' } },
    defaultTtlSeconds: 60,
    now,
  });
const call = (s: ReturnType<typeof session>) =>
  s.call(`${url}/thing`, { method: 'GET' }, (token) => ({
    Authorization: `Bearer ${token}`,
    'X-Country': 'RW',
  }));

describe("a mobile-money driver's session", () => {
  it('calls with its token and the headers the driver makes around it, reusing the token', async () => {
    const s = session();
    const first = await call(s);
    expect(first).toEqual({ status: 200, body: { token: issued.at(-1), country: 'RW' } });
    expect((await call(s)).body).toEqual(first.body);
    expect(requests.filter((r) => r.path === '/token')).toHaveLength(1);
  });

  it('fetches a new token once when the provider refuses the one it has, then gives up', async () => {
    const s = session();
    const { body } = await call(s);
    refused.add((body as { token: string }).token);
    expect(((await call(s)).body as { token: string }).token).not.toBe((body as { token: string }).token);
    for (const token of issued) refused.add(token);
    const always = { status: 200, body: { access_token: issued[0], expires_in: 180 } };
    tokenAnswer = always;
    await expect(call(session())).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
      httpStatus: 401,
    });
    tokenAnswer = undefined;
  });

  it('counts a token answer without a token as the provider being unavailable', async () => {
    tokenAnswer = { status: 500, body: { error: 'down' } };
    await expect(call(session())).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
      message: 'airtel: token refused (500)',
    });
    tokenAnswer = undefined;
  });
});
