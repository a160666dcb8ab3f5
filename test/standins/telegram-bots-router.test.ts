import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTelegramStandin,
  type TelegramStandin,
} from '../../src/channels/telegram/sandbox/telegram-bot-api.ts';
import { startTelegramBotsRouter } from '../../src/channels/telegram/sandbox/telegram-bots-router.ts';

/** One call through a keep-alive agent, as grammY's client makes it: the answer's status and the socket it used. */
function call(agent: Agent, url: string) {
  return new Promise<{ status: number; socket: object }>((resolve, reject) => {
    const req = request(url, { agent, method: 'POST', headers: { 'content-type': 'application/json' } });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket! }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('the router in front of several Telegram stand-ins', () => {
  let a: TelegramStandin;
  let b: TelegramStandin;
  let router: Awaited<ReturnType<typeof startTelegramBotsRouter>>;
  beforeAll(async () => {
    a = await startTelegramStandin();
    b = await startTelegramStandin({ token: '7000000002:BBStandinTokenForOpsdeskTests-000000' });
    router = await startTelegramBotsRouter([a, b]);
  });
  afterAll(async () => {
    await router.close();
    await a.close();
    await b.close();
  });

  it("sends each bot's calls to its own stand-in", async () => {
    const agent = new Agent({ keepAlive: true });
    await call(agent, `${router.url}/bot${b.token}/getMe`);
    expect(a.requests.filter((r) => r.path.endsWith('/getMe'))).toHaveLength(0);
    expect(b.requests.filter((r) => r.path.endsWith('/getMe'))).toHaveLength(1);
    agent.destroy();
  });

  // grammY's client keeps connections with no idle limit of its own. A router that closes an idle one
  // (Node's default: after 6 s) cuts a send written on it at that moment, and the app records that
  // send as maybe delivered: the retry_after test's deferred send, ~6 s after the previous call, was
  // lost that way.
  it('never closes an idle connection on its own: the client decides when to let it go', async () => {
    const held: Socket[] = [];
    const onConnection = (socket: Socket) => held.push(socket);
    router.server.on('connection', onConnection);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const first = await call(agent, `${router.url}/bot${a.token}/getMe`);
    const second = await call(agent, `${router.url}/bot${a.token}/getMe`);
    router.server.off('connection', onConnection);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.socket).toBe(first.socket);
    // Between calls the connection is idle: no timer of the router's may close it (Node's default arms one of 6 s).
    expect(held).toHaveLength(1);
    expect(held[0]!.timeout ?? 0).toBe(0);
    agent.destroy();
  });
});
