import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request, untilReady } from './load.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BENCH_EMAIL = 'bench@example.com';
export const BENCH_PASSWORD = 'bench-password-123';

export interface BenchServer {
  base: string;
  /** The server process (its RSS is sampled by the benchmarks). */
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
  /** Signs in and returns headers that carry the session and CSRF token. */
  signIn(): Promise<Record<string, string>>;
}

function cli(args: string[], env: Record<string, string>): ChildProcess {
  const all: Record<string, string | undefined> = { ...process.env, OPSDESK_LOG_LEVEL: 'warn', ...env };
  if (all.DATABASE_URL === '') delete all.DATABASE_URL; // '' runs on the embedded database
  return spawn(process.execPath, ['--import', 'tsx', 'src/app/cli.ts', ...args], {
    cwd: ROOT,
    env: all,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
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
