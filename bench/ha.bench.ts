import { randomUUID } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';
import { type HaCluster, type HaNode, haAvailable, startHaCluster } from '../test/ha/cluster.ts';
import { eventually } from '../test/support/eventually.ts';
import { freePort } from '../test/support/processes.ts';
import { request } from './lib/load.ts';
import { type BenchServer, startBenchServer } from './lib/server.ts';

const LOOPS = 4;
/** A refused write is tried again after this long, as a client would (Retry-After is whole seconds). */
const RETRY_MS = 100;

/**
 * `npm run bench ha` (issue 68): the seconds without service when the database server is lost, and
 * when its pair switches over on purpose, at the product's default settings (the monitor's too: a
 * node is unhealthy after 20 s, and a lost primary gets 30 s to demote itself). A pg_auto_failover
 * monitor and two PostgreSQL 15 nodes (test/ha/cluster.ts), `opsdesk start` on their multi-host URL,
 * and 4 closed loops each taking raffle reservations by phone (POST with an Idempotency-Key). The
 * primary's keeper and postgres are SIGKILLed; later `pg_autoctl perform switchover`. For each: seconds
 * from the event to the promotion (the monitor's events), and from the first refused write to the first
 * acknowledged one after it, with how the refused writes were answered.
 */
export async function benchHa(): Promise<void> {
  if (!haAvailable()) {
    console.log(
      'ha: needs pg_autoctl and PostgreSQL 15 (postgresql-15-auto-failover, pg-auto-failover-cli); skipped',
    );
    return;
  }
  const cluster = await startHaCluster();
  let server: BenchServer | undefined;
  let load: WriteLoad | undefined;
  try {
    server = await startBenchServer(await freePort(), {
      DATABASE_URL: cluster.url,
      OPSDESK_LOG_LEVEL: 'error',
    });
    load = new WriteLoad(server.base, await server.signIn());
    await load.start();
    const lost = await cluster.primary();
    const rows = [await crash(cluster, load, lost)];
    const restartedAt = Date.now();
    await cluster.restart(lost);
    await cluster.settled(180_000);
    const rejoined = `${lost.name} back as the secondary (restart to settled): ${since(restartedAt)} s`;
    rows.push(await switchover(cluster, load));
    printOutages(rows, load);
    console.log(`  ${rejoined}`);
  } catch (err) {
    console.log(cluster.logs());
    throw err;
  } finally {
    await load?.stop();
    await server?.stop();
    await cluster.stop();
  }
}

interface Outage {
  label: string;
  /** Seconds from the kill (or the switchover's request) to the monitor's record of the promotion. */
  toPromotion: number;
  /** Seconds from the first refused write to the first acknowledged one after it. */
  withoutService: number;
  refused: Record<string, number>;
}

async function crash(cluster: HaCluster, load: WriteLoad, lost: HaNode): Promise<Outage> {
  const killedAt = Date.now();
  await cluster.crash(lost);
  const promotedAt = await cluster.promotedAt(killedAt, 180_000);
  return { label: `crash (SIGKILL of ${lost.name})`, ...(await load.outageAfter(killedAt, promotedAt)) };
}

async function switchover(cluster: HaCluster, load: WriteLoad): Promise<Outage> {
  const from = await cluster.primary();
  const startedAt = Date.now();
  await cluster.switchover();
  const promotedAt = await cluster.promotedAt(startedAt);
  return { label: `switchover (from ${from.name})`, ...(await load.outageAfter(startedAt, promotedAt)) };
}

/** Raffle reservations by phone from closed loops, each answer's time and status kept. */
class WriteLoad {
  private readonly answers: { at: number; outcome: string }[] = [];
  private stopping = false;
  private loops: Promise<void>[] = [];
  private raffleId = '';

