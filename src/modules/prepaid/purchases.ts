import { type Selectable, sql } from 'kysely';
import { auditInsertSql } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import {
  type MobileMoneyMethod,
  type Payment,
  recordManualPayment,
  requestMobileMoneyPayment,
} from '../../core/payments/index.ts';
import { lockRowById } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids/index.ts';
import { openMeterKey } from './meter-keys.ts';
import { encodeToken } from './openpaygo/openpaygo.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { DEFAULT_TOKEN_VALIDITY_DAYS, prepaidSettingsFrom } from './prepaid.settings.ts';
import type { PrepaidTables, PurchaseMethod, PurchaseSource, PurchaseStatus } from './prepaid.tables.ts';
import { getPurchase, purchaseView } from './purchase-view.ts';
import { maxTenths, type QuoteResult, quoteFor } from './quotes.ts';
import { type Sale, saleFor, saleProblem } from './sale.rules.ts';
import { unitsForAmount } from './tariff.rules.ts';
import { pricingFor } from './tariffs.ts';
import { queueTokenMessage, tokenAccount } from './token-messages.ts';
import { queueTokenSms } from './token-sms.ts';

export const PURCHASE_PURPOSE = 'prepaid.purchase';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** A token's price lines as stored (`prepaid_token.breakdown`): the receipt prints them. */
export interface Breakdown {
  tiers: Sale['tiers'];
  energyMinor: number;
  feeMinor: number;
  taxMinor: number;
  /** Paid but not turned into units (the month's blocks moved between the quote and the payment). */
  changeMinor: number;
}
const breakdownOf = (s: Sale): Breakdown => ({
  tiers: s.tiers,
  energyMinor: s.energyMinor,
  feeMinor: s.feeMinor,
  taxMinor: s.taxMinor,
  changeMinor: s.changeMinor,
});

export interface NewPurchase {
  meterId: string;
  method: PurchaseMethod;
  amountMinor: number;
  currency: string;
  /** Mobile money: the payer's phone (`+250788000111`). */
  msisdn?: string;
  idempotencyKey?: string | null;
  /** Who started it: staff (API, console), the customer portal, or a chat. */
  source?: PurchaseSource;
  /** A chat purchase: the chat the token goes back to, in the chat's language. */
  replyTo?: { channel: 'whatsapp' | 'telegram'; to: string; language?: string };
  /** The language it was bought in (a USSD session's): the token SMS speaks it. */
  language?: string;
}

/**
 * Starts a purchase: checks the meter is active and the amount buys units one token can carry,
 * then asks core payments for the money (request to pay) or records the cash staff took, in which
 * case the payment settles (and the token is made) in this same transaction.
 *
 * Lock order, as in `issueToken`: the meter row first, as the first statement. It serialises the
 * meter's sales; the purchase's insert takes a share lock on it through its foreign key, and a sale
 * that took that lock before the row lock `issueToken` asks for waited on another sale doing the
 * same: concurrent cash sales deadlocked, all but one refused `busy` (issue 40).
 */
export async function startPurchase(ctx: Ctx, rt: PrepaidRuntime, input: NewPurchase) {
  return inTransaction(ctx, async (tx) => {
    const meter = await meterForSale(tx, input.meterId);
    if (meter.status !== 'active') throw PrepaidErrors.meter_not_active({ status: meter.status });
    const q = await quoteFor(tx, meter, { amountMinor: input.amountMinor });
    if (q.currency !== input.currency) throw PrepaidErrors.currency_mismatch({ tariffCurrency: q.currency });
    assertSellable(q, input.amountMinor);
    // A mobile-money payment's id is chosen here, so the purchase is written naming it (issue 64:
    // no second write); a cash payment settles while it is recorded, and its token names it then.
    const paymentId = input.method === 'cash' ? null : newId();
    const purchase = await insertPurchase(tx, {
      meterId: meter.id,
      paymentId,
      chargeMinor: q.chargeMinor,
      input,
    });
    // The sum of the lines shown, never the amount asked: the rest of it is change (saleFor).
    const amount = { amountMinor: q.chargeMinor, currency: input.currency };
    const purpose = { type: PURCHASE_PURPOSE, id: purchase.id };
    const payment =
      input.method === 'cash'
        ? await recordManualPayment(tx, { amount, purpose, kind: 'cash', note: `Meter ${meter.number}` })
        : await requestMobileMoneyPayment(tx, rt.deps, {
            provider: input.method as MobileMoneyMethod,
            amount,
            msisdn: input.msisdn ?? '',
            purpose,
            payerMessage: `Electricity, meter ${meter.number}`,
            id: paymentId!,
            orgSettings: meter.org_settings,
          });
    // A cash sale settled here and has its token: read it back. A mobile-money one is as inserted,
    // with its payment: no second read (issue 64).
    if (input.method === 'cash') return getPurchase(tx, purchase.id);
    return purchaseView({ ...purchase, payment_id: payment.id, meter_number: meter.number });
  });
}

