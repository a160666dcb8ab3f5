import { formatCode } from '../../core/codes/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { signCustomerPass } from './customer-pass.ts';
import { welcomeTemplate } from './exhibition.notifications.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';

/**
 * Signs the customer's pass and queues the welcome e-mail in the caller's transaction; the customer
 * row points at it (its delivery state). The QR (inline in the HTML body and as a PNG) and the PDF
 * badge are made when the e-mail is sent (`welcomeTemplate.attachments`), not in this request.
 * Answers the queued e-mail (its id and delivery state).
 */
export async function sendWelcome(
  tx: Ctx,
  rt: { jobs: JobQueue; secretKey: string },
  input: {
    customer: { id: string; code: string; name: string; email: string; language: string };
    exhibitionName: string;
    reissue: boolean;
  },
): Promise<{ id: string; status: string }> {
  const { customer } = input;
  const { pass } = await signCustomerPass(tx, {
    secretKey: rt.secretKey,
    customerId: customer.id,
    reissue: input.reissue,
  });
  const { notification } = await enqueueNotification(tx, rt.jobs, {
    channel: 'email',
    to: customer.email,
    template: welcomeTemplate,
    data: {
      name: customer.name,
      exhibition: input.exhibitionName,
      code: formatCode(customer.code, 4),
      rawCode: customer.code,
      pass,
    },
    locale: customer.language,
    secretKey: rt.secretKey,
  });
  await tx.db
    .withTables<ExhibitionTables>()
    .updateTable('exhibition_customer')
    .set({ welcome_notification_id: notification.id })
    .where('id', '=', customer.id)
    .execute();
  return { id: notification.id, status: notification.status };
}
