import { recordAudit } from '../../core/audit/index.ts';
import { organizationsRunning } from '../../core/auth/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { type Db, sql } from '../../platform/db/index.ts';
import { sha256Hex } from '../../platform/ids/index.ts';
import { closeAlarm } from './alarms.ts';
import { parseDeviceToken } from './coffee.rules.ts';
import { COFFEE_TOPICS, type CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';

export interface StatusReport {
  /** What the device says of itself; absent: it works (`online`). */
  status?: 'online' | 'fault' | 'maintenance';
  /** Degrees Celsius. */
  temperature?: number;
  firmware?: string;
  packageVersion?: number;
}

/**
 * The usual heartbeat in one statement (issue 29): the token is checked by the UPDATE itself (its
 * hash on the device's row, the device named by the token), so nothing cached can outlive a
 * rotated, revoked or retired token on any process; nor a machine of an organization that stopped
 * running coffee (issue 40). Answers undefined when it changed nothing: a bad token, a change of
 * status or an organization that does not run coffee, which the caller resolves and answers in full.
 */
export async function reportSameStatusByToken(
  db: Db,
  now: Date,
  token: string | undefined,
  report: StatusReport,
): Promise<{ status: string } | undefined> {
  const parsed = token ? parseDeviceToken(token) : undefined;
  if (!parsed) return undefined;
  const next = report.status ?? 'online';
  const { rows } = await sql<{ id: string }>`
    update coffee_device set
      last_seen_at = ${now},
      temperature_tenths = coalesce(${temperatureTenths(report)}::int, temperature_tenths),
      firmware = coalesce(${report.firmware ?? null}::text, firmware),
      package_version = coalesce(${report.packageVersion ?? null}::int, package_version)
    where id = ${parsed.deviceId} and token_hash = ${sha256Hex(parsed.secret)} and status = ${next}
      and org_id in ${organizationsRunning('coffee')}
    returning id`.execute(db);
  return rows.length ? { status: next } : undefined;
}

/**
 * A heartbeat: one guarded UPDATE that also returns the status before it, so only a change of
 * status (back online, a fault) costs an audit entry, the offline alarm's closing and a live event.
 */
export async function reportStatus(ctx: Ctx, rt: CoffeeRuntime, deviceId: string, report: StatusReport) {
  // The usual heartbeat changes no status: one statement, guarded on the status staying the same.
  const next = report.status ?? 'online';
  const same = await sql<{ id: string }>`
    update coffee_device set
      last_seen_at = ${ctx.clock.now()},
      temperature_tenths = coalesce(${temperatureTenths(report)}::int, temperature_tenths),
      firmware = coalesce(${report.firmware ?? null}::text, firmware),
      package_version = coalesce(${report.packageVersion ?? null}::int, package_version)
    where id = ${deviceId} and org_id = ${ctx.orgId} and status = ${next}
    returning id`.execute(ctx.db);
  if (same.rows.length) return { status: next };
  return inTransaction(ctx, (tx) => recordHeartbeat(tx, rt, deviceId, report));
}

const temperatureTenths = (r: StatusReport) =>
  r.temperature === undefined ? null : Math.round(r.temperature * 10);

async function recordHeartbeat(tx: Ctx, rt: CoffeeRuntime, deviceId: string, report: StatusReport) {
  const now = tx.clock.now();
  const next = report.status ?? 'online';
  const temperature = temperatureTenths(report);
  const { rows } = await sql<{ was: string; status: string }>`
    update coffee_device d set
      last_seen_at = ${now},
      status = ${next},
      temperature_tenths = coalesce(${temperature}::int, d.temperature_tenths),
      firmware = coalesce(${report.firmware ?? null}::text, d.firmware),
      package_version = coalesce(${report.packageVersion ?? null}::int, d.package_version)
    from (select id, status from coffee_device where id = ${deviceId} and org_id = ${tx.orgId} for update) old
    where d.id = old.id
    returning old.status as was, d.status`.execute(tx.db);
  const row = rows[0];
  if (!row || row.was === row.status) return { status: next };
  await recordAudit(tx, {
    action: 'coffee.device.status_changed',
    subject: { type: 'coffee_device', id: deviceId },
    before: { status: row.was },
    after: { status: row.status },
  });
  if (row.was === 'offline') await closeOfflineAlarm(tx, deviceId);
  await rt.publish(tx, COFFEE_TOPICS.devices, deviceId);
  return { status: next };
}

async function closeOfflineAlarm(tx: Ctx, deviceId: string) {
  const open = await tx.db
    .withTables<CoffeeTables>()
    .selectFrom('coffee_alarm')
    .select('id')
    .where('device_id', '=', deviceId)
    .where('kind', '=', 'offline')
    .where('status', '<>', 'closed')
    .executeTakeFirst();
  if (open) await closeAlarm(tx, open.id, 'device back online');
}
