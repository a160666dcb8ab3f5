import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import type { ResourceMessage } from '../../core/resources/index.ts';
import { lockRowById, sql } from '../../platform/db/index.ts';
import { notifyOnCall } from './alarm-notifications.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import { COFFEE_TOPICS, type CoffeeRuntime } from './coffee.runtime.ts';
import type { AlarmKind, CoffeeTables } from './coffee.tables.ts';

const coffee = (ctx: Ctx) => ctx.db.withTables<CoffeeTables>();

/**
 * What the console's sentence for an alarm's kind (`coffee.alarm_title.<kind>`) fills in: the
 * machine's serial, a command and its outcome, the materials with their level or days left; a
 * value that is itself words names its console key (`{ key: 'coffee.options.restart' }`).
 */
export type AlarmParams = NonNullable<ResourceMessage['params']>;

export interface NewAlarm {
  deviceId: string;
  kind: AlarmKind;
  severity: 'info' | 'warn' | 'critical';
  /** In English, for API clients; the console words the kind's title from `params` (issue 28). */
  title: string;
  params: AlarmParams;
  context?: Record<string, unknown>;
  /** What the alarm is about beyond the machine (material codes, a command type), for messages. */
  about?: string;
}

/**
 * Opens an alarm unless the device already has one of that kind open or acknowledged (one
 * statement: the partial unique index decides). Returns the new alarm's id, or undefined.
 */
export async function raiseAlarm(tx: Ctx, rt: CoffeeRuntime, a: NewAlarm): Promise<string | undefined> {
  const { rows } = await sql<{ id: string }>`
    insert into coffee_alarm (org_id, device_id, kind, severity, title, params, context, raised_at)
    values (${tx.orgId}, ${a.deviceId}, ${a.kind}, ${a.severity}, ${a.title}, ${JSON.stringify(a.params)},
            ${JSON.stringify(a.context ?? {})}, ${tx.clock.now()})
    on conflict (device_id, kind) where status <> 'closed' do nothing
    returning id`.execute(tx.db);
  const id = rows[0]?.id;
  if (!id) return undefined;
  await recordAudit(tx, {
    action: 'coffee.alarm.raised',
    subject: { type: 'coffee_alarm', id },
    after: { deviceId: a.deviceId, kind: a.kind, severity: a.severity },
  });
  await notifyOnCall(tx, rt, {
    id,
    deviceId: a.deviceId,
    kind: a.kind,
    severity: a.severity,
    about: a.about,
  });
  await rt.publish(tx, COFFEE_TOPICS.alarms, id);
  return id;
}

/** Closes an open or acknowledged alarm (the device recovered, or staff closed it). */
export async function closeAlarm(tx: Ctx, alarmId: string, reason: string): Promise<boolean> {
  const row = await coffee(tx)
    .updateTable('coffee_alarm')
    .set({ status: 'closed', closed_at: tx.clock.now() })
    .where('id', '=', alarmId)
    .where('status', '<>', 'closed')
    .returning(['id'])
    .executeTakeFirst();
  if (row)
    await recordAudit(tx, {
      action: 'coffee.alarm.closed',
      subject: { type: 'coffee_alarm', id: alarmId },
      meta: { reason },
    });
  return row !== undefined;
}

/** Staff acknowledge (`ack`) or close an alarm. */
export async function updateAlarm(ctx: Ctx, rt: CoffeeRuntime, alarmId: string, to: 'ack' | 'closed') {
  return inTransaction(ctx, async (tx) => {
    const alarm = await lockRowById(coffee(tx), 'coffee_alarm', alarmId);
    if (!alarm) throw CoffeeErrors.alarm_not_found({ id: alarmId });
    if (alarm.status === 'closed') throw CoffeeErrors.alarm_closed({ id: alarmId });
    if (to === 'closed') await closeAlarm(tx, alarmId, 'closed by staff');
    else if (alarm.status === 'open') {
      await coffee(tx)
        .updateTable('coffee_alarm')
        .set({ status: 'ack', acked_at: tx.clock.now() })
        .where('id', '=', alarmId)
        .execute();
      await recordAudit(tx, {
        action: 'coffee.alarm.acknowledged',
        subject: { type: 'coffee_alarm', id: alarmId },
      });
    }
    await rt.publish(tx, COFFEE_TOPICS.alarms, alarmId);
    return coffee(tx)
      .selectFrom('coffee_alarm')
      .selectAll()
      .where('id', '=', alarmId)
      .executeTakeFirstOrThrow();
  });
}

/**
 * Marks devices silent for longer than the threshold offline and raises one offline alarm each,
 * in one transaction per organization; run every minute by the fleet watch on the app's clock, so
 * an alarm comes at most a minute after its threshold even when nothing else happens.
 */
export async function raiseOfflineAlarms(ctx: Ctx, rt: CoffeeRuntime): Promise<string[]> {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - rt.config.COFFEE_OFFLINE_AFTER_MINUTES * 60_000);
  return inTransaction(ctx, async (tx) => {
    const silent = await sql<{ id: string; serial: string; last_seen_at: Date; was: string }>`
      update coffee_device d set status = 'offline'
      from (select id, status from coffee_device
            where org_id = ${tx.orgId} and retired_at is null
              and status in ('online', 'fault', 'maintenance') and last_seen_at < ${cutoff}
            for update skip locked) old
      where d.id = old.id
      returning d.id, d.serial, d.last_seen_at, old.status as was`.execute(tx.db);
    const raised: string[] = [];
    for (const d of silent.rows) {
      await recordAudit(tx, {
        action: 'coffee.device.status_changed',
        subject: { type: 'coffee_device', id: d.id },
        before: { status: d.was },
        after: { status: 'offline' },
      });
      const id = await raiseAlarm(tx, rt, {
        deviceId: d.id,
        kind: 'offline',
        severity: 'critical',
        title: `Device ${d.serial} is offline`,
        params: { serial: d.serial },
        context: {
          lastSeenAt: d.last_seen_at.toISOString(),
          afterMinutes: rt.config.COFFEE_OFFLINE_AFTER_MINUTES,
        },
      });
      if (id) raised.push(id);
    }
    if (silent.rows.length) await rt.publish(tx, COFFEE_TOPICS.devices);
    return raised;
  });
}
