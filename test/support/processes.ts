import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunningApp {
  port: number;
  child: ChildProcess;
  output: () => string;
  url: (path: string) => string;
}

/** Starts `test/fixtures/run-app.ts` in its own process and waits until it listens. */
export async function spawnApp(env: Record<string, string>): Promise<RunningApp> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/run-app.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', OPSDESK_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += String(d);
  });
  child.stderr!.on('data', (d) => {
    out += String(d);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start:\n${out}`)), 90_000);
    child.stdout!.on('data', () => {
      const line = out.split('\n').find((l) => l.startsWith('{"port"'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line).port);
      }
    });
    child.on('exit', (code) => reject(new Error(`app exited with ${code}:\n${out}`)));
  });
  return { port, child, output: () => out, url: (path) => `http://127.0.0.1:${port}${path}` };
}

/** Runs the `opsdesk` CLI and resolves with its exit code and output. */
export function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, OPSDESK_LOG_LEVEL: 'warn', ...env },
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += String(d);
    });
    child.stderr.on('data', (d) => {
      output += String(d);
    });
    child.on('exit', (code) => resolve({ code: code ?? -1, output }));
  });
}

/** Starts a long-running `opsdesk` command (such as `start --demo`) and collects its output. */
export function spawnCli(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, OPSDESK_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += String(d);
  });
  child.stderr!.on('data', (d) => {
    out += String(d);
  });
  return { child, output: () => out };
}
