import type { Ctx } from '../../core/context/index.ts';
import { messagesToPerson, type NotificationView } from '../../core/notifications/index.ts';
import type { Page, PageRequest } from '../../core/resources/index.ts';
import { getCustomer } from './customers.ts';

/**
 * The messages sent to a customer (issue 65): e-mails to their address and texts or WhatsApp messages
 * to their phone, newest first, as every person's page lists them (core `messagesToPerson`).
 */
export async function customerMessages(
  ctx: Ctx,
  id: string,
  page: PageRequest,
): Promise<Page<NotificationView>> {
  const customer = await getCustomer(ctx, id);
  return messagesToPerson(ctx, { emails: [customer.email], phones: [customer.phone] }, page);
}
