import type { Ctx } from '../../core/context/index.ts';
import {
  type FlowContext,
  listConversations,
  type Output,
  sendStaffMessage,
} from '../../core/conversations/index.ts';
import { formatMoney } from '../../core/money/index.ts';
import { denyPayment, listPayments, type Payment, verifyPayment } from '../../core/payments/index.ts';
import { localMoment } from '../../core/time/index.ts';
import { isAppError } from '../../platform/errors/index.ts';
import { CYCLE_FEE } from './fee-payments.ts';
import type { MessDeps } from './mess.runtime.ts';
import { messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { decideStudent } from './student-status.ts';
import type { Student } from './students.ts';

type T = (key: string, params?: Record<string, unknown>) => string;
const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/** Whether this Telegram user is one of the organization's mess admins. */
export async function isMessAdmin(ctx: Ctx, telegramId: string): Promise<boolean> {
  return (await messSettingsOf(ctx)).adminTelegramIds.includes(telegramId);
}

export const adminMenu = (t: T): Output => ({
  kind: 'buttons',
  text: t('admin.menu'),
  buttons: [
    { id: 'adm:pending', title: t('admin.pending') },
    { id: 'adm:payments', title: t('admin.payments') },
    { id: 'adm:report', title: t('admin.report') },
  ],
});

export const registrationCard = (
  t: T,
  s: Pick<Student, 'id' | 'name' | 'rollNumber' | 'room' | 'phone'>,
): Output => ({
  kind: 'buttons',
  text: t('admin.student', { name: s.name, roll: s.rollNumber, room: s.room, phone: s.phone }),
  buttons: [
    { id: `adm:ok:${s.id}`, title: t('admin.approve') },
    { id: `adm:no:${s.id}`, title: t('admin.deny') },
  ],
});

export const paymentCard = (t: T, p: Payment, roll: string, dup: string): Output => ({
  kind: 'buttons',
  text: t('admin.payment', { amount: formatMoney(p.amount, 'en'), roll, dup }),
  buttons: [
    { id: `adm:pv:${p.id}`, title: t('admin.verify') },
    { id: `adm:pd:${p.id}`, title: t('admin.reject') },
  ],
});

/**
 * Pushes a card with buttons to every admin who has talked to the bot (Telegram lets a bot write
 * only to people who started it). Best effort: a refused delivery is logged, never fails the caller.
 */
export async function alertAdmins(ctx: Ctx, deps: MessDeps, card: (t: T) => Output): Promise<void> {
  const settings = await messSettingsOf(ctx);
  if (settings.adminTelegramIds.length === 0) return;
  const runtime = deps.conversations;
  const conversations = await listConversations(ctx, {
    channel: 'telegram',
    externalIds: settings.adminTelegramIds,
    limit: settings.adminTelegramIds.length,
  });
  for (const c of conversations) {
    const language = c.language ?? settings.languages[0] ?? 'en';
    const t: T = (key, params) => runtime.i18n.t(language, `mess:${key}`, params);
    await sendStaffMessage(
      runtime,
      { ...ctx, actor: { type: 'system', id: null, label: 'mess-bot' } },
      c.id,
      card(t),
    ).catch((err: unknown) => deps.log.warn({ err, conversation: c.id }, 'mess admin alert not delivered'));
  }
}

/** Answers an admin's tap or menu choice; `undefined` when `id` is not an admin choice. */
export async function handleAdminChoice(
  ctx: Ctx,
  deps: MessDeps,
  f: Pick<FlowContext, 't' | 'errorMessage'>,
  id: string,
): Promise<Output[] | undefined> {
  const t: T = f.t;
  if (!id.startsWith('adm:')) return undefined;
  const [, verb, target = ''] = id.split(':');
  const done = (what: string): Output[] => [{ kind: 'text', text: t('admin.done', { what }) }];
  try {
    switch (verb) {
      case 'pending':
        return pendingCards(ctx, t);
      case 'payments':
        return paymentCards(ctx, t);
      case 'report':
        return [{ kind: 'text', text: t('admin.report_text', await todayNumbers(ctx)) }];
      case 'ok':
        return done(`${(await decideStudent(ctx, deps, { studentId: target, decision: 'approve' })).name} ✓`);
      case 'no':
        return done(
          `${(await decideStudent(ctx, deps, { studentId: target, decision: 'deny', reason: t('admin.denied_reason') })).name} ✗`,
        );
      case 'pv':
        await verifyPayment(ctx, { paymentId: target });
        return done(`${t('admin.verify')} ✓`);
      case 'pd':
        await denyPayment(ctx, { paymentId: target, reason: t('admin.denied_reason') });
        return done(`${t('admin.reject')} ✗`);
      default:
        return [adminMenu(t)];
    }
  } catch (err) {
    if (isAppError(err)) return [{ kind: 'text', text: t('admin.failed', { title: f.errorMessage(err) }) }];
    throw err;
  }
}

async function pendingCards(ctx: Ctx, t: T): Promise<Output[]> {
  const rows = await db(ctx)
    .selectFrom('mess_student')
    .select(['id', 'name', 'roll_number', 'room', 'phone'])
    .where('status', '=', 'pending')
    .orderBy('registered_at')
    .limit(5)
    .execute();
  if (rows.length === 0) return [{ kind: 'text', text: t('admin.none') }];
  return rows.map((r) => registrationCard(t, { ...r, rollNumber: r.roll_number }));
}

async function paymentCards(ctx: Ctx, t: T): Promise<Output[]> {
  const { items } = await listPayments(ctx, { purposeType: CYCLE_FEE, status: 'submitted', limit: 5 });
  if (items.length === 0) return [{ kind: 'text', text: t('admin.none') }];
  const ids = items.map((p) => p.purpose.id.split(':')[0]!);
  const rolls = new Map(
    (
      await db(ctx).selectFrom('mess_student').select(['id', 'roll_number']).where('id', 'in', ids).execute()
    ).map((r) => [r.id, r.roll_number]),
  );
  return items.map((p) =>
    paymentCard(
      t,
      p,
      rolls.get(p.purpose.id.split(':')[0]!) ?? '?',
      p.duplicateOfPaymentIds.length ? ' ⚠' : '',
    ),
  );
}

async function todayNumbers(ctx: Ctx) {
  const { timeZone } = await messSettingsOf(ctx);
  const today = localMoment(ctx.clock.now(), timeZone).date;
  const scans = await db(ctx)
    .selectFrom('mess_scan')
    .select(['decision', (eb) => eb.fn.countAll<string>().as('n')])
    .where('local_date', '=', today)
    .groupBy('decision')
    .execute();
  const pending = await db(ctx)
    .selectFrom('mess_student')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const count = (d: string) => Number(scans.find((s) => s.decision === d)?.n ?? 0);
  return { allowed: count('allowed'), denied: count('denied'), pending: Number(pending.n) };
}
