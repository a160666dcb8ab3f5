import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../../platform/db/index.ts';

/**
 * Fleet gauges on `/metrics`, read at scrape time across organizations (labelled by org):
 * `opsdesk_coffee_devices{org,status}`, `opsdesk_coffee_alarms_open{org,kind}`,
 * `opsdesk_coffee_commands{org,status}` (queued and sent), and the daily order volume (issue 41,
 * item 23): `opsdesk_coffee_orders_today{org,per}`, orders since midnight in the organization's time
 * zone for the fleet (`per="fleet"`) and per machine on average (`per="machine"`).
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
  gauge(
    'opsdesk_coffee_orders_today',
    "Orders since midnight in the organization's time zone: the fleet's, and per machine on average",
    'per',
    `with t as (
       select org.id as org,
         (select count(*) from coffee_order o where o.org_id = org.id
            and (o.ordered_at at time zone org.time_zone)::date = (now() at time zone org.time_zone)::date)::float8 as orders,
         (select count(*) from coffee_device d where d.org_id = org.id and d.retired_at is null)::float8 as machines
       from organization org
       where exists (select 1 from coffee_device d where d.org_id = org.id))
     select org, 'fleet' as key, orders as n from t
     union all
     select org, 'machine' as key, case when machines > 0 then orders / machines else 0 end as n from t`,
  );
}
