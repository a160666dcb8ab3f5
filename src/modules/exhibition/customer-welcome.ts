import { formatCode } from '../../core/codes/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { signCustomerPass } from './customer-pass.ts';
import { welcomeTemplate } from './exhibition.notifications.ts';
import { badgeLinkPath, smsExhibitionName, welcomeSmsTemplate } from './exhibition.sms.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';
import { mailWordingFor } from './mail-texts.ts';

/**
 * Signs the customer's pass and queues the welcome e-mail in the caller's transaction; the customer
 * row points at it (its delivery state). A customer without an e-mail but with a phone gets the code
 * and a link to the badge by SMS instead (issue 65), the same row pointing at the text, so the
 * progress views count it like an e-mail. The QR (inline in the HTML body and as a PNG) and the PDF
 * badge are made when the e-mail is sent (`welcomeTemplate.attachments`), not in this request.
 * Answers the queued e-mail (its id and delivery state).
 */
export async function sendWelcome(
  tx: Ctx,
  rt: { jobs: JobQueue; secretKey: string },
  input: {
    customer: { id: string; code: string; name: string; email: string; phone?: string; language: string };
    exhibitionName: string;
    reissue: boolean;
    /** The deployment's public address, for the SMS's badge link. */
    publicUrl?: string;
  },
): Promise<{ id: string; status: string }> {
  const { customer } = input;
  const { pass, passVersion } = await signCustomerPass(tx, {
    secretKey: rt.secretKey,
    customerId: customer.id,
    reissue: input.reissue,
  });
  const smsTo = customer.email === '' ? customer.phone : undefined;
  // The organization's own words for the e-mail, when the desk edited them (issue 66).
  const wording = smsTo ? undefined : await mailWordingFor(tx, 'exhibition.welcome', customer.language);
  const { notification } = await enqueueNotification(
    tx,
    rt.jobs,
    smsTo
      ? {
          channel: 'sms',
          to: smsTo,
          template: welcomeSmsTemplate,
          data: {
            exhibition: smsExhibitionName(input.exhibitionName),
            code: formatCode(customer.code, 4),
            link: `${(input.publicUrl ?? '').replace(/\/+$/, '')}${badgeLinkPath(rt.secretKey, customer.id, passVersion)}`,
          },
          locale: customer.language,
          secretKey: rt.secretKey,
        }
      : {
          channel: 'email',
          to: customer.email,
          template: welcomeTemplate,
          data: {
            name: customer.name,
            exhibition: input.exhibitionName,
            code: formatCode(customer.code, 4),
            rawCode: customer.code,
            pass,
            ...(wording ? { wording } : {}),
          },
          locale: customer.language,
          secretKey: rt.secretKey,
        },
  );
  await tx.db
    .withTables<ExhibitionTables>()
    .updateTable('exhibition_customer')
    .set({ welcome_notification_id: notification.id })
    .where('id', '=', customer.id)
    .execute();
  return { id: notification.id, status: notification.status };
}
