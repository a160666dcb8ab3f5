import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWhatsAppStandin } from '../src/channels/whatsapp/sandbox/whatsapp-graph.ts';
import { request, untilReady } from './lib/load.ts';
import { setUp as messPasses } from './mess.bench.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Length of the load (default 10 minutes, the issue's measure). */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 600);
/** How often the server's memory is sampled. */
const SAMPLE_MS = Number(process.env.BENCH_SAMPLE_MS ?? 5000);
/** The memory settings `npm start` gives node (package.json), which the image and the units repeat. */
const START: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start;
const HEAP_FLAGS = START.match(/--max-[\w-]+=\d+/g) ?? [];
const MALLOC_ARENA_MAX = START.match(/MALLOC_ARENA_MAX=(\d+)/)?.[1];
/** BENCH_HEAP_SNAPSHOTS=/tmp/x: the server writes a heap snapshot there at a third and at the end. */
const SNAPSHOT_DIR = process.env.BENCH_HEAP_SNAPSHOTS;
/** The compiled server (`npm run build`); BENCH_DIST=/elsewhere/dist runs a copy of it. */
const DIST = process.env.BENCH_DIST ?? join(ROOT, 'dist');
const PORT = 39_700;
const SECRET = 'bench-app-secret';
const EMAIL = 'bench@example.com';
const PASSWORD = 'bench-password-123';
/** Numbers of the raffle: enough that 10 minutes of buyers still find free ones. */
const RANGE = 20_000;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const STEPS = ['hola', 'rifas', '1', 'PICK', 'confirmar', 'PROOF'];
/** Closed loops per kind of traffic: each sends its next request when the last one is answered. */
const LOOPS = { chat: 4, scans: 2, heartbeats: 2, lists: 1, bills: 1 } as const;

/**
 * Written next to the server and loaded before it (`--import`): every second, the process's own
 * `process.memoryUsage()` as one JSON line. Only in `start` (not `create-user`).
 */
const PROBE = `import { appendFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { threadId } from 'node:worker_threads';
const file = process.env.BENCH_MEMORY_LOG;
if (file && process.argv.includes('start')) {
  setInterval(() => {
    const heap = threadId === 0 ? process.memoryUsage() : { heapUsed: getHeapStatistics().used_heap_size };
    appendFileSync(file, JSON.stringify({ at: Date.now(), threadId, ...heap }) + '\\n');
  }, 1000).unref();
}
`;

interface Sample {
  seconds: number;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** Heap used by worker threads (the render pool), together. */
  workerHeaps: number;
  requests: number;
}

/**
 * `npm run bench memory` (issue 43, item 6): the compiled server (`npm run build`), as `npm start`
 * runs it on its embedded database with the demo data, under a mixed load for BENCH_SECONDS (600):
 * WhatsApp raffle conversations through signed webhooks, mess scans, coffee machine heartbeats,
 * console list pages and exhibition bills, each from closed loops as fast as the server answers.
 * Every BENCH_SAMPLE_MS (5 s) the server's RSS (/proc/<pid>/status VmRSS) and its heap used,
 * external and array buffers (its own process.memoryUsage()). Prints the curve, RSS at 1, 5 and 10
 * minutes and the slope over the last 5 minutes (or the last half of a shorter run).
 */
