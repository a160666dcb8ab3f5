import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { readServerDatabase } from './jobs-per-message.ts';
import { request, untilReady } from './load.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BENCH_EMAIL = 'bench@example.com';
export const BENCH_PASSWORD = 'bench-password-123';

export interface BenchServer {
  base: string;
  /** The server process (its RSS is sampled by the benchmarks). */
  pid: number;
  dataDir: string;
  /** Stops the server; `readLast` reads its database (`readServerDatabase`) before the folder goes. */
  stop(readLast?: (pool: pg.Pool) => Promise<void>): Promise<void>;
  /** Signs in and returns headers that carry the session and CSRF token. */
  signIn(): Promise<Record<string, string>>;
}

function cli(args: string[], env: Record<string, string>): ChildProcess {
  const all: Record<string, string | undefined> = { ...process.env, OPSDESK_LOG_LEVEL: 'warn', ...env };
  if (all.DATABASE_URL === '') delete all.DATABASE_URL; // '' runs on the embedded database
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/cli.ts', ...args], {
    cwd: ROOT,
    env: all,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Read and dropped: unread, the pipe fills (~130 KB of log lines) and the server blocks on its next
  // line. The prepaid server on PostgreSQL warned 615 times (the baseline's e-mails it gave up) and
  // never exited when told to stop.
  child.stdout!.resume();
  return child;
}

/**
 * Starts `opsdesk start` in its own process on a fresh embedded database (or on DATABASE_URL),
 * with one owner to sign in as; rate limits are lifted so the benchmark measures the work.
 */
export async function startBenchServer(
  port: number,
  extraEnv: Record<string, string> = {},
): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-bench-'));
  const env = {
    ...extraEnv,
    OPSDESK_DATA_DIR: dataDir,
    PORT: String(port),
    OPSDESK_RATE_LIMIT_PER_MINUTE: '100000000',
    OPSDESK_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    OPSDESK_NEW_PASSWORD: BENCH_PASSWORD,
  };
  await new Promise<void>((resolve, reject) => {
    const c = cli(['create-user', '--email', BENCH_EMAIL, '--role', 'owner'], env);
    c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`create-user exited ${code}`))));
  });
  const child = cli(['start'], env);
  const base = `http://127.0.0.1:${port}`;
  await untilReady(base, 480);
  return {
    base,
    pid: child.pid!,
    dataDir,
    async stop(readLast) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      if (readLast) await readServerDatabase({ url: extraEnv.DATABASE_URL || undefined, dataDir }, readLast);
      rmSync(dataDir, { recursive: true, force: true });
    },
    async signIn() {
      const res = await request(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: BENCH_EMAIL, password: BENCH_PASSWORD }),
      });
      const cookie = String(res.headers['set-cookie']?.[0]).split(';')[0]!;
      return { cookie, 'x-csrf-token': JSON.parse(res.body).csrfToken, 'content-type': 'application/json' };
    },
  };
}
