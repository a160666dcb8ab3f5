import type { Ctx } from '../../core/context/index.ts';
import {
  type FlowContext,
  listConversations,
  type Output,
  sendStaffMessage,
} from '../../core/conversations/index.ts';
import { formatMoney } from '../../core/money/index.ts';
import {
  denyPayment,
  getPayment,
  listPayments,
  type Payment,
  verifyPayment,
} from '../../core/payments/index.ts';
import { localMoment } from '../../core/time/index.ts';
import { isAppError } from '../../platform/errors/index.ts';
import type { T } from './admin-cards.ts';
import { adminMenu, paymentCard, reasonCard, registrationCard } from './admin-cards.ts';
import { decisionTime } from './decision-time.ts';
import { CYCLE_FEE } from './fee-payments.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { decideStudent } from './student-status.ts';
import { getStudent, type Student } from './students.ts';

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/** Whether this Telegram user is one of the organization's mess admins. */
export async function isMessAdmin(ctx: Ctx, telegramId: string): Promise<boolean> {
  return (await messSettingsOf(ctx)).adminTelegramIds.includes(telegramId);
}

/**
 * Pushes a card with buttons to every admin who has talked to the bot (Telegram lets a bot write
 * only to people who started it). Best effort: a refused delivery is logged, never fails the caller.
 */
export async function alertAdmins(
  ctx: Ctx,
  rt: MessRuntime,
  card: (t: T) => Output | Output[],
): Promise<void> {
  const settings = await messSettingsOf(ctx);
  if (settings.adminTelegramIds.length === 0) return;
  const runtime = rt.deps.conversations;
  const conversations = await listConversations(ctx, {
    channel: 'telegram',
    externalIds: settings.adminTelegramIds,
    limit: settings.adminTelegramIds.length,
  });
  for (const c of conversations) {
    const language = c.language ?? settings.languages[0] ?? 'en';
    const t: T = (key, params) => runtime.i18n.t(language, `mess:${key}`, params);
    for (const output of [card(t)].flat())
      await sendStaffMessage(
        { ...ctx, actor: { type: 'system', id: null, label: 'mess-bot' } },
        runtime,
        c.id,
        output,
      ).catch((err: unknown) => rt.log.warn({ err, conversation: c.id }, 'mess admin alert not delivered'));
  }
}

/** What an admin's tap answers; `reasonFor` set when the next typed message is a denial reason. */
export interface AdminAnswer {
  reply: Output[];
  reasonFor?: string;
}

/**
 * A tap on a card already decided (by this warden, another, or staff in the console): says what
 * happened, who and when, and changes nothing.
 */
async function staleStudent(ctx: Ctx, t: T, language: string, s: Student): Promise<Output[] | undefined> {
  if (s.status === 'pending') return undefined;
  const { timeZone } = await messSettingsOf(ctx);
  return [
    {
      kind: 'text',
      text: t('admin.stale', {
        what: `${s.name} (${s.rollNumber})`,
        status: t(`admin.status.${s.status}`),
        by: s.decidedBy ?? '?',
        at: decisionTime(s.decidedAt, timeZone, language),
      }),
    },
  ];
}

async function stalePayment(ctx: Ctx, t: T, language: string, p: Payment): Promise<Output[] | undefined> {
  if (p.status === 'submitted') return undefined;
  const { timeZone } = await messSettingsOf(ctx);
  const status = ['verified', 'denied', 'voided'].includes(p.status) ? p.status : 'other';
  return [
    {
      kind: 'text',
      text: t('admin.stale', {
        what: formatMoney(p.amount, 'en'),
        status: t(`admin.status.payment_${status}`),
        by: p.decidedBy?.label ?? '?',
        at: decisionTime(p.verifiedAt ?? p.deniedAt ?? p.voidedAt ?? p.updatedAt, timeZone, language),
      }),
    },
  ];
}

/** The student's language for a payment's reason (the purpose names the student). */
async function studentOfPayment(ctx: Ctx, p: Payment): Promise<Student> {
  return getStudent(ctx, p.purpose.id.split(':')[0]!);
}

/** Whom a warden's decision was about, as the answer to their tap names them (issue 54 item 5). */
const whoIs = (s: Pick<Student, 'name' | 'rollNumber'>) => ({ name: s.name, roll: s.rollNumber });

/** A quick-pick reason in the student's language; a typed one as the warden wrote it. */
const reasonIn = (rt: MessRuntime, language: string, reason: { code?: string; text?: string }) =>
  reason.code
    ? rt.deps.conversations.i18n.t(language, `mess:admin.reasons.${reason.code}`)
    : (reason.text ?? '').trim().slice(0, 300);

