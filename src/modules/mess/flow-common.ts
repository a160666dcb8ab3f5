import type { FlowContext, Input, Output, StepResult } from '../../core/conversations/index.ts';
import { type AppError, isAppError } from '../../platform/errors/index.ts';
import { decideWithReason, handleAdminChoice, isMessAdmin } from './admin-bot.ts';
import { adminMenu } from './admin-cards.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { findStudentByTelegram, type Student, setStudentLanguage } from './students.ts';
import { acceptWardenInvite, INVITE_PREFIX } from './warden-invites.ts';

/* The mess bot's chat, shared by every state: what it remembers, the menu, where a person lands, admin taps anywhere. */

export type Reg = {
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
export type F = FlowContext<Reg, MessRuntime>;
export type Step = StepResult<Reg>;
export const text = (t: string): Output => ({ kind: 'text', text: t });
export const typed = (input: Input, max: number) =>
  input.kind === 'text' && input.text.trim() && !input.text.startsWith('/')
    ? input.text.trim().slice(0, max + 1)
    : undefined;

export const menu = (f: F, s: Student): Output => ({
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
export async function entry(f: F): Promise<Step> {
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
export const anywhere =
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

export const refusal = (f: F, err: AppError): Output => text(f.errorMessage(err));

export const withStudent = (handle: (input: Input, f: F, s: Student) => Promise<Step>) =>
  anywhere(async (input, f) => {
    const student = await findStudentByTelegram(f.ctx, f.contact.externalId);
    if (student?.status !== 'approved') return entry(f);
    // The chat's language is the one later notifications (approval, payment verdicts) speak.
    if (student.language !== f.language) await setStudentLanguage(f.ctx, student.id, f.language);
    try {
      return await handle(input, asStudent(f, student), student);
    } catch (err) {
      if (isAppError(err)) return { reply: [refusal(f, err)] };
      throw err;
    }
  });

/**
 * The step acting as the student the mess knows: what they do (a proof, a cut, a new pass) is recorded
 * under their registered name, not their chat's profile name ("Lucas S.", issue 66 item 4).
 */
const asStudent = (f: F, s: Student): F => ({
  ...f,
  ctx: { ...f.ctx, actor: { ...f.ctx.actor, label: s.name } },
});
