import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/processes.ts';
import { Autoctl, PG_AUTOCTL, PG_BIN } from './pg-autoctl.ts';
import { alive, killTree, postmasterPid, stopKeeper } from './process-tree.ts';

/**
 * A pg_auto_failover formation on 127.0.0.1 for the high-availability suite (issue 68): a monitor and
 * two PostgreSQL 15 nodes with synchronous replication, each run by its own keeper (`pg_autoctl run`),
 * in a temporary folder that stop() removes. PostgreSQL refuses to run as root: as root (CI) the
 * keepers run as the `postgres` OS user, otherwise as whoever runs the tests.
 */

export interface HaNode {
  name: string;
  port: number;
  pgdata: string;
}

export interface HaCluster {
  /** postgres://postgres@127.0.0.1:<p1>,127.0.0.1:<p2>/opsdesk?target_session_attrs=read-write */
  url: string;
  /** The monitor's URL (for reading pgautofailover.event / .node) */
  monitorUrl: string;
  nodes: HaNode[];
  /**
   * The node the monitor currently reports as primary (reportedstate and goalstate 'primary'); while its
   * standby is away a primary is in 'wait_primary' (writable, committing without a standby), which counts
   * too. Waits up to 30 s for one during a failover.
   */
  primary(): Promise<HaNode>;
  /** Loses the server: SIGKILLs the node's `pg_autoctl run` keeper and its postgres (the whole process tree). */
  crash(node: HaNode): Promise<void>;
  /** Starts the node's keeper again (`pg_autoctl run`); it rejoins as a secondary. */
  restart(node: HaNode): Promise<void>;
  /** Resolves once one node reports primary and the other secondary (both at their goal state); rejects after timeoutMs. */
  settled(timeoutMs?: number): Promise<void>;
  /** `pg_autoctl perform switchover` (it waits for the switch); resolves when a new primary is settled. */
  switchover(): Promise<void>;
  /** The time (ms since epoch, from the monitor's pgautofailover.event) a node was promoted (its new state "wait_primary" or "primary" reported) after `sinceMs`; polls until it happens or timeoutMs. */
  promotedAt(sinceMs: number, timeoutMs?: number): Promise<number>;
  /** Stops the keepers (pg_autoctl stop / SIGTERM), waits, removes the folder. */
  stop(): Promise<void>;
  /** The last lines of every keeper's log, for a failure's message. */
  logs(): string;
}

const DATABASE = 'opsdesk';

/**
 * Seconds the monitor takes to see a lost node, lowered so a crash fails over in seconds instead of the
 * defaults' ~50 s (a node unhealthy after 20 s, then 30 s for the old primary to demote itself). Still
 * above what a busy 2-core machine needs to answer a health check, so nothing fails over by itself.
 */
const FAST_DETECTION: Record<string, number> = {
  'pgautofailover.health_check_period': 1000,
  'pgautofailover.health_check_timeout': 2000,
  'pgautofailover.health_check_retry_delay': 500,
  'pgautofailover.health_check_max_retries': 2,
  'pgautofailover.node_considered_unhealthy_timeout': 5000,
  'pgautofailover.primary_demote_timeout': 5000,
};

/** pg_autoctl and PostgreSQL 15's server are installed (Debian's pg-auto-failover-cli, postgresql-15-auto-failover). */
export function haAvailable(): boolean {
  return existsSync(PG_AUTOCTL) && existsSync(join(PG_BIN, 'postgres'));
}

/**
 * Every cluster not yet stopped, killed when the process exits or is interrupted so that no postgres
 * outlives a test run: the keepers run in process groups of their own, which no Ctrl-C reaches.
 */
const running = new Set<Formation>();
let killingAtExit = false;

function killAtExit(): void {
  if (killingAtExit) return;
  killingAtExit = true;
  const killRunning = () => {
    for (const formation of running) formation.abandon();
  };
  process.once('exit', killRunning);
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      killRunning();
      // Alone on this signal, the handler took away its default: end the process as the signal would have.
      if (process.listenerCount(name) === 1) {
        process.off(name, onSignal);
        process.kill(process.pid, name);
      }
    };
    process.on(name, onSignal);
  }
}

/** Starts a monitor and two nodes and resolves once node1 is primary and node2 its synchronous secondary. */
export async function startHaCluster(options: { fastDetection?: boolean } = {}): Promise<HaCluster> {
  killAtExit();
  const formation = new Formation(mkdtempSync(join(tmpdir(), 'opsdesk-ha-')));
  running.add(formation);
  try {
    await formation.start(options.fastDetection ?? false);
    return formation;
  } catch (err) {
    await formation.stop();
    throw err;
  }
}

interface NodeState {
  nodename: string;
  reportedstate: string;
  goalstate: string;
}

class Formation implements HaCluster {
  url = '';
  monitorUrl = '';
  nodes: HaNode[] = [];
  private monitor: HaNode = { name: 'monitor', port: 0, pgdata: '' };
  private readonly keepers = new Map<string, ChildProcess>();
  private readonly autoctl: Autoctl;
  /** Set when a keeper ends that nobody stopped or crashed: every wait then fails at once, naming it. */
  private lostKeeper: string | undefined;

