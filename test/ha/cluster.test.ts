import { setTimeout as pause } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { type HaCluster, type HaNode, haAvailable, startHaCluster } from './cluster.ts';

/**
 * The harness's own proof, at the database level (no app): rows a primary acknowledged under
 * synchronous replication are all on the node promoted after that primary's server is lost; the lost
 * node comes back as a secondary; a planned switchover keeps every row and leaves a writable primary.
 * The tests follow one cluster in order, and print the seconds each step took.
 */
let cluster: HaCluster;
let writer: RowWriter;
let lost: HaNode;
const seconds: Record<string, number> = {};

beforeAll(async () => {
  if (!haAvailable()) {
    throw new Error(
      'test/ha needs pg_autoctl and PostgreSQL 15 (apt-get install postgresql-15-auto-failover pg-auto-failover-cli)',
    );
  }
  const startedAt = Date.now();
  cluster = await startHaCluster({ fastDetection: true });
  seconds['start: monitor, primary and synchronous secondary'] = since(startedAt);
  await onNode(await cluster.primary(), 'create table ha_rows (id int primary key)');
  writer = new RowWriter(cluster);
});

afterAll(async () => {
  await writer?.stop();
  await cluster?.stop();
  console.table(Object.entries(seconds).map(([step, s]) => ({ step, seconds: Number(s.toFixed(1)) })));
});

describe('a pg_auto_failover cluster (test/ha/cluster.ts)', () => {
  it('has node1 primary, committing each transaction only once node2 has it', async () => {
    expect(cluster.url).toBe(
      `postgres://postgres@${cluster.nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}/opsdesk?target_session_attrs=read-write`,
    );
    const primary = await cluster.primary();
    expect(primary.name).toBe('node1');
    const [settings] = await onNode(
      primary,
      `select current_setting('synchronous_commit') as commit,
              current_setting('synchronous_standby_names') as standbys`,
    );
    expect(settings).toEqual({ commit: 'on', standbys: 'ANY 1 (pgautofailover_standby_2)' });
  });

  it('promotes node2 when node1 is lost, with every row node1 acknowledged', async () => {
    onTestFailed(explainFailure);
    writer.start();
    await eventually(() => writer.acknowledged.length >= 50, { what: '50 rows written' });
    lost = await cluster.primary();
    const killedAt = Date.now();
    await cluster.crash(lost);
    const promotedAt = await cluster.promotedAt(killedAt);
    seconds['crash: kill to promotion (monitor)'] = (promotedAt - killedAt) / 1000;

    const promoted = await cluster.primary();
    expect(promoted.name).toBe('node2');
    const outage = await writer.nextOutage(killedAt);
    seconds['crash: writes refused (first failure to first success)'] = outage;
    await expect(missingOn(promoted)).resolves.toEqual([]);
  });

  it('takes the lost node back as the secondary, with every row', async () => {
    onTestFailed(explainFailure);
    const restartedAt = Date.now();
    await cluster.restart(lost);
    await cluster.settled(120_000);
    seconds['rejoin: restart to settled'] = since(restartedAt);
    expect((await cluster.primary()).name).toBe('node2');
    const rows = writer.acknowledged.length;
    await eventually(async () => (await missingOn(lost, rows)).length === 0, {
      what: `${lost.name} to replay every acknowledged row`,
    });
  });

  it('switches over on request under writes, keeping every row, and the new primary takes writes', async () => {
    onTestFailed(explainFailure);
    const before = await cluster.primary();
    const startedAt = Date.now();
    await cluster.switchover();
    seconds['switchover: perform switchover to settled'] = since(startedAt);
    seconds['switchover: request to promotion (monitor)'] =
      ((await cluster.promotedAt(startedAt)) - startedAt) / 1000;

    const after = await cluster.primary();
    expect(after.name).not.toBe(before.name);
    seconds['switchover: writes refused (first failure to first success)'] =
      await writer.nextOutage(startedAt);
    const written = writer.acknowledged.length;
    await eventually(() => writer.acknowledged.length > written, {
      what: 'a row written after the switchover',
    });
    await writer.stop();
    await expect(missingOn(after)).resolves.toEqual([]);
  });
});

/** Inserts numbered rows in a loop into whichever node is writable, and keeps what was acknowledged. */
class RowWriter {
  readonly acknowledged: number[] = [];
  /** Each time writes stopped: the first refused write and the first acknowledged one after it (ms). */
  private readonly outages: { from: number; to?: number }[] = [];
  /** The last refusals, for a failed test's message. */
  readonly refusals: string[] = [];
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly cluster: HaCluster) {}

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  /** Seconds of the first outage that began after `sinceMs`, once writes are acknowledged again. */
  async nextOutage(sinceMs: number): Promise<number> {
    const outage = await eventually(() => this.outages.find((o) => o.from >= sinceMs && o.to !== undefined), {
      what: 'writes refused, then acknowledged again',
      timeoutMs: 120_000,
    });
    return (outage.to! - outage.from) / 1000;
  }

  private async loop(): Promise<void> {
    let client: pg.Client | undefined;
    // Each attempt writes a new id: a write whose answer was an error may still have committed (in a
    // switchover here the id tried again was already on the new primary), and would fail on its key forever.
    for (let id = 1; !this.stopping; id++) {
      try {
        client ??= await this.connectWritable();
        await client.query('insert into ha_rows (id) values ($1)', [id]);
        this.acknowledged.push(id);
        const open = this.outages.at(-1);
        if (open && open.to === undefined) open.to = Date.now();
      } catch (err) {
        const last = this.outages.at(-1);
        if (!last || last.to !== undefined) this.outages.push({ from: Date.now() });
        this.refusals.push(`${new Date().toISOString()} ${(err as Error).message}`);
        if (this.refusals.length > 20) this.refusals.shift();
        // Not awaited: a backend still waiting for its standby reads no Terminate, and would hold the loop.
        void client?.end().catch(() => undefined);
        client = undefined;
        // A refused connection fails at once: pace the retries instead of spinning.
        await pause(50);
      }
    }
    await client?.end().catch(() => undefined);
  }

  /** target_session_attrs=read-write by hand: node-postgres does not follow a multi-host URL. */
  private async connectWritable(): Promise<pg.Client> {
    for (const node of this.cluster.nodes) {
      const client = nodeClient(node);
      try {
        await client.connect();
        const { rows } = await client.query('select pg_is_in_recovery() as standby');
        if (!rows[0].standby) return client;
      } catch {
        // not reachable: try the next host
      }
      await client.end().catch(() => undefined);
    }
    throw new Error('no writable node');
  }
}

function nodeClient(node: HaNode): pg.Client {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: node.port,
    user: 'postgres',
    database: 'opsdesk',
    connectionTimeoutMillis: 2_000,
    query_timeout: 5_000,
  });
  // A server lost between queries is an 'error' event; the next query fails with it, where it is handled.
  client.on('error', () => undefined);
  return client;
}

async function onNode(node: HaNode, sql: string): Promise<Record<string, unknown>[]> {
  const client = nodeClient(node);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The acknowledged rows (the first `count` of them, by default all) that `node` does not hold. */
async function missingOn(node: HaNode, count = writer.acknowledged.length): Promise<number[]> {
  const held = new Set((await onNode(node, 'select id from ha_rows')).map((r) => r.id as number));
  return writer.acknowledged.slice(0, count).filter((id) => !held.has(id));
}

function explainFailure(): void {
  console.log(`the writer's last refusals:\n${writer.refusals.join('\n')}\n${cluster.logs()}`);
}

function since(startedAt: number): number {
  return (Date.now() - startedAt) / 1000;
}
