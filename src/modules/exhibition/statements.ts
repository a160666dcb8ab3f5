import { recordAudit } from '../../core/audit/index.ts';
import { formatCode } from '../../core/codes/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { moneyOfBills } from './bill-money.ts';
import { listCustomerBills } from './bills.ts';
import { type CustomerView, getCustomer } from './customers.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import { statementTemplate } from './exhibition.notifications.ts';
import { getExhibition } from './exhibitions.ts';
import { mailWordingFor } from './mail-texts.ts';
import { renderStatement, type StatementInput, statementMoney } from './statement.pdf.ts';

/**
 * What a customer's statement shows: every bill with the money taken for it and given back (core
 * payments' public views), the customer and the exhibition's name.
 */
export async function statementOf(
  ctx: Ctx,
  customerOrId: string | CustomerView,
): Promise<StatementInput & { customer: CustomerView }> {
  const customer = typeof customerOrId === 'string' ? await getCustomer(ctx, customerOrId) : customerOrId;
  const [exhibition, bills, moneyByBill] = await Promise.all([
    getExhibition(ctx, customer.exhibitionId),
    listCustomerBills(ctx, customer.id),
    moneyOfBills(ctx, { customerId: customer.id }),
  ]);
  return {
    exhibitionName: exhibition.name,
    customer,
    bills: bills.map((b) => ({
      ...b,
      paidMinor: moneyByBill.get(b.id)?.paidMinor ?? 0,
      refundedMinor: moneyByBill.get(b.id)?.refundedMinor ?? 0,
    })),
  };
}

/** A customer's statement as a PDF: every bill (void ones struck out), the total, paid, returned and net. */
export async function statementPdf(ctx: Ctx, customerId: string): Promise<Buffer> {
  return renderStatement(await statementOf(ctx, customerId));
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
    const statement = await statementOf(tx, customer);
    const pdf = renderStatement(statement);
    const fmt = (minor: number) => formatMoney(money(minor, customer.currency), customer.language);
    const sums = statementMoney(statement.bills);
    const wording = await mailWordingFor(tx, 'exhibition.statement', customer.language);
    const { notification } = await enqueueNotification(tx, rt.jobs, {
      channel: 'email',
      to: customer.email,
      template: statementTemplate,
      data: {
        name: customer.name,
        exhibition: statement.exhibitionName,
        code: formatCode(customer.code, 4),
        billCount: customer.billCount,
        total: fmt(customer.totalMinor),
        ...(sums.paidMinor || sums.refundedMinor
          ? { paid: fmt(sums.paidMinor), refunded: fmt(sums.refundedMinor), net: fmt(sums.netMinor) }
          : {}),
        ...(wording ? { wording } : {}),
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
