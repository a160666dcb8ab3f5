import { type ChildProcess, spawn } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Debian's PostgreSQL 15 (the images' server) and pg_autoctl (pg-auto-failover-cli). */
export const PG_BIN = '/usr/lib/postgresql/15/bin';
export const PG_AUTOCTL = '/usr/bin/pg_autoctl';

/**
 * Runs pg_autoctl for one cluster's folder, everything it writes inside it: each service's log, and its
 * configuration and state (which it keeps under the XDG folders, by default in the user's home).
 * PostgreSQL refuses to run as root: as root (CI) it runs as the `postgres` OS user, which then owns
 * the folder; otherwise as whoever runs the tests.
 */
export class Autoctl {
  private readonly user = postgresUserWhenRoot();

  constructor(readonly dir: string) {
    this.own(dir);
    for (const name of ['config', 'share']) {
      mkdirSync(join(dir, name));
      this.own(join(dir, name));
    }
  }

  /** Starts a long-running pg_autoctl (`create … --run`, `run`), its output appended to `<name>.log`. */
  keep(name: string, args: string[]): ChildProcess {
    const log = openSync(this.logFile(name), 'a');
    try {
      return spawn(PG_AUTOCTL, args, {
        ...this.spawnOptions(),
        stdio: ['ignore', log, log],
        // A process group of its own: nothing signalled to ours (a Ctrl-C) reaches it unasked.
        detached: true,
      });
    } finally {
      closeSync(log);
    }
  }

  /** Runs a pg_autoctl command to its end; rejects with its output when it fails. */
  run(args: string[]): Promise<void> {
    const child = spawn(PG_AUTOCTL, args, { ...this.spawnOptions(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d) => (output += String(d)));
    child.stderr!.on('data', (d) => (output += String(d)));
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0
          ? resolve()
          : reject(new Error(`pg_autoctl ${args.join(' ')} exited with ${code}:\n${output}`)),
      );
    });
  }

  /** The last lines a long-running pg_autoctl wrote. */
  logTail(name: string, lines = 25): string {
    const file = this.logFile(name);
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
  }

  private logFile(name: string): string {
    return join(this.dir, `${name}.log`);
  }

  private own(path: string): void {
    if (this.user) chownSync(path, this.user.uid, this.user.gid);
  }

  private spawnOptions() {
    return {
      cwd: this.dir,
      ...(this.user ? { uid: this.user.uid, gid: this.user.gid } : {}),
      env: {
        ...process.env,
        // Not the caller's PATH: the postgres user may not read its folders (pg_autoctl logs each refusal).
        PATH: `${PG_BIN}:/usr/local/bin:/usr/bin:/bin`,
        HOME: this.dir,
        XDG_CONFIG_HOME: join(this.dir, 'config'),
        XDG_DATA_HOME: join(this.dir, 'share'),
        // pg_autoctl reaches its own postgres over TCP, not through a socket folder that may not exist here.
        PGHOST: '127.0.0.1',
      },
    };
  }
}

/** The `postgres` OS user when running as root (PostgreSQL will not run as root), else nobody to switch to. */
function postgresUserWhenRoot(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root and there is no postgres OS user to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
