import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWhatsAppStandin } from '../../../src/channels/whatsapp/sandbox/whatsapp-graph.ts';
import { type RunningApp, spawnApp } from '../../support/processes.ts';
import { freshDatabaseEnv } from '../../support/test-database.ts';

const SECRET = 'wake-up-app-secret';
const POLLING_SECONDS = 10;
let dir: string;
let wa: Awaited<ReturnType<typeof startWhatsAppStandin>>;
let web: RunningApp;
let worker: RunningApp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opsdesk-wake-up-'));
  wa = await startWhatsAppStandin();
  const env = {
    ...(await freshDatabaseEnv(dir)),
    FIXTURE_JOB_POLLING_SECONDS: String(POLLING_SECONDS),
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_ACCESS_TOKEN: wa.accessToken,
    WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
    WHATSAPP_API_BASE_URL: wa.url,
    WHATSAPP_FLOW: 'raffle',
  };
  // The web process leaves handling to the worker (OPSDESK_INLINE_JOBS=false): only the wake-up is measured.
  web = await spawnApp({ ...env, FIXTURE_ROLE: 'web', OPSDESK_INLINE_JOBS: 'false' }); // migrates first
  worker = await spawnApp(env);
}, 90_000);
afterAll(async () => {
  web?.child.kill('SIGTERM');
  worker?.child.kill('SIGTERM');
  await wa?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('job wake-up across processes (PostgreSQL LISTEN/NOTIFY)', () => {
  it('answers a WhatsApp message taken by a web process from a separate worker well within its polling interval', async () => {
    const times: number[] = [];
    for (const [i, text] of ['hola', 'rifas', 'hola'].entries()) {
      const from = `5959870000${i}`;
      const started = Date.now();
      const res = await wa.deliverWebhook({
        to: web.url('/webhooks/whatsapp'),
        appSecret: SECRET,
        payload: wa.textMessage({ from, text }),
      });
      expect(res.status).toBe(200);
      await wa.waitForMessage(from, () => wa.sentMessages(from).length > 0, POLLING_SECONDS * 1000);
      times.push(Date.now() - started);
    }
    // Without the wake-up each reply would wait for the worker's next poll (up to 10 s; 5 s on
    // average). The bound is loose for a loaded CI machine, still far below the polling interval.
    for (const ms of times) expect(ms).toBeLessThan((POLLING_SECONDS * 1000) / 4);
    expect(web.output()).not.toContain('"level":50');
  }, 60_000);
});
