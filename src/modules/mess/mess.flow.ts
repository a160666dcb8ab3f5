import { normalizePhone } from '../../core/contacts/index.ts';
import {
  defineFlow,
  type FlowContext,
  type Input,
  type Output,
  type StepResult,
} from '../../core/conversations/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { addDays, isIsoDate } from '../../core/time/index.ts';
import { type AppError, isAppError } from '../../platform/errors/index.ts';
import {
  adminMenu,
  alertAdmins,
  decideWithReason,
  handleAdminChoice,
  isMessAdmin,
  paymentAlert,
  registrationCard,
} from './admin-bot.ts';
import { studentDues, submitFeeProof } from './fee-payments.ts';
import { mealPassOf } from './meal-pass.ts';
import { messCatalog } from './mess.catalog.ts';
import { MessErrors } from './mess.errors.ts';
import { messI18n } from './mess.notifications.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { earliestCutStart, msUntilCutoff } from './mess-cuts.rules.ts';
import { applyMessCut } from './mess-cuts.ts';
import { findStudentByTelegram, registerStudent, type Student, setStudentLanguage } from './students.ts';
import { acceptWardenInvite, INVITE_PREFIX } from './warden-invites.ts';

type Reg = {
  name?: string;
  roll?: string;
  room?: string;
  phone?: string;
  /** A warden's pending denial (`no:<studentId>` or `pd:<paymentId>`): the next typed text is the reason. */
  reasonFor?: string;
  /** What the student said they paid (minor units) and the reference, before the screenshot. */
  payMinor?: number;
  payRef?: string;
};
type F = FlowContext<Reg, MessRuntime>;
type Step = StepResult<Reg>;
const text = (t: string): Output => ({ kind: 'text', text: t });
const typed = (input: Input, max: number) =>
  input.kind === 'text' && input.text.trim() && !input.text.startsWith('/')
    ? input.text.trim().slice(0, max + 1)
    : undefined;

const menu = (f: F, s: Student): Output => ({
  kind: 'list',
  text: f.t('menu.text', { name: s.name }),
  button: f.t('menu.button'),
  rows: [
    { id: 'qr', title: f.t('menu.qr'), description: f.t('menu_desc.qr') },
    { id: 'newqr', title: f.t('menu.newqr') },
    { id: 'cut', title: f.t('menu.cut'), description: f.t('menu_desc.cut') },
    { id: 'dues', title: f.t('menu.dues') },
    { id: 'pay', title: f.t('menu.pay'), description: f.t('menu_desc.pay') },
    { id: f.language === 'hi' ? 'lang:en' : 'lang:hi', title: f.t('menu.language') },
  ],
});

/** Where a person lands on /start, after a reset, or when nothing else matches. */
async function entry(f: F): Promise<Step> {
  const student = await findStudentByTelegram(f.ctx, f.contact.externalId);
  const admin = await isMessAdmin(f.ctx, f.contact.externalId);
  const extra = admin ? [adminMenu(f.t)] : [];
  if (!student) {
    if (admin) return { reply: extra, next: 'start', context: {} };
    return { reply: [text(f.t('welcome'))], next: 'ask_name', context: {} };
  }
  if (student.status === 'approved')
    return { reply: [menu(f, student), ...extra], next: 'menu', context: {} };
  return { reply: [text(f.t(student.status)), ...extra], next: 'start', context: {} };
}

/** Admin taps and `/start` work in every state. */
const anywhere =
  (handle: (input: Input, f: F) => Promise<Step>) =>
  async (input: Input, f: F): Promise<Step> => {
    if (input.kind === 'text' && input.text.trim().startsWith('/start')) {
      // `t.me/<bot>?start=w_<token>`: a warden opening an owner's one-time invite.
      const param = input.text.trim().slice('/start'.length).trim();
      if (param.startsWith(INVITE_PREFIX)) {
        const outcome = await acceptWardenInvite(f.ctx, {
          token: param.slice(INVITE_PREFIX.length),
          telegramId: f.contact.externalId,
          name: f.contact.displayName,
        });
        const reply = [text(f.t(`warden.${outcome}`))];
        if (outcome === 'joined' || outcome === 'already') reply.push(adminMenu(f.t));
        return { reply, next: 'start', context: {} };
      }
      return entry(f);
    }
    if (input.kind === 'choice' && input.id.startsWith('adm:')) {
      if (!(await isMessAdmin(f.ctx, f.contact.externalId))) return {};
      const answer = await handleAdminChoice(f.ctx, f.rt, f, input.id);
      const { reasonFor: _was, ...rest } = f.context;
      return {
        reply: answer?.reply ?? [],
        context: answer?.reasonFor ? { ...rest, reasonFor: answer.reasonFor } : rest,
      };
    }
    const reasonFor = f.context.reasonFor;
    if (reasonFor && input.kind === 'text' && (await isMessAdmin(f.ctx, f.contact.externalId))) {
      const { reasonFor: _was, ...rest } = f.context;
      const reply = await decideWithReason(f.ctx, f.rt, f, reasonFor, { text: input.text });
      return { reply, context: rest };
    }
    return handle(input, f);
  };

