import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { localMoment } from '../../core/time/index.ts';
import { duesOfCycles } from './dues.rules.ts';
import type { Defaulters } from './mess.contract.ts';
import { MessErrors } from './mess.errors.ts';
import { notifyTelegram } from './mess.notifications.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { loadMessFacts } from './mess-facts.ts';

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/**
 * Approved students who still owe for the cycle covering today (fee minus cut and closed-day
 * rebates minus what was settled and the credit carried in), largest balance first: three reads,
 * the arithmetic of `duesOfCycles`.
 */
export async function listDefaulters(ctx: Ctx): Promise<Defaulters> {
  const settings = await messSettingsOf(ctx);
  const facts = await loadMessFacts(ctx, settings.timeZone);
  const today = localMoment(ctx.clock.now(), settings.timeZone).date;
  const cycle = facts.cycleTerms.find((c) => c.from <= today && today <= c.to);
  if (!cycle) return { cycle: null, currency: settings.currency, items: [] };
  const earlier = facts.cycleTerms.filter((c) => c.from <= cycle.from);
  const [students, cuts, paid] = await Promise.all([
    db(ctx)
      .selectFrom('mess_student')
      .select(['id', 'name', 'roll_number', 'room', 'telegram_id'])
      .where('status', '=', 'approved')
      .execute(),
    db(ctx)
      .selectFrom('mess_cut')
      .select(['student_id', 'from_date', 'to_date'])
      .where('to_date', '>=', earlier[0]?.from ?? cycle.from)
      .where('from_date', '<=', cycle.to)
      .execute(),
    db(ctx)
      .selectFrom('mess_fee_payment')
      .select(['student_id', 'cycle_id', (eb) => eb.fn.sum<string>('amount_minor').as('paid')])
      .where(
        'cycle_id',
        'in',
        earlier.map((c) => c.id),
      )
      .groupBy(['student_id', 'cycle_id'])
      .execute(),
  ]);
  const paidBy = new Map(paid.map((p) => [`${p.student_id} ${p.cycle_id}`, Number(p.paid)]));
  const items = students
    .map((s) => {
      // The cycles up to this one: an earlier over-payment's credit pays towards it.
      const dues = duesOfCycles(
        earlier,
        cuts.filter((c) => c.student_id === s.id).map((c) => ({ from: c.from_date, to: c.to_date })),
        facts.closures,
        (id) => paidBy.get(`${s.id} ${id}`) ?? 0,
        s.id,
      ).at(-1)!;
      return {
        id: s.id,
        name: s.name,
        rollNumber: s.roll_number,
        room: s.room,
        dueMinor: dues.dueMinor,
        paidMinor: dues.paidMinor,
        balanceMinor: dues.balanceMinor,
        reachable: s.telegram_id !== null && /^\d+$/.test(s.telegram_id),
      };
    })
    .filter((d) => d.balanceMinor > 0)
    .sort((a, b) => b.balanceMinor - a.balanceMinor || a.rollNumber.localeCompare(b.rollNumber));
  return { cycle: { id: cycle.id, name: cycle.name }, currency: settings.currency, items };
}

/**
 * "Remind all": one Telegram reminder of the balance to every reachable defaulter, queued in one
 * transaction and audited as `mess.defaulters.reminded`. A student is reminded at most once a day
 * (the notification's key carries the date), so a second press the same day queues nothing new.
 */
export async function remindDefaulters(
  ctx: Ctx,
  rt: Pick<MessRuntime, 'jobs'>,
): Promise<{ reminded: number; unreachable: number }> {
  return inTransaction(ctx, async (tx) => {
    const { cycle, currency, items } = await listDefaulters(tx);
    if (!cycle) throw MessErrors.no_current_cycle({});
    const settings = await messSettingsOf(tx);
    const today = localMoment(tx.clock.now(), settings.timeZone).date;
    const reachable = items.filter((d) => d.reachable);
    const languages = new Map(
      (
        await db(tx)
          .selectFrom('mess_student')
          .select(['id', 'telegram_id', 'language', 'contact_id'])
          .where(
            'id',
            'in',
            reachable.length ? reachable.map((d) => d.id) : ['00000000-0000-0000-0000-000000000000'],
          )
          .execute()
      ).map((r) => [r.id, r]),
    );
    for (const d of reachable) {
      const row = languages.get(d.id)!;
      await notifyTelegram(tx, rt, {
        to: row.telegram_id!,
        contactId: row.contact_id,
        notice: 'fee_reminder',
        data: {
          name: d.name,
          cycle: cycle.name,
          balance: formatMoney(money(d.balanceMinor, currency), row.language),
        },
        locale: row.language,
        key: `remind:${d.id}:${cycle.id}:${today}`,
      });
    }
    await recordAudit(tx, {
      action: 'mess.defaulters.reminded',
      subject: { type: 'mess_cycle', id: cycle.id },
      after: { reminded: reachable.length, unreachable: items.length - reachable.length, date: today },
    });
    return { reminded: reachable.length, unreachable: items.length - reachable.length };
  });
}
