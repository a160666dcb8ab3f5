import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { eventually } from './eventually.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * The `opsdesk` command as it ships: the built bundle that `npm start`, the image and the systemd units
 * run (test/setup/build-dist.ts builds it when a source changed). Not the TypeScript sources: in the
 * bundle lazily imported CommonJS packages once lost their named exports (grammY, the AWS SDK) while
 * every test of the sources passed. It is quicker too: `opsdesk --help` took 8.7 s through tsx and
 * 2.7-4.5 s from the bundle on a 2-core machine under a load average of 8.
 */
export const BUILT_CLI = 'dist/src/app/cli.js';

export interface RunningApp {
  port: number;
  child: ChildProcess;
  output: () => string;
  url: (path: string) => string;
}

/**
 * Starts `test/fixtures/run-app.ts` in its own process and waits until it listens. It runs the sources
 * (through tsx), not `dist/`: it adds the test fixture modules, which the build does not contain.
 */
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

/** Runs the built `opsdesk` CLI and resolves with its exit code and output. */
export function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], {
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

/**
 * Starts a long-running built `opsdesk` command (such as `start --demo`) and collects its output;
 * `cli` is another copy of the built CLI (default: `dist/`'s).
 */
export function spawnCli(
  args: string[],
  env: Record<string, string>,
  cli = BUILT_CLI,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [cli, ...args], {
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

/** A port nobody listens on now, for a server whose address must be known before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

export interface BuiltServer {
  url: string;
  output: () => string;
  /** SIGTERM, then waits until the process has exited (it closes its database first). */
  stop: () => Promise<void>;
  /** SIGKILL, a crash: the process ends where it stands; resolves once it has exited. */
  kill: () => Promise<void>;
}

/**
 * Runs `opsdesk start` (or `web`, or `start --demo`) from the built `dist/` (or the copy of it at
 * `options.cli`) on `PORT` (a free one unless given) and resolves once it answers `/readyz`; a
 * process that exits first fails with its output.
 */
export async function startBuiltServer(
  args: string[],
  env: Record<string, string>,
  options: { timeoutMs?: number; cli?: string } = {},
): Promise<BuiltServer> {
  // A free port is free only until someone takes it: between `freePort` and the server's listen,
  // another process's listen(0) (a stand-in of a server started beside it) took one in a PostgreSQL
  // run. A port chosen here and taken is chosen again; a port the caller gave is its own to keep.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startBuiltServerOn(env.PORT ?? String(await freePort()), args, env, options);
    } catch (err) {
      if (env.PORT !== undefined || attempt === 3 || !/EADDRINUSE/.test(String(err))) throw err;
    }
  }
}

async function startBuiltServerOn(
  port: string,
  args: string[],
  env: Record<string, string>,
  options: { timeoutMs?: number; cli?: string },
): Promise<BuiltServer> {
  const app = spawnCli(args, { ...env, PORT: port, HOST: '127.0.0.1' }, options.cli);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => app.child.once('exit', resolve));
  const end = (signal: NodeJS.Signals) => async () => {
    if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill(signal);
    await exited;
  };
  const stop = end('SIGTERM');
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  try {
    await eventually(
      async () => {
        if (exitCode !== undefined) throw new Error(`opsdesk ${args.join(' ')} exited with ${exitCode}`);
        return fetch(`${url}/readyz`).then(
          (res) => res.ok,
          () => false,
        );
      },
      {
        what: `opsdesk ${args.join(' ')} to answer /readyz`,
        timeoutMs: options.timeoutMs ?? 90_000,
        everyMs: 100,
      },
    );
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${app.output()}`);
  }
  return { url, output: app.output, stop, kill: end('SIGKILL') };
}