const ask = (field: keyof Reg, max: number, next: string, prompt: string) =>
  anywhere(async (input, f) => {
    const value = field === 'phone' && input.kind === 'contact' ? input.phone : typed(input, max);
    if (!value) return { reply: [text(f.t(field === 'name' ? 'welcome' : `ask.${field}`))] };
    if (value.length > max) return { reply: [text(f.t('too_long'))] };
    let stored = value;
    if (field === 'phone') {
      const phone = normalizePhone(value, (await messSettingsOf(f.ctx)).phoneRegion);
      if (!phone) return { reply: [text(f.t('bad_phone'))] };
      stored = phone;
    }
    if (field === 'roll') {
      const taken = await f.ctx.db
        .withTables<MessTables>()
        .selectFrom('mess_student')
        .select('id')
        .where('roll_number', '=', value.toUpperCase())
        .executeTakeFirst();
      if (taken) return { reply: [text(f.t('roll_taken', { roll: value.toUpperCase() }))] };
    }
    const context = { ...f.context, [field]: field === 'roll' ? value.toUpperCase() : stored };
    if (next === 'confirm') return { reply: [confirmCard(f, context)], next, context };
    return { reply: [text(f.t(prompt))], next, context };
  });

const confirmCard = (f: F, c: Reg): Output => ({
  kind: 'buttons',
  text: f.t('confirm.text', { name: c.name, roll: c.roll, room: c.room, phone: c.phone }),
  buttons: [
    { id: 'confirm', title: f.t('confirm.yes') },
    { id: 'restart', title: f.t('confirm.no') },
  ],
});

const confirm = anywhere(async (input, f) => {
  if (input.kind === 'choice' && input.id === 'restart')
    return { reply: [text(f.t('welcome'))], next: 'ask_name', context: {} };
  if (input.kind !== 'choice' || input.id !== 'confirm') return { reply: [confirmCard(f, f.context)] };
  const c = f.context;
  try {
    const student = await registerStudent(f.ctx, f.rt, {
      name: c.name ?? '',
      rollNumber: c.roll ?? '',
      room: c.room ?? '',
      phone: c.phone ?? '',
      language: f.language,
      telegramId: f.contact.externalId,
      contactId: f.contact.id,
    });
    await alertAdmins(f.ctx, f.rt, (t) => registrationCard(t, student));
    return { reply: [text(f.t('registered', { name: student.name }))], next: 'start', context: {} };
  } catch (err) {
    if (MessErrors.roll_number_taken.is(err))
      return {
        reply: [text(f.t('roll_taken', { roll: c.roll }))],
        next: 'ask_roll',
        context: { ...c, roll: undefined },
      };
    if (MessErrors.already_registered.is(err)) return entry(f);
    throw err;
  }
});

async function cutPrompt(f: F): Promise<Output> {
  const s = await messSettingsOf(f.ctx);
  const now = f.ctx.clock.now();
  const earliest = earliestCutStart(now, s.timeZone, s.cutoffTime);
  const ms = msUntilCutoff(now, s.timeZone, s.cutoffTime);
  const left =
    ms > 0
      ? f.t('cut.left', { cutoff: s.cutoffTime, zone: s.timeZone, time: messI18n.timeLeft(f.language, ms) })
      : f.t('cut.closed');
  return {
    kind: 'buttons',
    text: f.t('cut.ask', { earliest, left }),
    buttons: [
      { id: `cut:${earliest}:${earliest}`, title: f.t('cut.one', { date: earliest }) },
      { id: `cut:${earliest}:${addDays(earliest, 2)}`, title: f.t('cut.three', { date: earliest }) },
      { id: 'cut:cancel', title: f.t('cut.cancel') },
    ],
  };
}

