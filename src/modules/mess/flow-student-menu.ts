import type { Output } from '../../core/conversations/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { addDays, isIsoDate } from '../../core/time/index.ts';
import { isAppError } from '../../platform/errors/index.ts';
import { studentDues } from './fee-payments.ts';
import { type F, menu, refusal, text, withStudent } from './flow-common.ts';
import { readPaid, submitProof } from './flow-payment-proof.ts';
import { mealPassOf } from './meal-pass.ts';
import { messI18n } from './mess.notifications.ts';
import { messSettingsOf } from './mess.settings.ts';
import { earliestCutStart, msUntilCutoff } from './mess-cuts.rules.ts';
import { applyMessCut } from './mess-cuts.ts';

/* The mess bot's chat, an approved student's menu: the meal pass, mess cuts, dues and paying. */

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

export const menuState = withStudent(async (input, f, s) => {
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

export const cutState = withStudent(async (input, f, s) => {
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

/** Asks what was paid (and the reference), then takes the screenshot. */
export const payState = withStudent(async (input, f, s) => {
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
