import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { TOKEN_SMS_FOLLOW_UP_SECONDS, tokenSmsFollowUpJob } from './prepaid.queue.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import type { PrepaidTables } from './prepaid.tables.ts';
import { queueTokenMessage } from './token-messages.ts';
import { queueTokenSms } from './token-sms.ts';

/** How many times a token SMS still on its way is looked at (an hour in all). */
const MOST_LOOKS = 6;

type TokenSmsViewTables = {
  v_notifications_notification: { org_id: string; id: string; status: string };
  v_sms_message: { org_id: string; notification_id: string; status: string };
};

/** What became of a token SMS: delivered, still on its way, or not delivered. */
export async function tokenSmsFate(
  ctx: Ctx,
  notificationId: string,
): Promise<'delivered' | 'waiting' | 'lost'> {
  const row = await ctx.db
    .withTables<TokenSmsViewTables>()
    .selectFrom('v_notifications_notification as n')
    .leftJoin('v_sms_message as s', 's.notification_id', 'n.id')
    .select(['n.status as message', 's.status as network'])
    .where('n.id', '=', notificationId)
    .executeTakeFirst();
  if (!row) return 'lost';
  if (row.network === 'delivered') return 'delivered';
  if (['dead', 'undeliverable', 'unconfirmed'].includes(row.message) || row.network === 'failed')
    return 'lost';
  return 'waiting';
}

/**
 * A token SMS that did not reach the phone is offered on the person's next channel (issue 52): the
 * account's own chat or e-mail, and the chat the purchase came from, under the keys those messages
 * always use (a token already there is not sent twice); else the account owner's phone when another
 * phone paid. Audited either way, so staff see the token went elsewhere or nowhere.
 */
export async function followUpTokenSms(
  ctx: Ctx,
  rt: PrepaidRuntime,
  p: { paymentId: string; notificationId: string; looks: number },
): Promise<'delivered' | 'waiting' | 'offered' | 'nowhere'> {
  const fate = await tokenSmsFate(ctx, p.notificationId);
  if (fate === 'delivered') return 'delivered';
  // Still on its way: looked at again, MOST_LOOKS times at most (an account whose callback URL is not
  // set never reports; its texts are not taken as lost, nor the token sent twice).
  if (fate === 'waiting') {
    if (p.looks + 1 < MOST_LOOKS)
      await rt.jobs.send(
        tokenSmsFollowUpJob,
        { orgId: ctx.orgId, paymentId: p.paymentId, notificationId: p.notificationId, looks: p.looks + 1 },
        { startAfter: TOKEN_SMS_FOLLOW_UP_SECONDS, singletonKey: `${p.notificationId}:${p.looks + 1}` },
      );
    return 'waiting';
  }
  return inTransaction(ctx, async (tx) => {
    const t = await tx.db
      .withTables<PrepaidTables>()
      .selectFrom('prepaid_token as t')
      .innerJoin('prepaid_meter as m', 'm.id', 't.meter_id')
      .innerJoin('prepaid_purchase as p', 'p.id', 't.purchase_id')
      .innerJoin('prepaid_account as a', 'a.id', 'm.account_id')
      .select([
        't.purchase_id',
        't.token',
        't.units_tenths',
        't.amount_minor',
        't.currency',
        'm.number',
        'm.account_id',
        'a.phone',
        'a.language',
        'p.payer_msisdn',
        'p.reply_channel',
        'p.reply_to',
        'p.reply_language',
      ])
      .where('t.payment_id', '=', p.paymentId)
      .executeTakeFirst();
    if (!t) return 'nowhere';
    const message = {
      meterNumber: t.number,
      token: t.token,
      unitsTenths: t.units_tenths,
      amount: { amountMinor: Number(t.amount_minor), currency: t.currency.trim() },
      accountId: t.account_id,
    };
    let offered = await queueTokenMessage(tx, rt, {
      ...message,
      idempotencyKey: `prepaid.token:${p.paymentId}`,
    });
    if (t.reply_channel && t.reply_to)
      offered =
        (await queueTokenMessage(tx, rt, {
          ...message,
          to: { channel: t.reply_channel, address: t.reply_to, language: t.reply_language },
          idempotencyKey: `prepaid.token-chat:${p.paymentId}`,
        })) || offered;
    if (!offered && t.phone && t.phone !== t.payer_msisdn)
      offered =
        (await queueTokenSms(tx, rt, {
          ...message,
          paymentId: p.paymentId,
          phone: t.phone,
          language: t.language,
          keySuffix: 'owner',
          followUp: false,
        })) !== null;
    await recordAudit(tx, {
      action: 'prepaid.token.sms_undelivered',
      subject: { type: 'prepaid_purchase', id: t.purchase_id },
      meta: { paymentId: p.paymentId, notificationId: p.notificationId, offeredElsewhere: offered },
    });
    return offered ? 'offered' : 'nowhere';
  });
}
