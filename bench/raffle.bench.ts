import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { migrationSources } from '../src/app/modules.ts';
import { startWhatsAppStandin } from '../src/channels/whatsapp/sandbox/whatsapp-graph.ts';
import { raffleModule } from '../src/modules/raffle/index.ts';
import { migrate } from '../src/platform/migrator/index.ts';
import { type LoadResult, measure, printTable, request, untilReady } from './lib/load.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SECRET = 'bench-app-secret';
const RANGE = 400;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const pickText = () => [1, 2].map(() => 1 + Math.floor(Math.random() * RANGE)).join(',');

/**
 * The whole WhatsApp conversation (menu → list → raffle → pick → confirm → proof) driven through
 * SIGNED webhooks by many simulated buyers picking colliding numbers; one request = one step
 * (webhook POST until the bot's reply reaches the Graph stand-in). Beside it, the reservation
 * transaction's SQL sent straight through pg. Ends each run with an invariant check over the API.
 */
export async function benchRaffle(): Promise<void> {
  const wa = await startWhatsAppStandin();
  const server = await startServer(39_200, {
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_ACCESS_TOKEN: wa.accessToken,
    WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
    WHATSAPP_API_BASE_URL: wa.url,
    WHATSAPP_FLOW: 'raffle',
    OPSDESK_MODULES: 'raffle',
  });
  const direct = await directBaseline();
  try {
    const headers = await server.signIn();
    const rows: LoadResult[] = [];
    let buyerSeq = 0;
    for (const concurrency of [8, 32]) {
      rows.push(
        await measure({
          label: 'same reservation SQL sent directly (baseline)',
          concurrency,
          durationMs: DURATION,
          fire: () => direct.reserve(),
        }),
      );
      const raffleId = await newRaffle(server.base, headers);
      const steps = ['hola', 'rifas', '1', 'PICK', 'confirmar', 'PROOF'];
      const buyers = new Map<number, { waId: string; step: number }>();
      for (const waitReply of [true, false]) {
        rows.push(
          await measure({
            label: waitReply
              ? 'opsdesk conversation step (until reply)'
              : 'opsdesk signed webhook POST (until 200)',
            concurrency,
            durationMs: DURATION,
            fire: async (loop) => {
              let b = buyers.get(loop);
              if (!b || b.step >= steps.length) {
                b = { waId: `5959${String(++buyerSeq).padStart(8, '0')}`, step: 0 };
                buyers.set(loop, b);
              }
              const step = steps[b.step++]!;
              const payload =
                step === 'PROOF'
                  ? wa.imageMessage({
                      from: b.waId,
                      bytes: Buffer.concat([PNG, Buffer.from(randomUUID())]),
                      mimeType: 'image/png',
                    })
                  : wa.textMessage({ from: b.waId, text: step === 'PICK' ? pickText() : step });
              const before = wa.sentMessages(b.waId).length;
              const res = await wa.deliverWebhook({
                to: `${server.base}/webhooks/whatsapp`,
                appSecret: SECRET,
                payload,
              });
              if (res.status !== 200) throw new Error(`webhook ${res.status}`);
              if (waitReply)
                await wa.waitForMessage(b.waId, () => wa.sentMessages(b.waId).length > before, 30_000);
            },
          }),
        );
      }
      await new Promise((r) => setTimeout(r, 10_000)); // let the queued steps drain before checking
      console.log(
        `  invariant after ${concurrency} buyers: ${await invariant(server.base, headers, raffleId)}`,
      );
    }
    printTable(
      `Raffle: full WhatsApp conversation vs the reservation transaction through pg (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`,
      rows,
    );
  } finally {
    await direct.close();
    await server.stop();
    await wa.close();
  }
}

export async function newRaffle(base: string, headers: Record<string, string>): Promise<string> {
  const created = await request(`${base}/api/raffle/raffles`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      title: `Bench ${Date.now()}`,
      priceMinor: 1000,
      currency: 'USD',
      minNumber: 1,
      maxNumber: RANGE,
      maxPerOrder: 5,
      prizes: ['Prize'],
    }),
  });
  const id = JSON.parse(created.body).id as string;
  // only this raffle sells, so "1" in the list is always it
  for (const r of JSON.parse(
    (await request(`${base}/api/raffle/raffles?status=selling`, { headers })).body,
  ) as Array<{ id: string }>)
    await request(`${base}/api/raffle/raffles/${r.id}/close`, { method: 'POST', headers });
  await request(`${base}/api/raffle/raffles/${id}/start-selling`, { method: 'POST', headers });
  return id;
}

/** No number in two live or paid orders, and the ticket counts match the orders. */
export async function invariant(
  base: string,
  headers: Record<string, string>,
  raffleId: string,
): Promise<string> {
  const get = async (path: string) => JSON.parse((await request(`${base}${path}`, { headers })).body);
  type Orders = { items: Array<{ numbers: number[] }> };
  const live = (
    (await get(`/api/raffle/orders?raffleId=${raffleId}&status=pending_payment&perPage=500`)) as Orders
  ).items;
  const paid = ((await get(`/api/raffle/orders?raffleId=${raffleId}&status=paid&perPage=500`)) as Orders)
    .items;
  const numbers = [...live, ...paid].flatMap((o) => o.numbers);
  const unique = new Set(numbers).size === numbers.length;
  const a = await get(`/api/raffle/raffles/${raffleId}/availability`);
  const held = live.reduce((n, o) => n + o.numbers.length, 0);
  const ok = unique && a.held === held && a.sold === 0 && a.available + a.held + a.sold === a.total;
  return `${ok ? 'OK' : 'VIOLATED'} (${live.length} live orders, ${held} numbers held, ${a.available} free, no number twice: ${unique})`;
}

