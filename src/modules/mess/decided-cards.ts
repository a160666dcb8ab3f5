import type { Ctx } from '../../core/context/index.ts';
import { editSentMessages } from '../../core/conversations/index.ts';
import { getPayment } from '../../core/payments/index.ts';
import { decisionTime } from './decision-time.ts';
import { settleCardsJob } from './mess.queue.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { messSettingsOf } from './mess.settings.ts';
import { getStudent } from './students.ts';

/** Queues the edit in the decision's transaction: cards change only if the decision commits. */
export async function settleCardsLater(
  tx: Ctx,
  rt: Pick<MessRuntime, 'jobs'>,
  subject: 'student' | 'payment',
  id: string,
): Promise<void> {
  await rt.jobs.send(settleCardsJob, { orgId: tx.orgId, subject, id }, { transaction: tx.db });
}

/** The buttons that identify a subject's cards: the decision card and its reason card. */
export const cardChoiceIds = (subject: 'student' | 'payment', id: string) =>
  subject === 'student' ? [`adm:ok:${id}`, `adm:nr:${id}:details`] : [`adm:pv:${id}`, `adm:pr:${id}:amount`];

/**
 * Edits every warden's card for a decided student or payment to say the decision, who took it and
 * when, and removes its buttons: an old card cannot be tapped into a second decision (a tap that
 * races the edit is still answered as stale). Nothing happens while the subject is undecided.
 */
export async function settleDecisionCards(
  ctx: Ctx,
  rt: Pick<MessRuntime, 'deps'>,
  payload: { subject: 'student' | 'payment'; id: string },
): Promise<void> {
  const { timeZone } = await messSettingsOf(ctx);
  let decision: { status: string; by: string; at: Date | null };
  if (payload.subject === 'student') {
    const s = await getStudent(ctx, payload.id);
    if (s.status === 'pending') return;
    decision = { status: s.status, by: s.decidedBy ?? '?', at: s.decidedAt };
  } else {
    const p = await getPayment(ctx, payload.id);
    if (p.status === 'submitted') return;
    const status = ['verified', 'denied', 'voided'].includes(p.status) ? p.status : 'other';
    decision = {
      status: `payment_${status}`,
      by: p.decidedBy?.label ?? '?',
      at: p.verifiedAt ?? p.deniedAt ?? p.voidedAt ?? p.updatedAt,
    };
  }
  const i18n = rt.deps.conversations.i18n;
  await editSentMessages(ctx, rt.deps.conversations, {
    choiceIds: cardChoiceIds(payload.subject, payload.id),
    edit: ({ text, language }) => {
      const lang = language ?? 'en';
      const line = i18n.t(lang, 'mess:admin.decided', {
        status: i18n.t(lang, `mess:admin.status.${decision.status}`),
        by: decision.by,
        at: decisionTime(decision.at, timeZone, lang),
      });
      return { kind: 'text', text: `${text}\n\n${line}` };
    },
  });
}
