import type { Ctx } from '../../core/context/index.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/**
 * The meter a phone is remembered for (issue 52, USSD): the active meter it last bought for, else the
 * first active meter of the account whose owner's phone it is. Nothing is stored for it: the phone's
 * purchases are the memory, so a number typed once is offered from the next session on.
 */
export async function rememberedMeter(
  ctx: Ctx,
  phone: string,
): Promise<{ id: string; number: string } | undefined> {
  const bought = await tables(ctx)
    .selectFrom('prepaid_purchase as p')
    .innerJoin('prepaid_meter as m', 'm.id', 'p.meter_id')
    .select(['m.id', 'm.number'])
    .where('p.payer_msisdn', '=', phone)
    .where('m.status', '=', 'active')
    .orderBy('p.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (bought) return bought;
  return tables(ctx)
    .selectFrom('prepaid_meter as m')
    .innerJoin('prepaid_account as a', 'a.id', 'm.account_id')
    .select(['m.id', 'm.number'])
    .where('a.phone', '=', phone)
    .where('m.status', '=', 'active')
    .orderBy('m.number')
    .limit(1)
    .executeTakeFirst();
}

/** The last token bought from this phone (or for a meter of the account it owns). */
export async function lastTokenForPhone(ctx: Ctx, phone: string) {
  const select = () =>
    tables(ctx)
      .selectFrom('prepaid_token as t')
      .innerJoin('prepaid_meter as m', 'm.id', 't.meter_id')
      .innerJoin('prepaid_purchase as p', 'p.id', 't.purchase_id')
      .innerJoin('prepaid_account as a', 'a.id', 'm.account_id')
      .select(['m.number', 't.token', 't.units_tenths', 't.amount_minor', 't.currency', 't.created_at']);
  return select()
    .where((eb) => eb.or([eb('p.payer_msisdn', '=', phone), eb('a.phone', '=', phone)]))
    .orderBy('t.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** An active meter by its number. */
export async function activeMeterNumbered(ctx: Ctx, number: string) {
  return tables(ctx)
    .selectFrom('prepaid_meter')
    .select(['id', 'number'])
    .where('number', '=', number)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** The language of the account whose owner's phone this is (issue 65: USSD speaks it from the first screen). */
export async function accountLanguageOfPhone(ctx: Ctx, phone: string): Promise<string | undefined> {
  const row = await tables(ctx)
    .selectFrom('prepaid_account')
    .select('language')
    .where('phone', '=', phone)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.language;
}
