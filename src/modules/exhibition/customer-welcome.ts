import { formatCode } from '../../core/codes/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { badgePdf, customerPassOf } from './customer-pass.ts';
import { WELCOME_QR_CID, welcomeTemplate } from './exhibition.notifications.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';

/**
 * Signs the customer's pass and queues the welcome e-mail in the caller's transaction, with the
 * QR inline in the HTML body, as a PNG and the badge as a PDF attached; the customer row points at it (its delivery state).
 */
export async function sendWelcome(
  tx: Ctx,
  deps: { jobs: JobQueue; secretKey: string },
  input: {
    customer: { id: string; code: string; name: string; email: string };
    exhibitionName: string;
    reissue: boolean;
  },
): Promise<void> {
  const { customer } = input;
  const { png } = await customerPassOf(tx, {
    secretKey: deps.secretKey,
    customerId: customer.id,
    reissue: input.reissue,
  });
  const code = formatCode(customer.code, 4);
  const badge = await badgePdf({
    exhibitionName: input.exhibitionName,
    customerName: customer.name,
    code: customer.code,
    qrPng: png,
  });
  const { notification } = await enqueueNotification(tx, deps.jobs, {
    channel: 'email',
    to: customer.email,
    template: welcomeTemplate,
    data: { name: customer.name, exhibition: input.exhibitionName, code },
    locale: 'en',
    attachments: [
      // The QR twice: inline in the HTML body (`cid:`), and as a file to save or forward.
      {
        filename: `qr-${customer.code}-inline.png`,
        contentType: 'image/png',
        base64: Buffer.from(png).toString('base64'),
        contentId: WELCOME_QR_CID,
      },
      {
        filename: `qr-${customer.code}.png`,
        contentType: 'image/png',
        base64: Buffer.from(png).toString('base64'),
      },
      {
        filename: `badge-${customer.code}.pdf`,
        contentType: 'application/pdf',
        base64: badge.toString('base64'),
      },
    ],
  });
  await tx.db
    .withTables<ExhibitionTables>()
    .updateTable('exhibition_customer')
    .set({ welcome_notification_id: notification.id })
    .where('id', '=', customer.id)
    .execute();
}
