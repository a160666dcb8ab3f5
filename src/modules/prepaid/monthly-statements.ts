import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { formatMoney } from '../../core/money/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { kwhIn, monthIn } from './prepaid.format.ts';
import { statementTemplate } from './prepaid.notifications.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import type { PrepaidTables } from './prepaid.tables.ts';
import { statementPdf } from './statement.pdf.ts';
import { monthRange, previousMonth, statementData } from './statements.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/**
 * Sends last month's statement (PDF attached) to every account that bought in it and has a
 * channel. Once per account and month: the `prepaid_statement` row and the message commit
 * together, and a second run finds the row and sends nothing.
 */
export async function sendMonthlyStatements(ctx: Ctx, rt: PrepaidRuntime, month?: string) {
  const org = await getOrganization(ctx);
  const m = month ?? previousMonth(ctx.clock.now(), org.timeZone);
  const { from, to } = monthRange(m, org.timeZone);
  const accounts = await tables(ctx)
    .selectFrom('prepaid_account as a')
    .select('a.id')
    .where('a.channel', 'is not', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('prepaid_token as t')
          .innerJoin('prepaid_meter as mt', 'mt.id', 't.meter_id')
          .select('t.id')
          .whereRef('mt.account_id', '=', 'a.id')
          .where('t.created_at', '>=', from)
          .where('t.created_at', '<', to),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('prepaid_statement as s')
            .select('s.id')
            .whereRef('s.account_id', '=', 'a.id')
            .where('s.month', '=', m),
        ),
      ),
    )
    .execute();
  let sent = 0;
  for (const { id } of accounts) if (await sendStatement(ctx, rt, id, m)) sent++;
  return { month: m, sent };
}

async function sendStatement(ctx: Ctx, rt: PrepaidRuntime, accountId: string, month: string) {
  return inTransaction(ctx, async (tx) => {
    const claimed = await tables(tx)
      .insertInto('prepaid_statement')
      .values({ account_id: accountId, month, sent_at: tx.clock.now() })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!claimed) return false;
    const account = await tables(tx)
      .selectFrom('prepaid_account')
      .select(['channel', 'channel_to', 'language'])
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    if (!account.channel || !account.channel_to) return false;
    const data = await statementData(tx, accountId, month);
    const pdf = await statementPdf(data, tx.clock.now());
    const purchases = data.meters.flatMap((x) => x.purchases);
    const currency = purchases[0]?.currency ?? 'RWF';
    const { notification } = await enqueueNotification(tx, rt.jobs, {
      channel: account.channel,
      to: account.channel_to,
      template: statementTemplate,
      data: {
        // the month and the kWh in the reader's words and digits (issue 54, item 11)
        month: monthIn(month, account.language),
        units: kwhIn(
          purchases.reduce((s, p) => s + p.unitsTenths, 0),
          account.language,
        ),
        amount: formatMoney(
          {
            amountMinor: purchases
              .filter((p) => p.currency === currency)
              // what was paid less what went back (issue 62)
              .reduce((s, p) => s + p.amountMinor - p.refundedMinor, 0),
            currency,
          },
          account.language,
        ),
        count: String(purchases.length),
      },
      locale: account.language,
      attachments: [
        {
          filename: `statement-${month}.pdf`,
          contentType: 'application/pdf',
          base64: pdf.toString('base64'),
        },
      ],
      idempotencyKey: `prepaid.statement:${accountId}:${month}`,
    });
    await tables(tx)
      .updateTable('prepaid_statement')
      .set({ notification_id: notification.id })
      .where('id', '=', claimed.id)
      .execute();
    await recordAudit(tx, {
      action: 'prepaid.statement.sent',
      subject: { type: 'prepaid_account', id: accountId },
      meta: { month, notificationId: notification.id, bytes: pdf.length },
    });
    return true;
  });
}
