import type { Ctx } from '../../core/context/index.ts';
import { formatMoney } from '../../core/money/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import type { Refund } from '../../core/payments/index.ts';
import type { BillView } from './bills.ts';
import { exhibitionMail, moneyReturnedTemplate } from './exhibition.notifications.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';
import { mailWordingFor } from './mail-texts.ts';

/** How the money went back, in the customer's words: the providers keep their names in every language. */
const PROVIDERS: Record<string, string> = { momo: 'MTN MoMo', airtel: 'Airtel Money' };

/**
 * Tells the customer money taken for their bill came back (the refund's `settled` step), by e-mail in
 * their language, in the caller's transaction: the e-mail goes only if the refund's settlement commits.
 */
export async function tellMoneyReturned(
  tx: Ctx,
  rt: ExhibitionRuntime,
  bill: BillView,
  refund: Refund,
): Promise<void> {
  const customer = await tx.db
    .withTables<ExhibitionTables>()
    .selectFrom('exhibition_customer as c')
    .innerJoin('exhibition_exhibition as e', 'e.id', 'c.exhibition_id')
    .select(['c.name', 'c.email', 'c.language', 'e.name as exhibition'])
    .where('c.id', '=', bill.customerId)
    .executeTakeFirst();
  if (!customer?.email) return;
  const locale = customer.language;
  const wording = await mailWordingFor(tx, 'exhibition.money_returned', locale);
  await enqueueNotification(tx, rt.jobs, {
    channel: 'email',
    to: customer.email,
    template: moneyReturnedTemplate,
    data: {
      name: customer.name,
      exhibition: customer.exhibition,
      amount: formatMoney(refund.amount, locale),
      bill: bill.description || bill.boothName,
      booth: bill.boothName,
      method:
        refund.method === 'cash'
          ? exhibitionMail.t(locale, 'exhibition-mail:returned.cash')
          : (PROVIDERS[refund.method] ?? refund.method),
      reason: refund.reason,
      ...(wording ? { wording } : {}),
    },
    locale,
    secretKey: rt.secretKey,
  });
}