const refusal = (f: F, err: AppError): Output => text(f.errorMessage(err));

const withStudent = (handle: (input: Input, f: F, s: Student) => Promise<Step>) =>
  anywhere(async (input, f) => {
    const student = await findStudentByTelegram(f.ctx, f.contact.externalId);
    if (student?.status !== 'approved') return entry(f);
    // The chat's language is the one later notifications (approval, payment verdicts) speak.
    if (student.language !== f.language) await setStudentLanguage(f.ctx, student.id, f.language);
    try {
      return await handle(input, f, student);
    } catch (err) {
      if (isAppError(err)) return { reply: [refusal(f, err)] };
      throw err;
    }
  });

const menuState = withStudent(async (input, f, s) => {
  const choice = input.kind === 'choice' ? input.id : '';
  if (choice === 'qr' || choice === 'newqr') {
    const pass = await mealPassOf(f.ctx, {
      secretKey: f.rt.secretKey,
      studentId: s.id,
      reissue: choice === 'newqr',
    });
    const file = { bytes: pass.png, fileName: 'meal-pass.png', mime: 'image/png' };
    return { reply: [{ kind: 'image', file, caption: f.t('qr_caption', { version: pass.passVersion }) }] };
  }
  if (choice === 'cut') return { reply: [await cutPrompt(f)], next: 'cut' };
  if (choice === 'pay') {
    const balance = (await studentDues(f.ctx, s.id)).cycles[0]?.balanceMinor ?? 0;
    if (balance <= 0) return { reply: [text(f.t('pay.nothing_due')), menu(f, s)] };
    return { reply: [text(f.t('pay.ask'))], next: 'pay' };
  }
  // A screenshot sent without tapping "Upload payment" first is still a payment proof.
  if (input.kind === 'media') return submitProof(input, f, s);
  if (choice === 'dues') {
    const dues = await studentDues(f.ctx, s.id);
    const fmt = (minor: number) => formatMoney(money(minor, dues.currency), f.language);
    const lines = dues.cycles.map((c) =>
      f.t('dues.line', {
        name: c.name,
        fee: fmt(c.feeMinor),
        rebate: fmt(c.rebateMinor),
        days: c.cutDays,
        paid: fmt(c.paidMinor),
        balance: fmt(c.balanceMinor),
      }),
    );
    return { reply: [text(lines.length ? lines.join('\n') : f.t('dues.none'))] };
  }
  return { reply: [menu(f, s)] };
});

const DATES = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:to|-|–|से|तक)\s*(\d{4}-\d{2}-\d{2}))?$/i;

const cutState = withStudent(async (input, f, s) => {
  let range: { from: string; to: string } | undefined;
  if (input.kind === 'choice' && input.id === 'cut:cancel')
    return { reply: [text(f.t('cut.cancelled')), menu(f, s)], next: 'menu' };
  if (input.kind === 'choice' && input.id.startsWith('cut:')) {
    const [, from = '', to = ''] = input.id.split(':');
    range = { from, to };
  } else if (input.kind === 'text') {
    const m = DATES.exec(input.text.trim());
    if (m && isIsoDate(m[1]!) && (!m[2] || isIsoDate(m[2]))) range = { from: m[1]!, to: m[2] ?? m[1]! };
  }
  if (!range) {
    const settings = await messSettingsOf(f.ctx);
    const earliest = earliestCutStart(f.ctx.clock.now(), settings.timeZone, settings.cutoffTime);
    return { reply: [text(f.t('cut.bad_date', { earliest })), await cutPrompt(f)] };
  }
  try {
    const cut = await applyMessCut(f.ctx, { studentId: s.id, range, source: 'bot' });
    return { reply: [text(f.t('cut.done', { from: cut.from, to: cut.to })), menu(f, s)], next: 'menu' };
  } catch (err) {
    if (isAppError(err)) return { reply: [refusal(f, err), await cutPrompt(f)] };
    throw err;
  }
});

