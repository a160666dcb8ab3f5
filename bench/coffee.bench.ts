import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { migrationSources } from '../src/app/modules.ts';
import { coffeeModule } from '../src/modules/coffee/index.ts';
import { migrate } from '../src/platform/migrator/index.ts';
import { cpuMsOf } from './lib/cpu.ts';
import { measure, printTable, request } from './lib/load.ts';
import { startBenchServer } from './lib/server.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const DEVICES = Number(process.env.BENCH_COFFEE_DEVICES ?? 1000);

/**
 * 1,000 simulated machines against `opsdesk start`: status heartbeats (`POST /api/coffee/device/status`)
 * and command round trips (`GET …/commands/next` then `POST …/commands/{id}/result`, commands queued
 * by batches beforehand), each beside the same SQL sent directly through pg.
 */
export async function benchCoffee(): Promise<void> {
  const server = await startBenchServer(39_600, { COFFEE_DEVICE_RATE_LIMIT_PER_MINUTE: '100000000' });
  try {
    const headers = await server.signIn();
    const tokens = await provision(server.base, headers);
    const direct = await directBaseline();
    const rows = [];
    const device = (loop: number, i: number) => tokens[(loop * 131 + i) % tokens.length]!;
    for (const concurrency of [16, 64]) {
      rows.push(
        await measure({
          label: 'same SQL sent directly (heartbeat)',
          concurrency,
          durationMs: DURATION,
          fire: (loop, i) => direct.heartbeat((loop * 131 + i) % DEVICES),
        }),
      );
      rows.push(
        await measure({
          label: 'POST /api/coffee/device/status',
          concurrency,
          durationMs: DURATION,
          // the server's CPU per heartbeat (PGlite runs inside it): a number load does not change
          cpu: { server: () => cpuMsOf([server.pid]) },
          fire: (loop, i) =>
            request(`${server.base}/api/coffee/device/status`, {
              method: 'POST',
              headers: { authorization: `Bearer ${device(loop, i)}`, 'content-type': 'application/json' },
              body: JSON.stringify({ temperature: 92.5, firmware: '1.4.2' }),
            }).then(() => {}),
        }),
      );
    }
    // Enough commands for every round trip of the measurement: batches to all devices.
    for (let b = 0; b < 8; b++) {
      await request(`${server.base}/api/coffee/batches`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ tag: 'bench', command: { type: 'sync' }, abortAtFailurePercent: 100 }),
      });
      await direct.queueBatch();
    }
    for (const concurrency of [16, 64]) {
      rows.push(
        await measure({
          label: 'same SQL sent directly (next + result)',
          concurrency,
          durationMs: DURATION,
          // each loop owns its devices, as each machine asks for its own commands
          fire: (loop, i) => direct.roundTrip((loop + concurrency * i) % DEVICES),
        }),
      );
      rows.push(
        await measure({
          label: 'GET next + POST result (round trip)',
          concurrency,
          durationMs: DURATION,
          fire: async (loop, i) => {
            const auth = { authorization: `Bearer ${tokens[(loop + concurrency * i) % tokens.length]}` };
            const next = await request(`${server.base}/api/coffee/device/commands/next`, { headers: auth });
            if (next.status === 204) throw new Error('no command due');
            const { id } = JSON.parse(next.body) as { id: string };
            await request(`${server.base}/api/coffee/device/commands/${id}/result`, {
              method: 'POST',
              headers: { ...auth, 'content-type': 'application/json' },
              body: JSON.stringify({ status: 'succeeded' }),
            });
          },
        }),
      );
    }
    await direct.close();
    printTable(
      `Coffee fleet, ${DEVICES} devices: Opsdesk API vs the same statements through pg (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`,
      rows,
    );
  } finally {
    await server.stop();
  }
}

