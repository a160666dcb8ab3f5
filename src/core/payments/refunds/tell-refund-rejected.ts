import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { AuthTables } from '../../auth/index.ts';
import type { Ctx } from '../../context/index.ts';
import { resolveLocale } from '../../i18n/index.ts';
import { formatMoney } from '../../money/index.ts';
import { enqueueNotification } from '../../notifications/index.ts';
import type { PurposeLabeler } from '../purpose-label.ts';
import { refundRejectedTemplate } from './refund-rejected.template.ts';
import type { Refund } from './refund-view.ts';
import { refundWords } from './refund-words.ts';

/** What telling a requester needs: the job queue, and the modules' words for the records paid for. */
export interface RefundRejectionDeps {
  jobs: JobQueue;
  declared: { purposeLabels(): ReadonlyArray<PurposeLabeler> };
}

/**
 * E-mails the member of staff who asked for a refund that it was turned down: the reason, the amount
 * in their language, the person and the record (in the module's words), in the rejection's
 * transaction, once per refund. A refund asked by the system on its own (no member) tells nobody.
 */
export async function tellRefundRejected(tx: Ctx, deps: RefundRejectionDeps, refund: Refund): Promise<void> {
  if (!refund.requestedByUser) return;
  const requester = await tx.db
    .withTables<AuthTables>()
    .selectFrom('staff_user')
    .select(['email', 'locale'])
    .where('id', '=', refund.requestedByUser)
    .executeTakeFirst();
  if (!requester) return;
  const words = (await refundWords(tx, deps.declared.purposeLabels(), [refund.id])).get(refund.id);
  const locale = resolveLocale(requester.locale);
  await enqueueNotification(tx, deps.jobs, {
    channel: 'email',
    to: requester.email,
    template: refundRejectedTemplate,
    data: {
      amount: formatMoney(refund.amount, locale),
      payer: words?.payer ?? '',
      record: (words?.record.text || refund.paymentId).slice(0, 500),
      decidedBy: tx.actor.label.slice(0, 320) || '?',
      reason: refund.rejectionReason ?? '',
    },
    locale,
    idempotencyKey: `payments.refund_rejected:${refund.id}`,
  });
}
