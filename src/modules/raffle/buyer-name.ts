import { currencyExponent, isCurrencyCode } from '../../core/money/index.ts';

/**
 * How people and orders are named wherever someone reads them (issue 41, item 12): a buyer by the
 * profile name they gave, else their WhatsApp number; an order by its tickets and amount. Ids are
 * never shown.
 */

/** A buyer's name as people know them: profile name, else `+<WhatsApp number>`. */
export function buyerName(b: { display_name: string | null; wa_id: string | null }): string | null {
  const name = b.display_name?.trim();
  if (name) return name;
  return b.wa_id ? `+${b.wa_id}` : null;
}

/** The same name in SQL, for a `raffle_buyer` row under `alias` (lists, reports). */
export const buyerNameSql = (alias: string): string =>
  `coalesce(nullif(btrim(${alias}.display_name), ''), '+' || ${alias}.wa_id)`;

/**
 * The public page's name for a winner: the first word of the profile name, else the number's last
 * four digits (`•••0001`): recognisable to the buyer, not a stranger's full number.
 */
export function publicBuyerName(b: { display_name: string | null; wa_id: string | null }): string | null {
  const name = b.display_name?.trim();
  if (name) return name.split(/\s+/)[0]!;
  return b.wa_id ? `•••${b.wa_id.slice(-4)}` : null;
}

/**
 * Currencies by their digits after the decimal point, as the money module counts them (its
 * `currencyExponent`, CLDR's): the amounts were stored with those digits, so a title shows them
 * with the same (COP has 0 there, 2 in ISO 4217: reading ISO's table showed COP 100× too little).
 */
const withExponent = (digits: number) =>
  Intl.supportedValuesOf('currency').filter((c) => isCurrencyCode(c) && currencyExponent(c) === digits);
const ZERO_DECIMALS = withExponent(0);
const THREE_DECIMALS = withExponent(3);
const list = (codes: string[]) => codes.map((c) => `'${c}'`).join(',');

/**
 * An order's title in SQL for a `raffle_order` row under `alias`: its tickets and amount,
 * `#5 #12 · PYG 40,000` (numbers and a currency code read the same in every language).
 */
export const orderTitleSql = (alias: string): string =>
  `(select string_agg('#' || n, ' ' order by n) from unnest(${alias}.numbers) n) || ' · ' || btrim(${alias}.currency) || ' ' ||
   case when btrim(${alias}.currency) in (${list(ZERO_DECIMALS)}) then to_char(${alias}.amount_minor, 'FM999,999,999,999,990')
        when btrim(${alias}.currency) in (${list(THREE_DECIMALS)}) then to_char(${alias}.amount_minor / 1000.0, 'FM999,999,999,990.000')
        else to_char(${alias}.amount_minor / 100.0, 'FM999,999,999,990.00') end`;

/**
 * An order's title as the console reads it (issue 66: "PYG 4,000" in the title beside "4000 PYG" in the
 * chat): a `message` whose amount the console writes as all money is written for the reader's language,
 * the bot and the texts doing the same through core's `formatMoney`; `text` keeps the English title
 * for API clients and CSV.
 */
export const orderTitleMessageSql = (alias: string): string =>
  `jsonb_build_object(
     'key', 'raffle.order_title',
     'params', jsonb_build_object(
       'tickets', (select string_agg('#' || n, ' ' order by n) from unnest(${alias}.numbers) n),
       'amount', jsonb_build_object('amountMinor', ${alias}.amount_minor, 'currency', btrim(${alias}.currency))),
     'text', ${orderTitleSql(alias)})`;