async function startServer(port: number, extra: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-raffle-bench-'));
  const env = {
    ...process.env,
    OPSDESK_LOG_LEVEL: 'warn',
    OPSDESK_DATA_DIR: dataDir,
    PORT: String(port),
    OPSDESK_RATE_LIMIT_PER_MINUTE: '100000000',
    OPSDESK_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    OPSDESK_NEW_PASSWORD: 'bench-password-123',
    ...extra,
  };
  const cli = (args: string[]): ChildProcess =>
    spawn(process.execPath, ['--import', 'tsx', 'src/app/cli.ts', ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  await new Promise<void>((resolve, reject) =>
    cli(['create-user', '--email', 'bench@example.com', '--role', 'owner']).on('exit', (c) =>
      c === 0 ? resolve() : reject(new Error(`create-user ${c}`)),
    ),
  );
  const child = cli(['start']);
  const base = `http://127.0.0.1:${port}`;
  await untilReady(base, 160);
  return {
    base,
    async signIn() {
      const res = await request(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password-123' }),
      });
      const cookie = String(res.headers['set-cookie']?.[0]).split(';')[0]!;
      return { cookie, 'x-csrf-token': JSON.parse(res.body).csrfToken, 'content-type': 'application/json' };
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The reservation transaction of reservations.ts (buyer lock, raffle share lock, ascending ticket locks, insert, hold, audit), through pg. */
async function directBaseline() {
  const lite = process.env.DATABASE_URL ? undefined : await PGlite.create();
  const pool = lite
    ? new pg.Pool(createPgConfig(lite))
    : new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  if (lite) await migrate(pool, migrationSources([raffleModule]));
  const org = (
    await pool.query<{ id: string }>(
      "insert into organization (slug, name) values ('bench-raffle-' || floor(random()*1e9)::text, 'bench') returning id",
    )
  ).rows[0]!.id;
  const raffle = (
    await pool.query<{ id: string }>(
      `insert into raffle_raffle (org_id, title, price_minor, currency, min_number, max_number, seed, commitment, status)
       values ($1, 'direct', 1000, 'USD', 1, ${RANGE}, repeat('a', 64), repeat('b', 64), 'selling') returning id`,
      [org],
    )
  ).rows[0]!.id;
  await pool.query(
    `insert into raffle_ticket (org_id, raffle_id, number) select $1, $2, n from generate_series(1, ${RANGE}) n`,
    [org, raffle],
  );
  let seq = 0;
  return {
    async reserve() {
      const c = await pool.connect();
      try {
        await c.query('begin');
        const buyer = (
          await c.query<{ id: string }>(
            'insert into raffle_buyer (org_id, contact_id) values ($1, gen_random_uuid()) returning id',
            [org],
          )
        ).rows[0]!.id;
        await c.query('select id from raffle_buyer where id = $1 for update', [buyer]);
        await c.query('select * from raffle_raffle where id = $1 and org_id = $2 for share', [raffle, org]);
        const numbers = [...new Set(pickText().split(',').map(Number))].sort((a, b) => a - b);
        const locked = await c.query<{ status: string }>(
          'select number, status from raffle_ticket where org_id = $1 and raffle_id = $2 and number = any($3::int[]) order by number for update',
          [org, raffle, numbers],
        );
        if (locked.rows.some((r) => r.status !== 'available')) {
          await c.query('rollback');
          return;
        }
        const order = (
          await c.query<{ id: string }>(
            `insert into raffle_order (org_id, raffle_id, buyer_id, status, numbers, quantity, amount_minor, currency, expires_at, source_key)
             values ($1, $2, $3, 'pending_payment', $4, $5, 1000, 'USD', now() + interval '2 seconds', $6) returning id`,
            [org, raffle, buyer, numbers, numbers.length, `direct:${++seq}:${Math.random()}`],
          )
        ).rows[0]!.id;
        await c.query(
          `update raffle_ticket set status = 'held', order_id = $4, held_until = now() + interval '2 seconds'
           where org_id = $1 and raffle_id = $2 and number = any($3::int[])`,
          [org, raffle, numbers, order],
        );
        await c.query(
          `insert into audit_event (org_id, actor_type, actor_id, actor_label, action, subject_type, subject_id, before, after, meta)
           values ($1, 'contact', null, 'bench', 'raffle.order.reserved', 'raffle_order', $2, null, $3, '{}')`,
          [org, order, JSON.stringify({ numbers })],
        );
        await c.query('commit');
        // keep the range from filling up: this baseline measures the reservation, not a sold-out raffle
        if (seq % 4 === 0)
          await c.query(
            `update raffle_ticket set status = 'available', order_id = null, held_until = null where org_id = $1 and raffle_id = $2 and status = 'held'`,
            [org, raffle],
          );
      } catch (err) {
        await c.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
    async close() {
      await pool.end();
      await lite?.close();
    },
  };
}