  constructor(private readonly dir: string) {
    this.autoctl = new Autoctl(dir);
  }

  async start(fastDetection: boolean): Promise<void> {
    const [monitorPort, port1, port2] = await portsBelowEphemeralRange(3);
    this.monitor = { name: 'monitor', port: monitorPort!, pgdata: join(this.dir, 'monitor') };
    this.nodes = [port1!, port2!].map((port, i) => ({
      name: `node${i + 1}`,
      port,
      pgdata: join(this.dir, `node${i + 1}`),
    }));
    this.monitorUrl = `postgres://postgres@127.0.0.1:${monitorPort}/pg_auto_failover`;
    const hosts = this.nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
    this.url = `postgres://postgres@${hosts}/${DATABASE}?target_session_attrs=read-write`;

    this.keep(this.monitor, ['create', 'monitor', ...this.common(this.monitor), '--run']);
    await this.waitFor('the monitor to accept connections', () => this.states().then(() => true), 60_000);
    if (fastDetection) await this.lowerDetectionTimes();
    const [first, second] = this.nodes as [HaNode, HaNode];
    this.keep(first, ['create', 'postgres', ...this.nodeOptions(first), '--run']);
    await this.waitFor(`${first.name} to run alone`, async () =>
      (await this.states()).some((s) => s.nodename === first.name && s.reportedstate === 'single'),
    );
    // The standby's base backup starts with a spread checkpoint: with the new database's pages still dirty
    // it took 93 s here, after this checkpoint 1 s.
    await this.waitFor(`a checkpoint on ${first.name}`, () =>
      this.onNode(first, 'checkpoint').then(() => true),
    );
    this.keep(second, ['create', 'postgres', ...this.nodeOptions(second), '--run']);
    await this.settled(120_000);
  }

  async primary(): Promise<HaNode> {
    const writable = await this.waitFor('a primary', async () => {
      const states = await this.states();
      return (
        states.find((s) => s.reportedstate === 'primary' && s.goalstate === 'primary') ??
        states.find((s) => s.reportedstate === 'wait_primary' && s.goalstate === 'wait_primary')
      );
    });
    return this.node(writable.nodename);
  }

  async crash(node: HaNode): Promise<void> {
    const keeper = this.keepers.get(node.name);
    if (!keeper?.pid) throw new Error(`${node.name} has no running keeper to crash`);
    const exited = new Promise((resolve) => keeper.once('exit', resolve));
    this.keepers.delete(node.name);
    const killed = killTree(keeper.pid);
    await exited;
    await this.waitFor(`${node.name}'s processes to end`, () => killed.every((pid) => !alive(pid)), 10_000);
  }

  async restart(node: HaNode): Promise<void> {
    if (this.keepers.has(node.name)) throw new Error(`${node.name}'s keeper is still running`);
    this.keep(node, ['run', '--pgdata', node.pgdata]);
  }

  async settled(timeoutMs = 60_000): Promise<void> {
    await this.waitFor(
      'one node primary and the other secondary',
      async () => {
        const states = (await this.states()).filter((s) => s.reportedstate === s.goalstate);
        const count = (state: string) => states.filter((s) => s.reportedstate === state).length;
        return count('primary') === 1 && count('secondary') === 1;
      },
      timeoutMs,
    );
  }

  async switchover(): Promise<void> {
    const before = await this.primary();
    const formation = ['--pgdata', this.monitor.pgdata, '--formation', 'default'];
    await this.autoctl.run(['perform', 'switchover', ...formation]).catch((err: Error) => {
      throw new Error(`${err.message}\n${this.logs()}`);
    });
    await this.settled();
    const after = await this.primary();
    if (after.name === before.name) throw new Error(`switchover left ${before.name} primary`);
  }

  async promotedAt(sinceMs: number, timeoutMs = 120_000): Promise<number> {
    const at = await this.waitFor(
      'a node promoted',
      () =>
        this.onMonitor<{ at: Date }>(
          `select eventtime as at from pgautofailover.event
            where eventtime > to_timestamp($1::double precision / 1000)
              and reportedstate in ('wait_primary', 'primary') and description like 'New state is reported%'
            order by eventtime limit 1`,
          [sinceMs],
        ).then((rows) => rows[0]?.at),
      timeoutMs,
    );
    return at.getTime();
  }

