import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../../platform/db/index.ts';

/**
 * Fleet gauges on `/metrics`, read at scrape time across organizations (labelled by org):
 * `opsdesk_coffee_devices{org,status}`, `opsdesk_coffee_alarms_open{org,kind}`,
 * `opsdesk_coffee_commands{org,status}` (queued and sent).
 */
export function registerFleetMetrics(registry: Registry, database: Database): void {
  const gauge = (name: string, help: string, label: string, text: string) =>
    new Gauge({
      name,
      help,
      labelNames: ['org', label] as const,
      registers: [registry],
      async collect() {
        this.reset();
        const { rows } = await database.pool
          .query<{ org: string; key: string; n: number }>(text)
          .catch(() => ({ rows: [] as { org: string; key: string; n: number }[] }));
        for (const r of rows) this.set({ org: r.org, [label]: r.key }, r.n);
      },
    });
  gauge(
    'opsdesk_coffee_devices',
    'Coffee machines by status',
    'status',
    'select org_id as org, status as key, count(*)::int as n from coffee_device group by org_id, status',
  );
  gauge(
    'opsdesk_coffee_alarms_open',
    'Open or acknowledged fleet alarms by kind',
    'kind',
    "select org_id as org, kind as key, count(*)::int as n from coffee_alarm where status <> 'closed' group by org_id, kind",
  );
  gauge(
    'opsdesk_coffee_commands',
    'Device commands waiting (queued) or running (sent)',
    'status',
    "select org_id as org, status as key, count(*)::int as n from coffee_command where status in ('queued', 'sent') group by org_id, status",
  );
}