/** Refuses an amount outside the meter's sale range (`saleProblem`), saying the range. */
export function assertSellable(q: QuoteResult, amountMinor: number): void {
  const range = { amountMinor, minMinor: q.minMinor, maxMinor: q.maxMinor, currency: q.currency };
  const problem = saleProblem(q);
  if (problem === 'amount_too_small') throw PrepaidErrors.amount_too_small(range);
  if (problem === 'units_too_many')
    throw PrepaidErrors.units_too_many({
      ...range,
      unitsTenths: q.unitsTenths,
      maxUnitsTenths: q.maxUnitsTenths,
    });
}

/**
 * The purchase row and its `prepaid.purchase.created` audit event, in one statement (issue 64:
 * statements per purchase).
 */
async function insertPurchase(
  tx: Ctx,
  p: { meterId: string; paymentId: string | null; chargeMinor: number; input: NewPurchase },
): Promise<Selectable<PrepaidTables['prepaid_purchase']>> {
  const { input } = p;
  const after = {
    meterId: p.meterId,
    method: input.method,
    amountMinor: p.chargeMinor,
    askedMinor: input.amountMinor,
    currency: input.currency,
    source: input.source ?? 'staff',
  };
  const { rows } = await sql<Selectable<PrepaidTables['prepaid_purchase']>>`
    with p as (
      insert into prepaid_purchase (org_id, meter_id, payment_id, method, amount_minor, currency, payer_msisdn,
        source, reply_channel, reply_to, reply_language)
      values (${tx.orgId}, ${p.meterId}, ${p.paymentId}, ${input.method}, ${p.chargeMinor}, ${input.currency},
        ${input.msisdn ?? null}, ${input.source ?? 'staff'}, ${input.replyTo?.channel ?? null},
        ${input.replyTo?.to ?? null}, ${input.replyTo?.language ?? input.language ?? null})
      returning *
    ), a as (${auditInsertSql(
      tx,
      {
        action: 'prepaid.purchase.created',
        subjectType: 'prepaid_purchase',
        subjectId: sql`p.id`,
        after: sql`${JSON.stringify(after)}::jsonb`,
      },
      sql`p`,
    )})
    select * from p`.execute(tx.db);
  return rows[0]!;
}

