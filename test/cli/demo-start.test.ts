import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/app/demo-seed.ts';
import { eventually } from '../support/eventually.ts';
import { spawnCli } from '../support/processes.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-demo-start-'));
const METRICS_TOKEN = 'demo-start-metrics';
let stopApp = async () => {};
afterAll(async () => {
  await stopApp();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A port nobody listens on: the demo fleet calls the server on its configured PORT, so 0 will not do. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** How many heartbeats the server has answered, from its own request counter. */
async function heartbeatsAnswered(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  return (await res.text())
    .split('\n')
    .filter((l) => l.startsWith('opsdesk_http_requests_total{') && l.includes('/api/coffee/device/status'))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

describe('npm start (start --demo) at the default log level', () => {
  it('prints the banner with the logins, then stays quiet while the demo coffee fleet calls the server', async () => {
    const port = await freePort();
    const app = spawnCli(['start', '--demo'], {
      ...(await freshDatabaseEnv(dataDir)),
      PORT: String(port),
      OPSDESK_LOG_LEVEL: 'info',
      OPSDESK_METRICS_TOKEN: METRICS_TOKEN,
    });
    stopApp = async () => {
      if (app.child.exitCode !== null) return;
      app.child.kill('SIGTERM');
      await new Promise((r) => app.child.once('exit', r));
    };
    const lastLogin = DEMO_USERS.at(-1)!.email;
    await eventually(() => app.output().includes(lastLogin), { what: 'the banner', timeoutMs: 120_000 });
    // The 12 demo machines start a few hundred milliseconds apart and heartbeat every 10 s, each also
    // asking for its next command and some reporting sales: one round is what every 10 s of the demo
    // looks like (before, it printed two lines per call, over 300 a minute).
    await eventually(async () => (await heartbeatsAnswered(port)) >= 12, {
      what: 'a heartbeat from every demo machine',
      timeoutMs: 60_000,
      everyMs: 500,
    });

    // An operator's own requests are answered without a line each: a sign-in and a few screens.
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_USERS[0]!.email, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    for (const path of ['/api/auth/session', '/api/users', '/api/audit'])
      await (await fetch(`${base}${path}`, { headers: { cookie } })).arrayBuffer();

    const output = app.output();
    expect(output).toContain(`Opsdesk is running at http://127.0.0.1:${port}/`);
    // The banner's own lines are indented (its last paragraph, the sandbox's, follows the logins);
    // what comes after it is log records, one line each.
    const afterBanner = output
      .slice(output.indexOf(lastLogin) + lastLogin.length)
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('  '));
    expect(output).toContain('a person on the played WhatsApp and Telegram.');
    // Start-up notes (the server address, the fleet worker started) at most; no line per device call
    // nor per request of the operator's.
    expect(afterBanner.length, afterBanner.join('\n')).toBeLessThanOrEqual(3);
  }, 200_000);
});
