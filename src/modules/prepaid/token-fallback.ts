import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import type { NotificationOutcomeEvent } from '../../core/notifications/index.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import type { PrepaidTables } from './prepaid.tables.ts';
import { queueTokenMessage } from './token-messages.ts';
import { queueTokenSms, tokenSmsOf } from './token-sms.ts';

/**
 * A token SMS that did not reach the phone is offered on the person's next channel (issue 52): the
 * account's own chat or e-mail, and the chat the purchase came from, under the keys those messages
 * always use (a token already there is not sent twice); else the account owner's phone when another
 * phone paid. Audited either way, so staff see the token went elsewhere or nowhere. Runs when the
 * outbox tells the SMS's end (`hooks.notificationOutcome`), in the transaction that records it: a
 * module reacts to the outcome; when a text whose answer was lost is lost is the SMS channel's rule
 * (core waits for the report, sends it once more, then gives it up; issue 75).
 */
export async function offerUndeliveredToken(
  tx: Ctx,
  rt: PrepaidRuntime,
  event: NotificationOutcomeEvent,
): Promise<void> {
  const text = event.outcome === 'lost' ? tokenSmsOf(event.idempotencyKey) : null;
  if (!text) return;
  const { paymentId } = text;
  const token = await tokenOfPayment(tx, paymentId);
  const fate = token
    ? await offerTokenElsewhere(tx, rt, token, { paymentId, notificationId: event.notificationId })
    : 'nowhere';
  rt.log.info({ orgId: tx.orgId, paymentId, fate }, 'prepaid: a token SMS did not arrive');
}

type TokenOfPayment = NonNullable<Awaited<ReturnType<typeof tokenOfPayment>>>;

async function tokenOfPayment(tx: Ctx, paymentId: string) {
  return tx.db
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
    .where('t.payment_id', '=', paymentId)
    .executeTakeFirst();
}

const messageOf = (t: TokenOfPayment) => ({
  meterNumber: t.number,
  token: t.token,
  unitsTenths: t.units_tenths,
  amount: { amountMinor: Number(t.amount_minor), currency: t.currency.trim() },
  accountId: t.account_id,
});

async function offerTokenElsewhere(
  ctx: Ctx,
  rt: PrepaidRuntime,
  t: TokenOfPayment,
  p: { paymentId: string; notificationId: string },
): Promise<'offered' | 'nowhere'> {
  return inTransaction(ctx, async (tx) => {
    const message = messageOf(t);
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
        })) !== null;
    await recordAudit(tx, {
      action: 'prepaid.token.sms_undelivered',
      subject: { type: 'prepaid_purchase', id: t.purchase_id },
      meta: { paymentId: p.paymentId, notificationId: p.notificationId, offeredElsewhere: offered },
    });
    return offered ? 'offered' : 'nowhere';
  });
}