  constructor(
    private readonly base: string,
    private readonly headers: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    const post = async (path: string, body: unknown) =>
      JSON.parse(
        (
          await request(`${this.base}${path}`, {
            method: 'POST',
            headers: this.headers,
            body: JSON.stringify(body),
          })
        ).body,
      );
    const raffle = await post('/api/raffle/raffles', {
      title: 'HA bench',
      priceMinor: 100,
      currency: 'USD',
      minNumber: 1,
      maxNumber: 1_000_000,
      maxPerOrder: 1,
      prizes: ['Prize'],
    });
    await post(`/api/raffle/raffles/${raffle.id}/start-selling`, {});
    this.raffleId = raffle.id;
    this.loops = Array.from({ length: LOOPS }, (_, loop) => this.run(loop));
    await eventually(() => this.answers.filter((a) => a.outcome === 'ok').length >= 20, {
      what: '20 reservations taken',
      timeoutMs: 60_000,
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.loops);
  }

  /**
   * The first outage after `sinceMs` once it has ended: seconds to `promotedAt` and without service, and
   * the refused writes by answer.
   */
  async outageAfter(sinceMs: number, promotedAt: number): Promise<Omit<Outage, 'label'>> {
    const firstRefused = await eventually(
      () => this.answers.find((a) => a.at >= sinceMs && a.outcome !== 'ok'),
      {
        what: 'a refused write',
        timeoutMs: 180_000,
      },
    );
    const back = await eventually(
      () => this.answers.find((a) => a.at > firstRefused.at && a.outcome === 'ok'),
      {
        what: 'writes acknowledged again',
        timeoutMs: 180_000,
      },
    );
    const refused: Record<string, number> = {};
    for (const a of this.answers) {
      if (a.at >= firstRefused.at && a.at < back.at) refused[a.outcome] = (refused[a.outcome] ?? 0) + 1;
    }
    return {
      toPromotion: (promotedAt - sinceMs) / 1000,
      withoutService: (back.at - firstRefused.at) / 1000,
      refused,
    };
  }

  acknowledged(): number {
    return this.answers.filter((a) => a.outcome === 'ok').length;
  }

  private async run(loop: number): Promise<void> {
    for (let i = 0; !this.stopping; i++) {
      const outcome = await this.reserve(`59598${loop}${String(i).padStart(6, '0')}`);
      this.answers.push({ at: Date.now(), outcome });
      if (outcome !== 'ok') await pause(RETRY_MS);
    }
  }

  /** 'ok', or how the write was refused: its status (with Retry-After or not), or the connection's error. */
  private async reserve(waId: string): Promise<string> {
    try {
      const res = await fetch(`${this.base}/api/raffle/raffles/${this.raffleId}/reservations`, {
        method: 'POST',
        headers: { ...this.headers, 'idempotency-key': randomUUID() },
        body: JSON.stringify({ waId, random: 1 }),
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
      if (res.ok) return 'ok';
      return `${res.status}${res.headers.get('retry-after') ? ' with Retry-After' : ''}`;
    } catch (err) {
      return `no answer (${(err as Error).name})`;
    }
  }
}

function printOutages(rows: Outage[], load: WriteLoad): void {
  console.log(
    `\nSeconds without service at the default settings (${LOOPS} loops of raffle reservations, one opsdesk start)`,
  );
  console.log(
    `  ${'event'.padEnd(30)}${'to promotion'.padStart(14)}${'without service'.padStart(17)}  refused writes`,
  );
  for (const r of rows) {
    const refused = Object.entries(r.refused)
      .map(([outcome, n]) => `${outcome} ×${n}`)
      .join(', ');
    console.log(
      `  ${r.label.padEnd(30)}${r.toPromotion.toFixed(1).padStart(14)}${r.withoutService.toFixed(1).padStart(17)}  ${refused}`,
    );
  }
  console.log(`  reservations acknowledged in all: ${load.acknowledged()}`);
}

function since(startedAt: number): string {
  return ((Date.now() - startedAt) / 1000).toFixed(1);
}
