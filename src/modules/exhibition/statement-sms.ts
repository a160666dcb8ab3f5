import { recordAudit } from '../../core/audit/index.ts';
import { formatCode } from '../../core/codes/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { enqueueNotification, smsValue } from '../../core/notifications/index.ts';
import { currentPassVersion } from '../../core/pass-issuer/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { CUSTOMER_PASS_SUBJECT } from './customer-pass.ts';
import { getCustomer } from './customers.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import { smsExhibitionName, statementLinkPath, statementSmsTemplate } from './exhibition.sms.ts';
import { statementMoney } from './statement.pdf.ts';
import { statementOf } from './statements.ts';

/**
 * Queues the statement by SMS to the customer's phone, in their language, and audits it (issue 65:
 * a customer without e-mail asks for it at the desk): the sums, and a link that opens the PDF without
 * signing in until the customer's pass is re-issued. A customer without a phone is refused. Runs in
 * the caller's transaction when given one (`idempotentCreate` answers a retried request with the
 * first text).
 */
export async function textStatement(
  ctx: Ctx,
  rt: { jobs: JobQueue; secretKey: string },
  customerId: string,
  options: { publicUrl?: string } = {},
): Promise<{ notificationId: string }> {
  return inTransaction(ctx, async (tx) => {
    const customer = await getCustomer(tx, customerId);
    if (customer.phone === '') throw ExhibitionErrors.customer_no_phone({ id: customerId });
    const statement = await statementOf(tx, customer);
    const sums = statementMoney(statement.bills);
    const amount = (minor: number) =>
      smsValue(formatMoney(money(minor, customer.currency), customer.language));
    const passVersion = await currentPassVersion(tx, { type: CUSTOMER_PASS_SUBJECT, id: customer.id });
    const base = (options.publicUrl ?? '').replace(/\/+$/, '');
    const { notification } = await enqueueNotification(tx, rt.jobs, {
      channel: 'sms',
      to: customer.phone,
      template: statementSmsTemplate,
      data: {
        exhibition: smsExhibitionName(statement.exhibitionName),
        code: formatCode(customer.code, 4),
        bills: customer.billCount,
        total: amount(customer.totalMinor),
        paid: amount(sums.paidMinor),
        returned: amount(sums.refundedMinor),
        net: amount(sums.netMinor),
        link: `${base}${statementLinkPath(rt.secretKey, customer.id, passVersion)}`,
      },
      locale: customer.language,
      secretKey: rt.secretKey,
    });
    await recordAudit(tx, {
      action: 'exhibition.statement.texted',
      subject: { type: 'exhibition_customer', id: customerId },
      after: { notificationId: notification.id, totalMinor: customer.totalMinor },
    });
    return { notificationId: notification.id };
  });
}
