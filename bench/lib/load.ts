import http from 'node:http';
import { availableParallelism } from 'node:os';

export interface LoadResult {
  label: string;
  concurrency: number;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** CPU ms per measured request, per part (e.g. app, database, load generator), when asked for. */
  cpuPerRequest?: Record<string, number>;
  /** Database work per request (statements, commits), when the bench could count it. */
  databasePerRequest?: Record<string, number>;
  /** pg-boss jobs created and messages sent over the run (its warm-up and settling in), when counted. */
  jobsAndMessages?: { jobs: number; byName: Record<string, number>; messages: number };
}

/**
 * Runs `fire` from `concurrency` loops for `durationMs` (after a short warm-up) and returns
 * throughput and latency percentiles in milliseconds.
 */
export async function measure(args: {
  label: string;
  concurrency: number;
  durationMs: number;
  warmupMs?: number;
  fire: (loop: number, i: number) => Promise<void>;
  /** Cumulative CPU ms of each part; sampled around the measured run to report CPU per request. */
  cpu?: Record<string, () => number>;
}): Promise<LoadResult> {
  const run = async (ms: number, record: boolean) => {
    const latencies: number[] = [];
    let errors = 0;
    const end = performance.now() + ms;
    await Promise.all(
      Array.from({ length: args.concurrency }, async (_, loop) => {
        for (let i = 0; performance.now() < end; i++) {
          const t0 = performance.now();
          try {
            await args.fire(loop, i);
            if (record) latencies.push(performance.now() - t0);
          } catch {
            errors++;
          }
        }
      }),
    );
    return { latencies, errors };
  };
  await run(args.warmupMs ?? 500, false);
  const cpuParts = Object.entries(args.cpu ?? {});
  const cpuBefore = cpuParts.map(([, read]) => read());
  const started = performance.now();
  const { latencies, errors } = await run(args.durationMs, true);
  const elapsed = (performance.now() - started) / 1000;
  const cpuPerRequest = cpuParts.length
    ? Object.fromEntries(
        cpuParts.map(([part, read], i) => [part, (read() - cpuBefore[i]!) / Math.max(1, latencies.length)]),
      )
    : undefined;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
  return {
    label: args.label,
    concurrency: args.concurrency,
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    ...(cpuPerRequest ? { cpuPerRequest } : {}),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One HTTP request over a keep-alive agent; rejects on a status outside 2xx. */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve({ status, body, headers: res.headers });
          else reject(new Error(`${status} ${body.slice(0, 200)}`));
        });
      },
    );
    req.on('error', reject);
    if (options.body) req.end(options.body);
    else req.end();
  });
}

/** Prints results as a table, each row next to its baseline. */
export function printTable(title: string, rows: LoadResult[]): void {
  console.log(`\n${title}`);
  console.log(
    '  ' +
      ['path', 'conc', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors']
        .map((h, i) => (i === 0 ? h.padEnd(44) : h.padStart(8)))
        .join(''),
  );
  for (const r of rows) {
    const cells = [
      r.concurrency,
      r.rps.toFixed(0),
      r.p50.toFixed(2),
      r.p95.toFixed(2),
      r.p99.toFixed(2),
      r.errors,
    ];
    console.log(`  ${r.label.padEnd(44)}${cells.map((c) => String(c).padStart(8)).join('')}`);
  }
  const withDatabase = rows.filter((r) => r.databasePerRequest);
  if (withDatabase.length > 0) {
    console.log('  Database work per request (statements without BEGIN/COMMIT; commits):');
    for (const r of withDatabase) {
      const detail = Object.entries(r.databasePerRequest!)
        .map(([what, n]) => `${what} ${n.toFixed(1)}`)
        .join(', ');
      console.log(`  ${`${r.label} ×${r.concurrency}`.padEnd(44)}${detail}`);
    }
  }
  const withJobs = rows.filter((r) => r.jobsAndMessages);
  if (withJobs.length > 0) {
    console.log('  pg-boss jobs created per message sent (outbox rows that left + chat replies sent):');
    for (const r of withJobs) {
      const { jobs, byName, messages } = r.jobsAndMessages!;
      const per = messages > 0 ? (jobs / messages).toFixed(2) : '–';
      const names = Object.entries(byName)
        .sort((a, b) => b[1] - a[1])
        .map(([name, n]) => `${name} ${n}`)
        .join(', ');
      console.log(
        `  ${`${r.label} ×${r.concurrency}`.padEnd(44)}${per} (${jobs} jobs${names ? `: ${names}` : ''}; ${messages} messages)`,
      );
    }
  }
  // CPU per request bounds throughput whatever the load: N cores ÷ CPU per request, when nothing waits.
  const withCpu = rows.filter((r) => r.cpuPerRequest);
  if (withCpu.length === 0) return;
  const cores = availableParallelism();
  console.log(`  CPU ms per request, by part, and the ceiling it sets on ${cores} cores (cores ÷ total):`);
  for (const r of withCpu) {
    const parts = Object.entries(r.cpuPerRequest!);
    const total = parts.reduce((sum, [, ms]) => sum + ms, 0);
    const detail = parts.map(([part, ms]) => `${part} ${ms.toFixed(2)}`).join(', ');
    const ceiling = total > 0 ? ((cores * 1000) / total).toFixed(0) : '∞';
    console.log(
      `  ${`${r.label} ×${r.concurrency}`.padEnd(44)}${detail}; total ${total.toFixed(2)} → ≤ ${ceiling}/s`,
    );
  }
}

/** Waits until the server at `base` answers `/readyz`, polling every 250 ms; throws after `tries`. */
export async function untilReady(base: string, tries: number): Promise<void> {
  for (let i = 0; i < tries; i++) {
    try {
      await request(`${base}/readyz`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${base} did not start`);
}