/** `2840`, `₹2,840.50 UTR412345678901`, `Rs 2840 ref 4123`: the amount, and the rest as the reference. */
const PAID =
  /^\s*(?:₹|rs\.?|inr)?\s*(\d{1,3}(?:,\d{2,3})+|\d+)(?:\.(\d{1,2}))?\b\s*(?:(?:utr|ref|txn|id)\s*[:#-]?\s*)?([A-Za-z0-9-]{4,40})?\s*$/i;
export function readPaid(textIn: string): { minor: number; ref?: string } | undefined {
  const m = PAID.exec(textIn.trim());
  if (!m) return undefined;
  const minor = Number(m[1]!.replace(/,/g, '')) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  if (!Number.isSafeInteger(minor) || minor <= 0) return undefined;
  return m[3] ? { minor, ref: m[3] } : { minor };
}

async function submitProof(input: Extract<Input, { kind: 'media' }>, f: F, s: Student): Promise<Step> {
  const fromCaption = input.caption ? readPaid(input.caption) : undefined;
  const declaredMinor = fromCaption?.minor ?? f.context.payMinor;
  if (!declaredMinor) return { reply: [text(f.t('pay.need_amount'))], next: 'pay' };
  const reference = fromCaption?.ref ?? f.context.payRef ?? null;
  const file = await input.load();
  const { payment, dues } = await submitFeeProof(f.ctx, f.rt, {
    studentId: s.id,
    bytes: file.bytes,
    originalName: file.fileName ?? `proof.${input.mediaKind === 'photo' ? 'jpg' : 'pdf'}`,
    externalReference: reference,
    declaredMinor,
  });
  const dup = payment.duplicateOfPaymentIds.length > 0;
  await alertAdmins(
    f.ctx,
    f.rt,
    paymentAlert(
      payment,
      {
        name: s.name,
        roll: s.rollNumber,
        due: formatMoney(money(dues.balanceMinor, payment.amount.currency), 'en'),
        dup: dup ? ' ⚠' : '',
      },
      {
        bytes: file.bytes,
        fileName: file.fileName ?? (input.mediaKind === 'photo' ? 'proof.jpg' : 'proof.pdf'),
        mime: file.mime,
      },
    ),
  );
  const received = f.t('pay.received', { cycle: dues.name, amount: formatMoney(payment.amount, f.language) });
  const { payMinor: _m, payRef: _r, ...rest } = f.context;
  return {
    reply: [text(dup ? `${received}\n${f.t('pay.duplicate')}` : received), menu(f, s)],
    next: 'menu',
    context: rest,
  };
}

/** Asks what was paid (and the reference), then takes the screenshot. */
const payState = withStudent(async (input, f, s) => {
  if (input.kind === 'choice') return menuState(input, f);
  if (input.kind === 'media') return submitProof(input, f, s);
  if (input.kind === 'text') {
    const paid = readPaid(input.text);
    if (!paid) return { reply: [text(f.t('pay.bad_amount'))] };
    const amount = formatMoney(money(paid.minor, (await messSettingsOf(f.ctx)).currency), f.language);
    return {
      reply: [text(f.t('pay.send_file', { amount }))],
      context: { ...f.context, payMinor: paid.minor, ...(paid.ref ? { payRef: paid.ref } : {}) },
    };
  }
  return { reply: [text(f.t('pay.need_file'))] };
});

/** The mess bot on Telegram: registration, the meal pass, mess cuts, dues, payment proofs, and admin taps. */
export const messFlow = (rt: MessRuntime) =>
  defineFlow<Reg, MessRuntime>({
    name: 'mess',
    rt,
    initial: 'start',
    catalog: messCatalog,
    // Students and wardens write to the mess's Telegram bot unless the organization names another flow.
    defaultOn: ['telegram'],
    keywords: {
      qr: { en: ['qr', 'pass'], hi: ['क्यूआर', 'पास'] },
      dues: { en: ['dues'], hi: ['बकाया'] },
    },
    states: {
      start: anywhere(async (_input, f) => entry(f)),
      ask_name: ask('name', 120, 'ask_roll', 'ask.roll'),
      ask_roll: ask('roll', 40, 'ask_room', 'ask.room'),
      ask_room: ask('room', 40, 'ask_phone', 'ask.phone'),
      ask_phone: ask('phone', 30, 'confirm', ''),
      confirm,
      menu: menuState,
      cut: cutState,
      pay: payState,
    },
  });
