import { recordAudit } from '../../core/audit/index.ts';
import { formatCode } from '../../core/codes/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { refundedByBill } from './bill-refunds.ts';
import { listCustomerBills } from './bills.ts';
import { getCustomer } from './customers.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import { statementTemplate } from './exhibition.notifications.ts';
import { getExhibition } from './exhibitions.ts';
import { renderStatement } from './statement.pdf.ts';

/** A customer's statement as a PDF: every bill (void ones struck out with the reason) and the total. */
export async function statementPdf(ctx: Ctx, customerId: string): Promise<Buffer> {
  const customer = await getCustomer(ctx, customerId);
  const exhibition = await getExhibition(ctx, customer.exhibitionId);
  const [bills, refunded] = await Promise.all([
    listCustomerBills(ctx, customerId),
    refundedByBill(ctx, customerId),
  ]);
  return renderStatement({
    exhibitionName: exhibition.name,
    customer,
    bills: bills.map((b) => ({ ...b, refundedMinor: refunded.get(b.id) ?? 0 })),
  });
}

/**
 * Queues the statement e-mail with the PDF attached, and audits it. With an `idempotencyKey`, a
 * repeated call returns the message queued first (the end-of-exhibition run passes one per customer).
 * A customer without an e-mail address (the original system kept it blank) is refused, unless the
 * caller records it (`withoutAddress: 'record'`, the run: the outbox keeps it as undeliverable, "no
 * address", and the run lists it among its failures, to print).
 */
export async function emailStatement(
  ctx: Ctx,
  rt: { jobs: JobQueue },
  customerId: string,
  options: { idempotencyKey?: string; withoutAddress?: 'refuse' | 'record' } = {},
): Promise<{ notificationId: string }> {
  return inTransaction(ctx, async (tx) => {
    const customer = await getCustomer(tx, customerId);
    if (customer.email === '' && options.withoutAddress !== 'record')
      throw ExhibitionErrors.customer_no_email({ id: customerId });
    const exhibition = await getExhibition(tx, customer.exhibitionId);
    const refunded = await refundedByBill(tx, customerId);
    const pdf = renderStatement({
      exhibitionName: exhibition.name,
      customer,
      bills: (await listCustomerBills(tx, customerId)).map((b) => ({
        ...b,
        refundedMinor: refunded.get(b.id) ?? 0,
      })),
    });
    const { notification } = await enqueueNotification(tx, rt.jobs, {
      channel: 'email',
      to: customer.email,
      template: statementTemplate,
      data: {
        name: customer.name,
        exhibition: exhibition.name,
        code: formatCode(customer.code, 4),
        billCount: customer.billCount,
        total: formatMoney(money(customer.totalMinor, customer.currency), customer.language),
      },
      locale: customer.language,
      ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
      attachments: [
        {
          filename: `statement-${formatCode(customer.code, 4)}.pdf`,
          contentType: 'application/pdf',
          base64: (await pdf).toString('base64'),
        },
      ],
    });
    await recordAudit(tx, {
      action: 'exhibition.statement.emailed',
      subject: { type: 'exhibition_customer', id: customerId },
      after: { notificationId: notification.id, totalMinor: customer.totalMinor },
    });
    return { notificationId: notification.id };
  });
}
