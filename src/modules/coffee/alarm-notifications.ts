import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import { alarmTemplate } from './coffee.notifications.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import { coffeeSettingsOf } from './coffee.settings.ts';
import { alarmSmsTemplate } from './coffee.sms.ts';
import type { AlarmKind, CoffeeTables } from './coffee.tables.ts';

/** Which alarms wake someone up: all but a low-material warning (only its critical level does). */
export const alarmNotifies = (kind: AlarmKind, severity: string) =>
  kind !== 'low_material' || severity === 'critical';

/**
 * Queues a message about an alarm to every active on-call person, in the caller's transaction (the
 * alarm and its messages commit together). The idempotency key names the alarm, its severity and the
 * person, so a second watch run, a retried report or a repeat call sends nothing more; a warning that
 * turns critical is news and is sent once more. A phone gets a text (issue 65) once per alarm, not
 * once per level (each part costs), and none when the organization turned `smsAlarms` off. Returns
 * how many messages were newly queued.
 */
export async function notifyOnCall(
  tx: Ctx,
  rt: CoffeeRuntime,
  alarm: {
    id: string;
    deviceId: string;
    kind: AlarmKind;
    severity: 'info' | 'warn' | 'critical';
    about?: string;
  },
): Promise<number> {
  if (!alarmNotifies(alarm.kind, alarm.severity)) return 0;
  const db = tx.db.withTables<CoffeeTables>();
  const people = await db
    .selectFrom('coffee_oncall')
    .select(['id', 'channel', 'address', 'language'])
    .where('active', '=', true)
    .orderBy('created_at')
    .execute();
  if (!people.length) return 0;
  const device = await db
    .selectFrom('coffee_device as d')
    .leftJoin('coffee_location as l', 'l.id', 'd.location_id')
    .select(['d.serial', 'd.name', 'l.name as location'])
    .where('d.id', '=', alarm.deviceId)
    .executeTakeFirstOrThrow();
  const data = {
    kind: alarm.kind,
    severity: alarm.severity,
    device: device.serial,
    place: [device.name === device.serial ? '' : device.name, device.location].filter(Boolean).join(', '),
    about: alarm.about ?? '',
  };
  const texts = people.some((p) => p.channel === 'sms') && (await coffeeSettingsOf(tx)).smsAlarms;
  let queued = 0;
  for (const p of people) {
    if (p.channel === 'sms' && !texts) continue;
    const { notification, created } = await enqueueNotification(tx, rt.jobs, {
      ...(p.channel === 'sms'
        ? {
            channel: 'sms',
            template: alarmSmsTemplate,
            idempotencyKey: `coffee.alarm-sms:${alarm.id}:${p.id}`,
          }
        : {
            channel: p.channel,
            template: alarmTemplate,
            idempotencyKey: `coffee.alarm:${alarm.id}:${alarm.severity}:${p.id}`,
          }),
      to: p.address,
      data,
      locale: p.language,
    });
    if (!created) continue;
    queued++;
    await recordAudit(tx, {
      action: 'coffee.alarm.notified',
      subject: { type: 'coffee_alarm', id: alarm.id },
      meta: { oncallId: p.id, channel: p.channel, notificationId: notification.id, severity: alarm.severity },
    });
  }
  if (queued)
    await db
      .updateTable('coffee_alarm')
      .set((eb) => ({ notified: eb('notified', '+', queued) }))
      .where('id', '=', alarm.id)
      .execute();
  return queued;
}