/** Denies a student or rejects a payment with a reason, unless the card went stale meanwhile. */
export async function decideWithReason(
  ctx: Ctx,
  rt: MessRuntime,
  f: Pick<FlowContext, 't' | 'errorMessage' | 'language'>,
  target: string,
  reason: { code?: string; text?: string },
): Promise<Output[]> {
  const t: T = f.t;
  const [kind, id = ''] = target.split(':');
  try {
    if (kind === 'no') {
      const student = await getStudent(ctx, id);
      const stale = await staleStudent(ctx, t, f.language, student);
      if (stale) return stale;
      const text = reasonIn(rt, student.language, reason);
      const denied = await decideStudent(ctx, rt, { studentId: id, decision: 'deny', reason: text });
      return [{ kind: 'text', text: t('admin.denied_done', { ...whoIs(denied), reason: text }) }];
    }
    const payment = await getPayment(ctx, id);
    const stale = await stalePayment(ctx, t, f.language, payment);
    if (stale) return stale;
    const student = await studentOfPayment(ctx, payment);
    const text = reasonIn(rt, student.language, reason);
    await denyPayment(ctx, { paymentId: id, reason: text });
    const what = { ...whoIs(student), amount: formatMoney(payment.amount, f.language) };
    return [{ kind: 'text', text: t('admin.rejected_done', { ...what, reason: text }) }];
  } catch (err) {
    if (isAppError(err)) return [{ kind: 'text', text: t('admin.failed', { title: f.errorMessage(err) }) }];
    throw err;
  }
}

/** Answers an admin's tap or menu choice; `undefined` when `id` is not an admin choice. */
export async function handleAdminChoice(
  ctx: Ctx,
  rt: MessRuntime,
  f: Pick<FlowContext, 't' | 'errorMessage' | 'language'>,
  id: string,
): Promise<AdminAnswer | undefined> {
  const t: T = f.t;
  if (!id.startsWith('adm:')) return undefined;
  const [, verb, target = '', code] = id.split(':');
  const done = (key: string, values: Record<string, string>): AdminAnswer => ({
    reply: [{ kind: 'text', text: t(key, values) }],
  });
  try {
    switch (verb) {
      case 'pending':
        return { reply: await pendingCards(ctx, t) };
      case 'payments':
        return { reply: await paymentCards(ctx, t) };
      case 'report':
        return { reply: [{ kind: 'text', text: t('admin.report_text', await todayNumbers(ctx)) }] };
      case 'ok': {
        const stale = await staleStudent(ctx, t, f.language, await getStudent(ctx, target));
        if (stale) return { reply: stale };
        const approved = await decideStudent(ctx, rt, { studentId: target, decision: 'approve' });
        return done('admin.approved_done', whoIs(approved));
      }
      case 'no': {
        const stale = await staleStudent(ctx, t, f.language, await getStudent(ctx, target));
        if (stale) return { reply: stale };
        return { reply: [reasonCard(t, 'no', target)], reasonFor: `no:${target}` };
      }
      case 'pv': {
        const payment = await getPayment(ctx, target);
        const stale = await stalePayment(ctx, t, f.language, payment);
        if (stale) return { reply: stale };
        await verifyPayment(ctx, { paymentId: target });
        const student = await studentOfPayment(ctx, payment);
        return done('admin.verified_done', {
          ...whoIs(student),
          amount: formatMoney(payment.amount, f.language),
        });
      }
      case 'pd': {
        const stale = await stalePayment(ctx, t, f.language, await getPayment(ctx, target));
        if (stale) return { reply: stale };
        return { reply: [reasonCard(t, 'pd', target)], reasonFor: `pd:${target}` };
      }
      case 'nr':
      case 'pr':
        return {
          reply: await decideWithReason(ctx, rt, f, `${verb === 'nr' ? 'no' : 'pd'}:${target}`, { code }),
        };
      default:
        return { reply: [adminMenu(t)] };
    }
  } catch (err) {
    if (isAppError(err))
      return { reply: [{ kind: 'text', text: t('admin.failed', { title: f.errorMessage(err) }) }] };
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
  const students = new Map(
    (
      await db(ctx)
        .selectFrom('mess_student')
        .select(['id', 'roll_number', 'name'])
        .where('id', 'in', ids)
        .execute()
    ).map((r) => [r.id, r]),
  );
  return items.map((p) => {
    const s = students.get(p.purpose.id.split(':')[0]!);
    return paymentCard(t, p, {
      name: s?.name ?? '?',
      roll: s?.roll_number ?? '?',
      due: '–',
      dup: p.duplicateOfPaymentIds.length ? ' ⚠' : '',
    });
  });
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
