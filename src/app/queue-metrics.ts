import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../platform/db/index.ts';

/** `opsdesk_jobs{queue,state}`: queue depth per state, read from the job table at scrape time. */
export function registerQueueMetrics(registry: Registry, database: Database): void {
  new Gauge({
    name: 'opsdesk_jobs',
    help: 'Background jobs by queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const { rows } = await database.pool
        .query<{ name: string; state: string; n: number }>(
          "select name, state, count(*)::int as n from pgboss.job where state <> 'completed' group by name, state",
        )
        .catch(() => ({ rows: [] as { name: string; state: string; n: number }[] }));
      for (const r of rows) this.set({ queue: r.name, state: r.state }, r.n);
    },
  });
}