async function provision(base: string, headers: Record<string, string>): Promise<string[]> {
  const tokens: string[] = new Array(DEVICES);
  const run = Date.now().toString(36);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < DEVICES) {
        const i = next++;
        const res = await request(`${base}/api/coffee/devices`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ serial: `B${run}-${i}`, model: 'CM-SIM', tags: ['bench'] }),
        });
        tokens[i] = (JSON.parse(res.body) as { deviceToken: string }).deviceToken;
      }
    }),
  );
  return tokens;
}

/** The statements the API runs, sent directly: auth lookup, guarded updates, locks, audit row. */
async function directBaseline(url = process.env.DATABASE_URL) {
  const lite = url ? undefined : await PGlite.create();
  const pool = lite ? new pg.Pool(createPgConfig(lite)) : new pg.Pool({ connectionString: url, max: 10 });
  if (lite) await migrate(pool, migrationSources([coffeeModule]));
  const q = async <T extends object>(c: pg.Pool | pg.PoolClient, text: string, values: unknown[] = []) =>
    (await c.query<T>(text, values)).rows;
  const [org] = await q<{ id: string }>(
    pool,
    "insert into organization (slug, name) values ('bench-coffee-' || floor(random()*1e9)::text, 'bench') returning id",
  );
  const orgId = org!.id;
  const devices = await q<{ id: string }>(
    pool,
    `insert into coffee_device (org_id, serial, model, token_hash)
     select $1, 'D' || g, 'CM-SIM', repeat('a', 64) from generate_series(1, $2) g returning id`,
    [orgId, DEVICES],
  );
  const ids = devices.map((d) => d.id);
  const tx = async (work: (c: pg.PoolClient) => Promise<void>) => {
    const c = await pool.connect();
    try {
      await c.query('begin');
      await work(c);
      await c.query('commit');
    } finally {
      c.release();
    }
  };
  const auth = (id: string) =>
    q(pool, 'select id, org_id, model, status, token_hash from coffee_device where id = $1', [id]);
  return {
    async heartbeat(n: number) {
      await auth(ids[n]!);
      await tx(async (c) => {
        await q(
          c,
          `update coffee_device d set last_seen_at = now(), status = 'online', temperature_tenths = 925, firmware = '1.4.2'
           from (select id, status from coffee_device where id = $1 and org_id = $2 for update) old
           where d.id = old.id returning old.status as was, d.status`,
          [ids[n], orgId],
        );
      });
    },
    async queueBatch() {
      await q(
        pool,
        `insert into coffee_command (org_id, device_id, type, available_at, expires_at)
         select $1, id, 'sync', now(), now() + interval '1 hour' from coffee_device where org_id = $1`,
        [orgId],
      );
    },
    async roundTrip(n: number) {
      const id = ids[n]!;
      let commandId: string | undefined;
      await auth(id);
      await tx(async (c) => {
        await q(c, 'select id from coffee_device where id = $1 and org_id = $2 for update', [id, orgId]);
        const [head] = await q<{ id: string }>(
          c,
          `select * from coffee_command where org_id = $2 and device_id = $1 and status in ('queued', 'sent') order by seq limit 1`,
          [id, orgId],
        );
        if (!head) throw new Error('no command due');
        commandId = head.id;
        await q(
          c,
          `update coffee_command set status = 'sent', sent_at = now(), attempts = attempts + 1 where id = $1 and org_id = $2 returning *`,
          [head.id, orgId],
        );
      });
      await auth(id);
      await tx(async (c) => {
        await q(
          c,
          `update coffee_command set status = 'succeeded', finished_at = now() where id = $1 and org_id = $2 and device_id = $3 and status = 'sent' returning *`,
          [commandId, orgId, id],
        );
        await q(
          c,
          `insert into audit_event (org_id, actor_type, actor_id, actor_label, action, subject_type, subject_id, meta)
           values ($1, 'device', $2, 'bench', 'coffee.command.succeeded', 'coffee_command', $3, '{}')`,
          [orgId, id, commandId],
        );
      });
    },
    async close() {
      await pool.end();
      await lite?.close();
    },
  };
}