/** The meter of a sale under its row lock, with its organization's settings (payment timing) in the same statement. */
async function meterForSale(tx: Ctx, meterId: string) {
  const row = await tables(tx)
    .selectFrom('prepaid_meter')
    .selectAll()
    .select(
      sql<Record<
        string,
        unknown
      > | null>`(select o.settings from v_orgs_organization o where o.org_id = prepaid_meter.org_id)`.as(
        'org_settings',
      ),
    )
    .where('id', '=', meterId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw PrepaidErrors.meter_not_found({ meterId });
  return row;
}

/**
 * `paymentSettled('prepaid.purchase')`, in the payment's transaction: under the meter's row lock,
 * prices the units, generates ONE OpenPAYGO token at the meter's next count, advances the count and
 * queues the token message. Nothing before it in a settling transaction references the meter (a
 * cash sale already holds its lock: `startPurchase`). The token row's unique payment id makes a repeated hook (a duplicated
 * callback, a poll racing a callback) write nothing; nothing here can make a second token.
 */
export async function issueToken(tx: Ctx, rt: PrepaidRuntime, payment: Payment): Promise<void> {
  const purchase = await lockRowById(tables(tx), 'prepaid_purchase', payment.purpose.id);
  // Paid is set with the token, in one transaction, and nowhere else: a repeated hook (read under
  // the lock, so the row as the first one committed it) stops here without reading the tokens
  // (issue 64); one that raced past it still writes nothing (the token's unique payment id).
  if (!purchase || purchase.status === 'paid') return;
  const meter = await tables(tx)
    .selectFrom('prepaid_meter')
    .selectAll()
    .where('id', '=', purchase.meter_id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const now = tx.clock.now();
  const { tariff, monthUnitsTenths: month } = await pricingFor(tx, meter, {
    tariff: purchase.created_at,
    month: now,
  });
  // Priced from what was paid; the same month prices it to the same lines. Had another sale of this
  // meter moved the month's blocks meanwhile, what the units do not cover shows as its own line.
  const q = saleFor(unitsForAmount(tariff, payment.amount.amountMinor, month), payment.amount.amountMinor);
  const units = Math.min(q.unitsTenths, maxTenths(meter));
  const value = Math.floor((units * meter.opg_value_divider) / 10);
  const { token, newCount } = encodeToken({
    key: openMeterKey(meter.opg_key_sealed, rt.secretKey),
    startingCode: Number(meter.opg_starting_code),
    count: meter.opg_last_count,
    type: 'ADD_TIME',
    value,
    restrictedDigitSet: meter.opg_restricted_digits,
    extendedToken: meter.opg_extended,
  });
  const inserted = await insertToken(tx, {
    purchase,
    payment,
    meter,
    token: { token, newCount, value, units, breakdown: breakdownOf(q), capped: units < q.unitsTenths },
  });
  if (!inserted) return;
  await tables(tx)
    .updateTable('prepaid_meter')
    .set({ opg_last_count: newCount, updated_at: now })
    .where('id', '=', meter.id)
    .execute();
  await tables(tx)
    .updateTable('prepaid_purchase')
    .set({ status: 'paid', units_tenths: units, payment_id: payment.id, updated_at: now })
    .where('id', '=', purchase.id)
    .execute();
  await queueTokenMessages(tx, rt, {
    purchase,
    payment,
    meter,
    message: {
      meterNumber: meter.number,
      token,
      unitsTenths: units,
      amount: payment.amount,
      expiresAt: inserted.expires_at,
    },
  });
}

/**
 * The token row and its `prepaid.token.issued` audit event, in one statement (issue 64); undefined
 * when the payment has its token already (a repeated hook), and then no event either.
 */
async function insertToken(
  tx: Ctx,
  t: {
    purchase: { id: string; status: PurchaseStatus };
    payment: Payment;
    meter: { id: string; opg_last_count: number };
    token: {
      token: string;
      newCount: number;
      value: number;
      units: number;
      breakdown: Breakdown;
      capped: boolean;
    };
  },
): Promise<{ id: string; expires_at: Date | null } | undefined> {
  const { purchase, payment, meter, token: k } = t;
  const { rows } = await sql<{ id: string; expires_at: Date | null }>`
    with t as (
      insert into prepaid_token (org_id, meter_id, purchase_id, payment_id, token, token_type, count, value,
        units_tenths, amount_minor, currency, breakdown, created_at, expires_at)
      values (${tx.orgId}, ${meter.id}, ${purchase.id}, ${payment.id}, ${k.token}, 'ADD_TIME', ${k.newCount},
        ${k.value}, ${k.units}, ${payment.amount.amountMinor}, ${payment.amount.currency},
        ${JSON.stringify(k.breakdown)}::jsonb, ${tx.clock.now()},
        -- Valid for the organization's tokenValidityDays (issue 66), read in this same statement.
        ${tx.clock.now()}::timestamptz + make_interval(days => coalesce((
          select case when o.settings #>> '{prepaid,tokenValidityDays}' ~ '^[0-9]{1,4}$'
            then (o.settings #>> '{prepaid,tokenValidityDays}')::int end
          from v_orgs_organization o where o.org_id = ${tx.orgId}), ${DEFAULT_TOKEN_VALIDITY_DAYS})))
      on conflict (payment_id) do nothing
      returning id, expires_at
    ), a as (${auditInsertSql(
      tx,
      {
        action: 'prepaid.token.issued',
        subjectType: 'prepaid_purchase',
        subjectId: sql`${purchase.id}::text`,
        before: sql`${JSON.stringify({ status: purchase.status, count: meter.opg_last_count })}::jsonb`,
        after: sql`${JSON.stringify({ status: 'paid', count: k.newCount, unitsTenths: k.units })}::jsonb
          || jsonb_build_object('tokenId', t.id)`,
        meta: sql`${JSON.stringify({ paymentId: payment.id, meterId: meter.id, capped: k.capped })}::jsonb`,
      },
      sql`t`,
    )})
    select id, expires_at from t`.execute(tx.db);
  return rows[0];
}

/**
 * A new token's messages: to the account's channel, to the chat the purchase came from, and by SMS to
 * the phone that paid (issue 52), in the language it bought in. The account is read once for all of
 * them (issue 64: it was read for each).
 */
async function queueTokenMessages(
  tx: Ctx,
  rt: PrepaidRuntime,
  t: {
    purchase: Pick<
      Selectable<PrepaidTables['prepaid_purchase']>,
      'reply_channel' | 'reply_to' | 'reply_language' | 'payer_msisdn'
    >;
    payment: Payment;
    meter: { account_id: string };
    message: {
      meterNumber: string;
      token: string;
      unitsTenths: number;
      amount: Payment['amount'];
      expiresAt?: Date | null;
    };
  },
): Promise<void> {
  const { purchase, payment, meter, message } = t;
  const account = await tokenAccount(tx, meter.account_id);
  await queueTokenMessage(tx, rt, {
    ...message,
    accountId: meter.account_id,
    account,
    idempotencyKey: `prepaid.token:${payment.id}`,
  });
  if (purchase.reply_channel && purchase.reply_to)
    await queueTokenMessage(tx, rt, {
      ...message,
      accountId: meter.account_id,
      account,
      to: { channel: purchase.reply_channel, address: purchase.reply_to, language: purchase.reply_language },
      idempotencyKey: `prepaid.token-chat:${payment.id}`,
    });
  await queueTokenSms(tx, rt, {
    ...message,
    paymentId: payment.id,
    accountId: meter.account_id,
    accountLanguage: account?.language,
    ...(account ? { settings: prepaidSettingsFrom(account.prepaid_settings) } : {}),
    phone: purchase.payer_msisdn,
    language: purchase.reply_language,
  });
}
