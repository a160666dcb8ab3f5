import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import { type AlertKind, type AlertSettings, alertState, lastDayUse } from './alerts.rules.ts';
import { kwhIn, numberIn } from './prepaid.format.ts';
import { alertTemplate } from './prepaid.notifications.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import type { PrepaidTables } from './prepaid.tables.ts';
import { meterBalanceFacts } from './readings.ts';
import { queueLowBalanceSms } from './token-sms.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();
const KINDS: AlertKind[] = ['low_balance', 'unusual_consumption'];
const DAY = 86_400_000;

/** An account's alert settings as the rules read them. */
export const settingsOf = (a: {
  alerts_enabled: boolean;
  alert_low_days: number;
  alert_low_tenths: number;
  alert_unusual_percent: number;
}): AlertSettings => ({
  enabled: a.alerts_enabled,
  lowDays: a.alert_low_days,
  lowTenths: a.alert_low_tenths,
  unusualPercent: a.alert_unusual_percent,
});

/**
 * Raises and clears the alerts of every active meter read in the last 30 days: at most one open
 * alert per meter and kind (a partial unique index), none raised twice within a day, each raised
 * alert sent to the account's channel. Each meter is decided under its row lock in its own
 * transaction, so two runs at once neither duplicate nor lose an alert.
 */
export async function checkAlerts(
  ctx: Ctx,
  rt: PrepaidRuntime,
): Promise<{ raised: number; cleared: number }> {
  const since = new Date(ctx.clock.now().getTime() - 30 * DAY);
  const meters = await tables(ctx)
    .selectFrom('prepaid_meter as m')
    .select('m.id')
    .where('m.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('prepaid_reading as r')
          .select('r.id')
          .whereRef('r.meter_id', '=', 'm.id')
          .where('r.read_at', '>=', since),
      ),
    )
    .execute();
  const total = { raised: 0, cleared: 0 };
  for (const { id } of meters) {
    const r = await checkMeterAlerts(ctx, rt, id);
    total.raised += r.raised;
    total.cleared += r.cleared;
  }
  return total;
}

/** One meter's alerts, decided under its row lock. */
export async function checkMeterAlerts(ctx: Ctx, rt: PrepaidRuntime, meterId: string) {
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const meter = await tables(tx)
      .selectFrom('prepaid_meter as m')
      .innerJoin('prepaid_account as a', 'a.id', 'm.account_id')
      .select([
        'm.id',
        'm.number',
        'm.account_id',
        'a.channel',
        'a.channel_to',
        'a.phone',
        'a.language',
        'a.alerts_enabled',
        'a.alert_low_days',
        'a.alert_low_tenths',
        'a.alert_unusual_percent',
      ])
      .where('m.id', '=', meterId)
      .forUpdate('m')
      .executeTakeFirstOrThrow();
    const facts = await meterFacts(tx, meterId);
    const open = await tables(tx)
      .selectFrom('prepaid_alert')
      .select(['id', 'kind'])
      .where('meter_id', '=', meterId)
      .where('cleared_at', 'is', null)
      .execute();
    const result = { raised: 0, cleared: 0 };
    for (const kind of KINDS) {
      const current = open.find((a) => a.kind === kind);
      const wanted = alertState(kind, settingsOf(meter), facts, Boolean(current));
      if (current && !wanted) {
        await tables(tx)
          .updateTable('prepaid_alert')
          .set({ cleared_at: now })
          .where('id', '=', current.id)
          .execute();
        await recordAudit(tx, {
          action: 'prepaid.alert.cleared',
          subject: { type: 'prepaid_meter', id: meterId },
          meta: { alertId: current.id, kind },
        });
        result.cleared++;
      }
      if (!current && wanted && (await raiseAlert(tx, rt, meter, kind, facts, now))) result.raised++;
    }
    return result;
  });
}

type Facts = Awaited<ReturnType<typeof meterFacts>>;

/**
 * Balance, daily use, days left and the last day's use from the meter's last 30 days: the balance
 * the meter reported where it reports one (issue 41, item 5), else its estimate and whether it is
 * trusted (issue 54, item 7).
 */
async function meterFacts(tx: Ctx, meterId: string) {
  const { balance, readings } = await meterBalanceFacts(tx, meterId, { readUpToNow: true });
  return { ...balance, lastDay: lastDayUse(readings) };
}

/** Stores an alert (none if one of this kind was raised in the last day) and sends it. */
async function raiseAlert(
  tx: Ctx,
  rt: PrepaidRuntime,
  meter: {
    id: string;
    number: string;
    account_id: string;
    channel: string | null;
    channel_to: string | null;
    phone: string | null;
    language: string;
  },
  kind: AlertKind,
  facts: Facts,
  now: Date,
): Promise<boolean> {
  const recent = await tables(tx)
    .selectFrom('prepaid_alert')
    .select('id')
    .where('meter_id', '=', meter.id)
    .where('kind', '=', kind)
    .where('raised_at', '>', new Date(now.getTime() - DAY))
    .executeTakeFirst();
  if (recent) return false;
  const stored = {
    balanceTenths: facts.balanceTenths,
    /** 1: the balance is an estimate, the meter did not say it (issue 54, item 7). */
    estimated: facts.estimated ? 1 : 0,
    dailyTenths: facts.dailyTenths,
    daysLeft: facts.daysLeft,
    lastDayTenths: facts.lastDay?.lastDayTenths ?? null,
    usualTenths: facts.lastDay?.usualTenths ?? null,
  };
  const row = await tables(tx)
    .insertInto('prepaid_alert')
    .values({
      meter_id: meter.id,
      account_id: meter.account_id,
      kind,
      facts: JSON.stringify(stored),
      raised_at: now,
    })
    // the partial unique index: one open alert per meter and kind, whoever inserts first
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return false;
  let notificationId: string | null = null;
  if (meter.channel && meter.channel_to) {
    const { notification } = await enqueueNotification(tx, rt.jobs, {
      channel: meter.channel as 'email' | 'whatsapp' | 'telegram',
      to: meter.channel_to,
      template: alertTemplate,
      data: {
        kind,
        meter: meter.number,
        balance: kwhIn(facts.balanceTenths, meter.language),
        daysLeft: facts.daysLeft === null ? '' : numberIn(facts.daysLeft, meter.language),
        lastDay: facts.lastDay ? kwhIn(facts.lastDay.lastDayTenths, meter.language) : '',
        usual: facts.lastDay ? kwhIn(facts.lastDay.usualTenths, meter.language) : '',
        estimated: facts.estimated,
      },
      locale: meter.language,
      idempotencyKey: `prepaid.alert:${row.id}`,
    });
    notificationId = notification.id;
  } else if (kind === 'low_balance' && meter.phone) {
    // An account no chat or e-mail reaches hears of a low balance by SMS (issue 52).
    notificationId = await queueLowBalanceSms(tx, rt, {
      alertId: row.id,
      phone: meter.phone,
      language: meter.language,
      meterNumber: meter.number,
      balanceTenths: facts.balanceTenths,
      daysLeft: facts.daysLeft,
    });
  }
  if (notificationId)
    await tables(tx)
      .updateTable('prepaid_alert')
      .set({ notification_id: notificationId })
      .where('id', '=', row.id)
      .execute();
  await recordAudit(tx, {
    action: 'prepaid.alert.raised',
    subject: { type: 'prepaid_meter', id: meter.id },
    after: { kind, ...stored },
    meta: { alertId: row.id, notificationId },
  });
  return true;
}