  async stop(): Promise<void> {
    const keepers = [...this.keepers.entries()];
    this.keepers.clear();
    // The nodes first: a node whose monitor is gone keeps retrying it while it shuts down.
    keepers.sort(([a], [b]) => Number(a === 'monitor') - Number(b === 'monitor'));
    for (const [, keeper] of keepers) await stopKeeper(keeper);
    this.killAll();
    running.delete(this);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** At exit, with no time to stop anything cleanly: kills everything and removes what it can of the folder. */
  abandon(): void {
    this.killAll();
    running.delete(this);
    try {
      rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // a killed postgres still closing its files: the folder is in the system's temporary folder
    }
  }

  /** SIGKILLs everything this formation started, and any postgres left in its folders (synchronous). */
  private killAll(): void {
    for (const keeper of this.keepers.values()) if (keeper.pid) killTree(keeper.pid);
    for (const node of [this.monitor, ...this.nodes]) {
      const pid = postmasterPid(node.pgdata);
      if (pid) killTree(pid);
    }
  }

  logs(): string {
    return [this.monitor, ...this.nodes]
      .map((n) => `--- ${n.name} keeper log (last lines) ---\n${this.autoctl.logTail(n.name)}`)
      .join('\n');
  }

  private node(name: string): HaNode {
    const node = this.nodes.find((n) => n.name === name);
    if (!node) throw new Error(`the monitor names a node this cluster did not start: ${name}`);
    return node;
  }

  /** What a monitor and a node are created with: loopback only, trusted (the nodes' pg_hba: 127.0.0.1/32). */
  private common(node: HaNode): string[] {
    const where = ['--pgdata', node.pgdata, '--pgport', String(node.port), '--hostname', '127.0.0.1'];
    return [...where, '--auth', 'trust', '--no-ssl'];
  }

  private nodeOptions(node: HaNode): string[] {
    const monitor = `postgres://autoctl_node@127.0.0.1:${this.monitor.port}/pg_auto_failover?sslmode=disable`;
    const named = ['--dbname', DATABASE, '--name', node.name];
    return [...this.common(node), '--listen', '127.0.0.1', '--monitor', monitor, ...named];
  }

  /** Starts a long-running pg_autoctl for `node`; one that ends unasked fails every wait from then on. */
  private keep(node: HaNode, args: string[]): void {
    const keeper = this.autoctl.keep(node.name, args);
    this.keepers.set(node.name, keeper);
    keeper.once('exit', (code, signal) => {
      if (this.keepers.get(node.name) === keeper)
        this.lostKeeper = `${node.name}'s keeper exited (${signal ?? code})`;
    });
    keeper.once('error', (err) => {
      this.lostKeeper = `${node.name}'s keeper did not start (${err.message})`;
    });
  }

  private async lowerDetectionTimes(): Promise<void> {
    for (const [name, value] of Object.entries(FAST_DETECTION)) {
      await this.onMonitor(`alter system set ${name} = ${value}`);
    }
    await this.onMonitor('select pg_reload_conf()');
  }

  private states(): Promise<NodeState[]> {
    return this.onMonitor<NodeState>(
      'select nodename, reportedstate::text, goalstate::text from pgautofailover.node order by nodeid',
    );
  }

  private onNode(node: HaNode, sql: string): Promise<unknown[]> {
    return query(`postgres://postgres@127.0.0.1:${node.port}/${DATABASE}`, sql);
  }

  private onMonitor<T>(sql: string, values: unknown[] = []): Promise<T[]> {
    return query<T>(this.monitorUrl, sql, values);
  }

  /**
   * Polls until `check` holds; a monitor not answering yet counts as "not yet". A wait that fails names
   * the nodes' last states and ends with the tail of every keeper's log.
   */
  private async waitFor<T>(
    what: string,
    check: () => Promise<T | undefined | false> | T | false,
    timeoutMs = 30_000,
  ): Promise<T> {
    try {
      return await eventually(
        async () => {
          if (this.lostKeeper) throw new Error(`${this.lostKeeper} while waiting for ${what}`);
          try {
            return await check();
          } catch {
            return undefined;
          }
        },
        { what, timeoutMs, everyMs: 200 },
      );
    } catch (err) {
      const states = await this.states().then(
        (rows) => rows.map((r) => `${r.nodename} ${r.reportedstate} (goal ${r.goalstate})`).join(', '),
        () => 'the monitor does not answer',
      );
      throw new Error(`${(err as Error).message}; nodes: ${states}\n${this.logs()}`);
    }
  }
}

/** One statement on its own connection (the monitor's and the nodes' servers come and go). */
async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Ports free now and below the kernel's ephemeral range. A port from listen(0) (processes.ts freePort) is
 * free only until the next listen(0) or outgoing connection takes it, and stand-ins start beside the
 * cluster; a postgres listening on '*' (the monitor) that loses its IPv4 port only warns, and its keeper
 * then talks to whoever took it. Below that range only a process naming the port takes it.
 */
async function portsBelowEphemeralRange(count: number): Promise<number[]> {
  const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
  const low = 10_000;
  const span = Number(ephemeralLow) - low;
  const ports = new Set<number>();
  while (ports.size < count) {
    const port = span > 1000 ? low + Math.floor(Math.random() * span) : await freePort();
    if (await listenable(port)) ports.add(port);
  }
  return [...ports];
}

/** Nothing listens on the port, on any address (the monitor's postgres listens on all of them). */
function listenable(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}
