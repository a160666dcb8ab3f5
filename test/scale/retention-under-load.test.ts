import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startWhatsAppStandin,
  type WhatsAppStandin,
} from '../../src/channels/whatsapp/sandbox/whatsapp-graph.ts';
import { runCleanup } from '../../src/core/retention/index.ts';
import { orgIdOf } from '../factories/org.ts';
import { paidStudentsWithPasses } from '../support/mess-passes.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * PostgreSQL only (test/scale): a large cleanup removes 100,000 old scan rows while the mess counter
 * keeps scanning through `POST /api/mess/scans` and WhatsApp keeps delivering signed webhooks. The
 * cleanup works in 1,000-row batches, each its own short transaction, so neither waits on it: every
 * request succeeds and the slowest stays far below the cleanup's own duration.
 */
const OLD_SCANS = 100_000;
const APP_SECRET = 'wa-app-secret-retention';
let wa: WhatsAppStandin;
let app: TestApp;
let hook: string;
let staff: ApiClient;
let passes: string[];
let orgId: string;

beforeAll(async () => {
  wa = await startWhatsAppStandin();
  app = await startTestApp({
    env: {
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'verify',
      WHATSAPP_ACCESS_TOKEN: wa.accessToken,
      WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
      WHATSAPP_API_BASE_URL: wa.url,
      // the webhook's own work only (verify, store, queue): no worker handles the chats here
      OPSDESK_INLINE_JOBS: 'false',
    },
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  hook = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}/webhooks/whatsapp`;
  orgId = await orgIdOf(app);
  await app.createStaff({ email: 'owner.load@example.com', role: 'owner' });
  staff = await app.signIn('owner.load@example.com');
  passes = await paidStudentsWithPasses(
    {
      send: async (method, path, body) =>
        (await (method === 'POST' ? staff.post(path, body) : staff.patch(path, body))).json(),
      bytes: async (path) => (await staff.get(path)).rawPayload,
    },
    8,
    'R',
  );
  // a year and more of old counter traffic, as one INSERT … SELECT
  const { rows } = await sql<{
    id: string;
  }>`select id from mess_student where org_id = ${orgId} limit 1`.execute(app.database.db);
  await sql`insert into mess_scan (org_id, nonce, device_id, student_id, method, scanned_at, local_date, offline,
      decision, reason, synced_by)
    select ${orgId}, gen_random_uuid(), 'counter-old', ${rows[0]!.id}, 'pass',
      now() - interval '400 days' - (g || ' minutes')::interval, to_char(now() - interval '400 days', 'YYYY-MM-DD'),
      false, 'denied', 'already_served', 'seed'
    from generate_series(1, ${OLD_SCANS}) g`.execute(app.database.db);
  await sql`analyze mess_scan`.execute(app.database.db);
}, 300_000);
afterAll(async () => {
  await app?.close();
  await wa?.close();
});

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

describe('cleanup under load (PostgreSQL)', () => {
  it('lets scans and webhooks flow with bounded latency while 100,000 old rows are removed', async () => {
    const scanLatency: number[] = [];
    const hookLatency: number[] = [];
    const failures: string[] = [];
    let cleaning = true;
    let sentWebhooks = 0;
    let sentScans = 0;

    const scanLoop = async (loop: number) => {
      for (let i = 0; cleaning; i++) {
        const t0 = performance.now();
        const res = await staff.post('/api/mess/scans', {
          deviceId: `counter-${loop}`,
          scans: [
            {
              nonce: crypto.randomUUID(),
              code: passes[(loop + i) % passes.length],
              scannedAt: new Date().toISOString(),
              offline: false,
            },
          ],
        });
        scanLatency.push(performance.now() - t0);
        sentScans++;
        if (res.statusCode !== 200) failures.push(`scan ${res.statusCode} ${res.body}`);
      }
    };
    const hookLoop = async (loop: number) => {
      for (let i = 0; cleaning; i++) {
        const t0 = performance.now();
        const res = await wa.deliverWebhook({
          to: hook,
          appSecret: APP_SECRET,
          payload: wa.textMessage({
            from: `5959810${loop}${String(i).padStart(4, '0')}`,
            text: 'hola',
            name: 'Ana',
          }),
        });
        hookLatency.push(performance.now() - t0);
        sentWebhooks++;
        if (res.status !== 200) failures.push(`webhook ${res.status} ${res.body}`);
      }
    };

    const t0 = performance.now();
    const cleanup = runCleanup(
      { ...app.deps, retention: app.deps.declared.retention },
      { dryRun: false, trigger: 'cli', orgSlug: 'default', batchSize: 1_000 },
    ).finally(() => {
      cleaning = false;
    });
    await Promise.all([scanLoop(0), scanLoop(1), hookLoop(0), hookLoop(1), cleanup]);
    const cleanupMs = performance.now() - t0;
    const [result] = await cleanup;

    expect(failures).toEqual([]);
    expect(result!.kinds.find((k) => k.kind === 'mess.scans')?.rows).toBe(OLD_SCANS);
    scanLatency.sort((a, b) => a - b);
    hookLatency.sort((a, b) => a - b);
    const report = {
      cleanupMs: Math.round(cleanupMs),
      scans: {
        n: scanLatency.length,
        p50: percentile(scanLatency, 0.5),
        p99: percentile(scanLatency, 0.99),
        max: scanLatency.at(-1),
      },
      webhooks: {
        n: hookLatency.length,
        p50: percentile(hookLatency, 0.5),
        p99: percentile(hookLatency, 0.99),
        max: hookLatency.at(-1),
      },
    };
    console.log('retention under load', JSON.stringify(report));
    // both kept flowing the whole time, and none waited anywhere near the cleanup's length
    expect(scanLatency.length).toBeGreaterThan(20);
    expect(hookLatency.length).toBeGreaterThan(20);
    expect(report.scans.max!).toBeLessThan(Math.max(cleanupMs / 4, 1_500));
    expect(report.webhooks.max!).toBeLessThan(Math.max(cleanupMs / 4, 1_500));
    // what came in during the cleanup is all stored: new scans are not old enough to go
    const stored = await sql<{ scans: number; messages: number }>`select
        (select count(*)::int from mess_scan where org_id = ${orgId} and device_id like 'counter-_') as scans,
        (select count(*)::int from conversation_message where org_id = ${orgId} and direction = 'in') as messages`.execute(
      app.database.db,
    );
    expect(stored.rows[0]).toEqual({ scans: sentScans, messages: sentWebhooks });
    expect(
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from mess_scan where device_id = 'counter-old'`.execute(app.database.db)
      ).rows[0]!.n,
    ).toBe(0);
  }, 300_000);
});