export async function benchMemory(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'opsdesk-memory-bench-'));
  const probe = join(dir, 'probe.mjs');
  const memoryLog = join(dir, 'memory.jsonl');
  writeFileSync(probe, PROBE);
  writeFileSync(memoryLog, '');
  const wa = await startWhatsAppStandin();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...(MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX } : {}),
    OPSDESK_LOG_LEVEL: 'warn',
    OPSDESK_DATA_DIR: join(dir, 'data'),
    PORT: String(PORT),
    OPSDESK_RATE_LIMIT_PER_MINUTE: '100000000',
    OPSDESK_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    COFFEE_DEVICE_RATE_LIMIT_PER_MINUTE: '100000000',
    OPSDESK_NEW_PASSWORD: PASSWORD,
    BENCH_MEMORY_LOG: memoryLog,
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_ACCESS_TOKEN: wa.accessToken,
    WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
    WHATSAPP_API_BASE_URL: wa.url,
    WHATSAPP_FLOW: 'raffle',
    // Steps run as soon as they arrive, not after the channel's order grace: the load is the server's work.
    WHATSAPP_ORDER_GRACE_MS: '0',
  };
  delete env.DATABASE_URL; // the embedded database, as `npm start`
  const node = (args: string[], flags: string[] = []): ChildProcess => {
    const child = spawn(process.execPath, [...HEAP_FLAGS, ...flags, join(DIST, 'src/app/cli.js'), ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.resume();
    return child;
  };
  let server: ChildProcess | undefined;
  try {
    await new Promise<void>((resolve, reject) =>
      node(['create-user', '--email', EMAIL, '--role', 'owner']).on('exit', (c) =>
        c === 0 ? resolve() : reject(new Error(`create-user exited ${c} (run npm run build first)`)),
      ),
    );
    // Node writes a snapshot only into a folder that exists; a missing one killed the server mid-run.
    if (SNAPSHOT_DIR) mkdirSync(SNAPSHOT_DIR, { recursive: true });
    const snapshotFlags = SNAPSHOT_DIR
      ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${SNAPSHOT_DIR}`]
      : [];
    server = node(['start', '--demo'], ['--import', probe, ...snapshotFlags]);
    const base = `http://127.0.0.1:${PORT}`;
    await untilReady(base, 2400);
    const headers = await signIn(base);
    const setup = await setUpLoad(base, headers);
    console.log(
      `  set up: ${setup.codes.length} mess passes, ${setup.tokens.length} coffee machines, a raffle of ${RANGE} numbers, an exhibition; ` +
        `loops: ${Object.entries(LOOPS)
          .map(([k, n]) => `${k} ×${n}`)
          .join(', ')}`,
    );
    const samples = await runLoad(base, headers, setup, wa, server.pid!, memoryLog);
    print(samples);
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    await wa.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

type Headers = Record<string, string>;
type Standin = Awaited<ReturnType<typeof startWhatsAppStandin>>;
type Setup = Awaited<ReturnType<typeof setUpLoad>>;

async function signIn(base: string): Promise<Headers> {
  const res = await request(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  const cookie = String(res.headers['set-cookie']?.[0]).split(';')[0]!;
  return { cookie, 'x-csrf-token': JSON.parse(res.body).csrfToken, 'content-type': 'application/json' };
}

/** A setup request that did not answer 2xx stops the bench: a load on a half-made setup measures nothing. */
const setUpOk = (what: string, res: { status: number; body: string }) => {
  if (res.status < 200 || res.status >= 300)
    throw new Error(`set up: ${what} answered ${res.status} ${res.body}`);
  return res;
};

async function setUpLoad(base: string, headers: Headers) {
  const post = async (path: string, body: unknown) => {
    const res = await request(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return JSON.parse(setUpOk(`POST ${path}`, res).body || '{}') as { id: string; deviceToken: string };
  };
  const postEmpty = async (path: string) =>
    setUpOk(`POST ${path}`, await request(`${base}${path}`, { method: 'POST', headers }));
  // A raffle that alone sells, so "1" in the bot's list is always it.
  const raffle = await post('/api/raffle/raffles', {
    title: `Memory bench ${Date.now()}`,
    priceMinor: 1000,
    currency: 'USD',
    minNumber: 1,
    maxNumber: RANGE,
    maxPerOrder: 5,
    prizes: ['Prize'],
  });
  const selling = setUpOk(
    'GET /api/raffle/raffles',
    await request(`${base}/api/raffle/raffles?status=selling`, { headers }),
  );
  for (const r of JSON.parse(selling.body) as Array<{ id: string }>)
    await postEmpty(`/api/raffle/raffles/${r.id}/close`);
  await postEmpty(`/api/raffle/raffles/${raffle.id}/start-selling`);
  const codes = await messPasses(base, headers);
  const tokens: string[] = [];
  for (let i = 0; i < 100; i++)
    tokens.push(
      (await post('/api/coffee/devices', { serial: `MEM-${i}`, model: 'CM-SIM', tags: ['bench'] }))
        .deviceToken,
    );
  const exhibition = await post('/api/exhibition/exhibitions', {
    name: 'Memory Expo',
    currency: 'USD',
    startsOn: '2026-12-10',
    endsOn: '2026-12-12',
  });
  const booths: string[] = [];
  for (let i = 0; i < 4; i++)
    booths.push((await post(`/api/exhibition/exhibitions/${exhibition.id}/booths`, { name: `B${i}` })).id);
  const customers: string[] = [];
  for (let i = 0; i < 8; i++)
    customers.push(
      (
        await post('/api/exhibition/customers', {
          exhibitionId: exhibition.id,
          name: `Visitor ${i}`,
          email: `visitor${i}@memory.test`,
          phone: `+1415${String(3_000_000 + i).padStart(7, '0')}`,
        })
      ).id,
    );
  return { codes, tokens, booths, customers };
}

/**
 * Console list pages a staff member flips through: first pages of 50, each asked the way its route
 * pages (its query schema in the OpenAPI). Resource lists take `perPage`; the raffle's orders and
 * the audit trail take `limit` (they drop a `perPage` they do not know and answer every row, or
 * their default). The raffles list has no paging: an organization has a handful.
 */
const LIST_PAGES = [
  '/api/raffle/orders?perPage=50',
  '/api/raffle/console/orders?perPage=50',
  '/api/mess/students?perPage=50',
  '/api/mess/scan-log?perPage=50',
  '/api/exhibition/console/customers?perPage=50',
  '/api/coffee/console/devices?perPage=50',
  '/api/audit?limit=50',
  '/api/raffle/raffles',
];

async function runLoad(
  base: string,
  headers: Headers,
  setup: Setup,
  wa: Standin,
  pid: number,
  memoryLog: string,
): Promise<Sample[]> {
  const started = Date.now();
  const end = started + SECONDS * 1000;
  const counts = { chat: 0, scans: 0, heartbeats: 0, lists: 0, bills: 0, errors: 0 };
  const firstErrors: Partial<Record<keyof typeof LOOPS, string>> = {};
  /** Answers other than 2xx, by request and status: the load means something only while there are none. */
  const refused = new Map<string, number>();
  const ok = (what: string, res: { status: number }) => {
    if (res.status >= 200 && res.status < 300) return;
    const key = `${what} ${res.status}`;
    refused.set(key, (refused.get(key) ?? 0) + 1);
    throw new Error(key);
  };
  const loop = (kind: keyof typeof LOOPS, n: number, fire: (loop: number, i: number) => Promise<void>) =>
    Array.from({ length: n }, async (_, l) => {
      for (let i = 0; Date.now() < end; i++) {
        try {
          await fire(l, i);
          counts[kind]++;
        } catch (err) {
          counts.errors++;
          firstErrors[kind] ??= (err as Error).message;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    });
  let buyerSeq = 0;
  const chat = async () => {
    const waId = `5960${String(++buyerSeq).padStart(8, '0')}`;
    for (const step of STEPS) {
      if (Date.now() >= end) return;
      const payload =
        step === 'PROOF'
          ? wa.imageMessage({
              from: waId,
              bytes: Buffer.concat([PNG, Buffer.from(randomUUID())]),
              mimeType: 'image/png',
            })
          : wa.textMessage({
              from: waId,
              text:
                step === 'PICK' ? [1, 2].map(() => 1 + Math.floor(Math.random() * RANGE)).join(',') : step,
            });
      const before = wa.sentMessages(waId).length;
      const res = await wa.deliverWebhook({ to: `${base}/webhooks/whatsapp`, appSecret: SECRET, payload });
      ok('POST /webhooks/whatsapp', res);
      await wa.waitForMessage(waId, () => wa.sentMessages(waId).length > before, 30_000);
      counts.chat++;
    }
    counts.chat--; // the loop counts one more
  };
  const post = async (path: string, body: unknown, extra: Headers = {}) => {
    const res = await request(`${base}${path}`, {
      method: 'POST',
      headers: { ...headers, ...extra },
      body: JSON.stringify(body),
    });
    ok(`POST ${path.replace(/\/[0-9a-f-]{36}\//, '/:id/')}`, res);
  };
  const samples: Sample[] = [];
  const sample = () => {
    // The last line of the main thread, and of each worker thread (render workers), the probe wrote.
    const last = new Map<number, Partial<NodeJS.MemoryUsage>>();
    for (const line of readFileSync(memoryLog, 'utf8').trim().split('\n').slice(-200)) {
      if (!line) continue;
      const m = JSON.parse(line) as Partial<NodeJS.MemoryUsage> & { threadId: number };
      last.set(m.threadId, m);
    }
    const main = last.get(0);
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    const mb = (x: number | undefined) => (x ?? 0) / 1048576;
    samples.push({
      seconds: (Date.now() - started) / 1000,
      rss: Number(rss?.[1] ?? 0) / 1024,
      heapUsed: mb(main?.heapUsed),
      external: mb(main?.external),
      arrayBuffers: mb(main?.arrayBuffers),
      workerHeaps: mb([...last].reduce((sum, [id, m]) => sum + (id === 0 ? 0 : (m.heapUsed ?? 0)), 0)),
      requests: counts.chat + counts.scans + counts.heartbeats + counts.lists + counts.bills,
    });
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  const snapshots = SNAPSHOT_DIR
    ? [setTimeout(() => process.kill(pid, 'SIGUSR2'), (SECONDS * 1000) / 3)]
    : [];
  await Promise.all([
    ...loop('chat', LOOPS.chat, chat),
    ...loop('scans', LOOPS.scans, (l, i) =>
      post('/api/mess/scans', {
        deviceId: `memory-${l}`,
        scans: [
          {
            nonce: randomUUID(),
            code: setup.codes[(l * 7 + i) % setup.codes.length],
            scannedAt: new Date().toISOString(),
            offline: false,
          },
        ],
      }),
    ),
    ...loop('heartbeats', LOOPS.heartbeats, async (l, i) => {
      const token = setup.tokens[(l * 53 + i) % setup.tokens.length];
      const res = await request(`${base}/api/coffee/device/status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ temperature: 92.5, firmware: '1.4.2' }),
      });
      ok('POST /api/coffee/device/status', res);
    }),
    ...loop('lists', LOOPS.lists, async (_, i) => {
      const page = LIST_PAGES[i % LIST_PAGES.length]!;
      ok(`GET ${page}`, await request(`${base}${page}`, { headers }));
    }),
    ...loop('bills', LOOPS.bills, (l, i) =>
      post(
        `/api/exhibition/customers/${setup.customers[i % setup.customers.length]}/bills`,
        { boothId: setup.booths[(l + i) % setup.booths.length], amountMinor: 100 + (i % 7) },
        { 'idempotency-key': randomUUID() },
      ),
    ),
  ]);
  for (const s of snapshots) clearTimeout(s);
  sample();
  clearInterval(timer);
  if (SNAPSHOT_DIR) {
    process.kill(pid, 'SIGUSR2');
    await new Promise((r) => setTimeout(r, 20_000)); // the snapshot is written before the server stops
  }
  console.log(
    `  requests: ${Object.entries(counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')} (chat = conversation steps answered)`,
  );
  for (const [kind, message] of Object.entries(firstErrors)) console.log(`  first ${kind} error: ${message}`);
  const refusedCount = [...refused.values()].reduce((a, n) => a + n, 0);
  console.log(
    `  non-2xx answers: ${refusedCount}${refusedCount ? ` (${[...refused].map(([k, n]) => `${k} ×${n}`).join(', ')})` : ''}`,
  );
  return samples;
}

const at = (samples: Sample[], seconds: number) =>
  samples.reduce((best, s) => (Math.abs(s.seconds - seconds) < Math.abs(best.seconds - seconds) ? s : best));

/** Least-squares slope of RSS (MB per minute) over samples from `from` seconds on. */
function slope(samples: Sample[], from: number): number {
  const xs = samples.filter((s) => s.seconds >= from);
  const n = xs.length;
  if (n < 2) return Number.NaN;
  const mx = xs.reduce((a, s) => a + s.seconds, 0) / n;
  const my = xs.reduce((a, s) => a + s.rss, 0) / n;
  const num = xs.reduce((a, s) => a + (s.seconds - mx) * (s.rss - my), 0);
  const den = xs.reduce((a, s) => a + (s.seconds - mx) ** 2, 0);
  return (num / den) * 60;
}

function print(samples: Sample[]): void {
  const f = (x: number) => x.toFixed(0).padStart(6);
  console.log(
    '\n  seconds    RSS   heap   external   arrayBuffers   worker heaps   requests   (MB; requests so far)',
  );
  const every = Math.max(1, Math.round(30_000 / SAMPLE_MS)); // one line per ~30 s
  samples.forEach((s, i) => {
    if (i % every === 0 || i === samples.length - 1)
      console.log(
        `  ${f(s.seconds)} ${f(s.rss)} ${f(s.heapUsed)}     ${f(s.external)}         ${f(s.arrayBuffers)}         ${f(s.workerHeaps)}     ${String(s.requests).padStart(6)}`,
      );
  });
  const last = samples.at(-1)!;
  const rssAt = (min: number) =>
    last.seconds >= min * 60 - SAMPLE_MS / 1000
      ? `${at(samples, min * 60).rss.toFixed(0)} MB`
      : 'not reached';
  const window = Math.min(300, last.seconds / 2);
  const peak = Math.max(...samples.map((s) => s.rss));
  console.log(
    `\n  RSS at 1 min: ${rssAt(1)}; at 5 min: ${rssAt(5)}; at 10 min: ${rssAt(10)}; at the end (${last.seconds.toFixed(0)} s): ${last.rss.toFixed(0)} MB; peak ${peak.toFixed(0)} MB`,
  );
  console.log(
    `  RSS slope over the last ${(window / 60).toFixed(1)} min: ${slope(samples, last.seconds - window).toFixed(1)} MB/min ` +
      `(goal: ≤ 450 MB at 10 min, flat over the last 5); ${(last.requests / last.seconds).toFixed(0)} requests/s overall`,
  );
}
