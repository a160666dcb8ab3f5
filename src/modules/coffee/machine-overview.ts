import type { Ctx } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import { type AlarmSeverity, binLevel, compareAlarms } from './coffee.rules.ts';
import type { CoffeeTables } from './coffee.tables.ts';

const coffee = (ctx: Ctx) => ctx.db.withTables<CoffeeTables>();

/** How many of a machine's latest sales its page shows. */
export const RECENT_SALES = 10;

/**
 * What a machine's page shows besides its commands (issue 41, item 17): its bins with their level,
 * its alarms that are not closed (most severe first, then newest), its latest sales, and the
 * products "make a product" offers: the recipes of the package it runs, or, while it reports none,
 * the products it has sold.
 */
export async function machineOverview(ctx: Ctx, deviceId: string) {
  const device = await coffee(ctx)
    .selectFrom('coffee_device')
    .select(['id', 'package_version'])
    .where('id', '=', deviceId)
    .executeTakeFirst();
  if (!device) throw CoffeeErrors.device_not_found({ id: deviceId });
  const bins = await coffee(ctx)
    .selectFrom('coffee_bin')
    .selectAll()
    .where('device_id', '=', deviceId)
    .orderBy('bin_index')
    .execute();
  const alarms = await coffee(ctx)
    .selectFrom('coffee_alarm')
    .select(['id', 'kind', 'severity', 'status', 'title', 'params', 'raised_at'])
    .where('device_id', '=', deviceId)
    .where('status', '<>', 'closed')
    .limit(50)
    .execute();
  const sales = await coffee(ctx)
    .selectFrom('coffee_order')
    .select([
      'id',
      'items',
      'total_minor',
      'refunded_minor',
      'currency',
      'payment_status',
      'vend_status',
      'ordered_at',
    ])
    .where('device_id', '=', deviceId)
    .orderBy('ordered_at', 'desc')
    .limit(RECENT_SALES)
    .execute();
  return {
    bins: bins.map((b) => ({
      id: b.id,
      binIndex: b.bin_index,
      materialCode: b.material_code,
      remaining: b.remaining,
      capacity: b.capacity,
      levelPct: Math.round((b.remaining * 100) / b.capacity),
      level: binLevel({
        remaining: b.remaining,
        capacity: b.capacity,
        lowPct: b.low_pct,
        criticalPct: b.critical_pct,
      }),
    })),
    alarms: alarms
      .map((a) => ({
        id: a.id,
        severity: a.severity as AlarmSeverity,
        status: a.status,
        raisedAt: a.raised_at,
        // the console words it as the alarm list does (`coffee.alarm_title.<kind>`)
        title: {
          key: a.params ? `coffee.alarm_title.${a.kind}` : `coffee.options.${a.kind}`,
          params: (a.params ?? {}) as Record<string, unknown>,
          text: a.title,
        },
      }))
      .sort(compareAlarms)
      .map((a) => ({ ...a, raisedAt: a.raisedAt.toISOString() })),
    sales: sales.map((o) => ({
      id: o.id,
      items: o.items.map((i) => ({ name: i.name, qty: i.qty })),
      totalMinor: Number(o.total_minor),
      // What went back of the sale, as the orders list says it: all of a refunded one, else its parts.
      refundedMinor: o.payment_status === 'refunded' ? Number(o.total_minor) : Number(o.refunded_minor),
      currency: o.currency,
      paymentStatus: o.payment_status,
      vendStatus: o.vend_status,
      orderedAt: o.ordered_at.toISOString(),
    })),
    products: await productsOf(ctx, deviceId, device.package_version),
  };
}

/** The recipes of the package the machine runs; while it runs none, the products it has sold. */
async function productsOf(ctx: Ctx, deviceId: string, version: number | null) {
  if (version !== null) {
    const pkg = await sql<{ name: string }>`
      select distinct r->>'name' as name
      from coffee_recipe_package p, jsonb_array_elements(p.recipes) r
      where p.org_id = ${ctx.orgId} and p.version = ${version}
      order by 1`.execute(ctx.db);
    if (pkg.rows.length) return { from: 'package' as const, version, names: pkg.rows.map((r) => r.name) };
  }
  const sold = await sql<{ name: string }>`
    select distinct i->>'name' as name
    from (select items from coffee_order where org_id = ${ctx.orgId} and device_id = ${deviceId}
          order by ordered_at desc limit 200) o, jsonb_array_elements(o.items) i
    order by 1`.execute(ctx.db);
  return {
    from: sold.rows.length ? ('sales' as const) : ('none' as const),
    version,
    names: sold.rows.map((r) => r.name),
  };
}
