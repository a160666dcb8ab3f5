import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { localMoment } from '../../core/time/index.ts';
import { duesOfCycles } from './dues.rules.ts';
import type { Defaulters } from './mess.contract.ts';
import { MessErrors } from './mess.errors.ts';
import { channelOfStudent, notifyStudent, studentAddresses } from './mess.notifications.ts';
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
      .select(['id', 'name', 'roll_number', 'room', 'telegram_id', 'phone'])
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
        reachable:
          channelOfStudent({ telegramId: s.telegram_id, phone: s.phone }, 'fee_reminder', settings) !== null,
      };
    })
    .filter((d) => d.balanceMinor > 0)
    .sort((a, b) => b.balanceMinor - a.balanceMinor || a.rollNumber.localeCompare(b.rollNumber));
  return { cycle: { id: cycle.id, name: cycle.name }, currency: settings.currency, items };
}

/**
 * "Remind all": one reminder of the balance to every reachable defaulter (on Telegram, else by SMS
 * when the student gave a phone and `smsReminders` is on), in their language, queued in one
 * transaction and audited as `mess.defaulters.reminded`. A student is reminded at most once a day
 * (the notification's key carries the date), so a second press the same day queues nothing new.
 */
export async function remindDefaulters(
  ctx: Ctx,
  rt: Pick<MessRuntime, 'jobs' | 'secretKey'>,
): Promise<{ reminded: number; unreachable: number }> {
  return inTransaction(ctx, async (tx) => {
    const { cycle, currency, items } = await listDefaulters(tx);
    if (!cycle) throw MessErrors.no_current_cycle({});
    const settings = await messSettingsOf(tx);
    const today = localMoment(tx.clock.now(), settings.timeZone).date;
    const students = await studentAddresses(
      tx,
      items.map((d) => d.id),
    );
    let reminded = 0;
    for (const d of items) {
      const student = students.get(d.id)!;
      const via = await notifyStudent(tx, rt, {
        student,
        notice: 'fee_reminder',
        data: { cycle: cycle.name, balance: formatMoney(money(d.balanceMinor, currency), student.language) },
        key: `remind:${d.id}:${cycle.id}:${today}`,
        settings,
      });
      if (via) reminded += 1;
    }
    const unreachable = items.length - reminded;
    await recordAudit(tx, {
      action: 'mess.defaulters.reminded',
      subject: { type: 'mess_cycle', id: cycle.id },
      after: { reminded, unreachable, date: today },
    });
    return { reminded, unreachable };
  });
}
