import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { ContactsTables } from '../contacts/index.ts';
import type { Ctx } from '../context/index.ts';
import { type CurrencyCode, formatMoney } from '../money/index.ts';
import type { ResourceMessage } from '../resources/index.ts';
import type { PaymentsTables } from './payments.tables.ts';
import type { PaymentPurposeLabel, PurposeLabeler } from './purpose-label.ts';
import { purposeTypeLabel } from './purpose-type-label.ts';

/** What names a payment's purpose and payer: read from the payment row. */
export interface PaymentParties {
  purposeType: string;
  purposeId: string;
  payerContactId: string | null;
  /** The number a mobile-money payment was asked of, when it was one. */
  payerMsisdn?: string | null;
}

/** Who paid and for what, as staff read it in a list, on a record's page and in a CSV. */
export interface PaymentWords {
  /** The payer the purpose's module registered (a raffle buyer, a student), else the contact book's name. */
  payer: string | null;
  /** The number a mobile-money payment was asked of, else the payer's phone as the purpose's module keeps it. */
  phone: string | null;
  /**
   * The record paid for in its module's words (`raffle.purpose.order`: "Raffle Rifa Navidad — numbers
   * 48, 95"), linked to the record's page, with an English text for the CSV; a purpose its module
   * no longer words reads as its type ("Raffle order").
   */
  record: ResourceMessage;
}

/** The words of some payments, keyed as given (`key` of each). */
export async function paymentWords<K>(
  ctx: Ctx,
  labelers: ReadonlyArray<PurposeLabeler>,
  payments: ReadonlyArray<PaymentParties & { key: K }>,
): Promise<Map<K, PaymentWords>> {
  const [labels, names] = await Promise.all([
    purposeLabelsOf(ctx, labelers, payments),
    contactNames(
      ctx,
      payments.flatMap((p) => (p.payerContactId ? [p.payerContactId] : [])),
    ),
  ]);
  return new Map(
    payments.map((p) => {
      const label = labels.get(`${p.purposeType} ${p.purposeId}`);
      return [
        p.key,
        {
          payer: label?.payer ?? (p.payerContactId ? (names.get(p.payerContactId) ?? null) : null),
          // The number money was asked of is the payer's phone for that payment; else the module's.
          phone: p.payerMsisdn ?? label?.phone ?? null,
          record: recordMessage(p.purposeType, label),
        },
      ];
    }),
  );
}

/**
 * The payments list's words for some payments by id: who paid, for what, and the sentence that
 * names the payment ("Payment of $15.00 by Ana Benítez for Raffle Rifa Navidad — numbers 48, 95").
 */
export async function paymentWordsById(
  ctx: Ctx,
  labelers: ReadonlyArray<PurposeLabeler>,
  paymentIds: ReadonlyArray<string>,
): Promise<Map<string, PaymentWords & { title: ResourceMessage }>> {
  if (!paymentIds.length) return new Map();
  const rows = await ctx.db
    .withTables<PaymentsTables>()
    .selectFrom('payment')
    .select([
      'id',
      'amount_minor',
      'currency',
      'purpose_type',
      'purpose_id',
      'payer_contact_id',
      'payer_msisdn',
    ])
    .where('id', 'in', [...new Set(paymentIds)])
    .execute();
  const words = await paymentWords(
    ctx,
    labelers,
    rows.map((r) => ({
      key: r.id,
      purposeType: r.purpose_type,
      purposeId: r.purpose_id,
      payerContactId: r.payer_contact_id,
      payerMsisdn: r.payer_msisdn,
    })),
  );
  return new Map(
    rows.map((r) => {
      const { payer, phone, record } = words.get(r.id)!;
      // The amount as a param of its own: the console writes it in the reader's format.
      const amount = { amountMinor: Number(r.amount_minor), currency: r.currency };
      const text = amountText(amount.amountMinor, amount.currency);
      const title: ResourceMessage = payer
        ? {
            key: 'payments.paymentTitle.byPayer',
            params: { amount, payer, record },
            text: `Payment of ${text} by ${payer} for ${record.text}`,
          }
        : {
            key: 'payments.paymentTitle.forRecord',
            params: { amount, record },
            text: `Payment of ${text} for ${record.text}`,
          };
      return [r.id, { payer, phone, record, title }];
    }),
  );
}

/** An amount as the English sentences of a CSV write it (`RWF 1,000`, `$15.00`). */
export const amountText = (amountMinor: number, currency: string): string =>
  formatMoney({ amountMinor, currency: currency as CurrencyCode }, 'en');

function recordMessage(purposeType: string, label: PaymentPurposeLabel | undefined): ResourceMessage {
  const type = humanizedType(purposeType);
  if (!label) return { key: purposeTypeLabel(purposeType), text: type };
  const values = Object.values(label.params).join(', ');
  return {
    key: label.key,
    params: label.params,
    text: values ? `${type}: ${values}` : type,
    ...(label.record ? { record: label.record } : {}),
  };
}

/**
 * What a payer's approval prompt says a charge is for when the caller wrote nothing: the record in
 * its module's words ("Raffle order: Rifa Navidad, 5, 12"), never its purpose code (issue 65).
 */
export async function purposeText(
  ctx: Ctx,
  labelers: ReadonlyArray<PurposeLabeler>,
  purpose: { type: string; id: string },
): Promise<string> {
  const labels = await purposeLabelsOf(ctx, labelers, [{ purposeType: purpose.type, purposeId: purpose.id }]);
  return (
    recordMessage(purpose.type, labels.get(`${purpose.type} ${purpose.id}`)).text ??
    humanizedType(purpose.type)
  );
}

/** `raffle.order` → "Raffle order", `mess.cycle_fee` → "Mess cycle fee": the type when no catalog is at hand. */
export function humanizedType(type: string): string {
  const words = type.replace(/[._]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Asks each purpose's owner for its words, one call per purpose type; keyed `<type> <id>`. */
export async function purposeLabelsOf(
  ctx: Ctx,
  labelers: ReadonlyArray<PurposeLabeler>,
  purposes: ReadonlyArray<{ purposeType: string; purposeId: string }>,
): Promise<Map<string, PaymentPurposeLabel>> {
  const out = new Map<string, PaymentPurposeLabel>();
  for (const labeler of labelers) {
    const ids = [...new Set(purposes.filter((p) => p.purposeType === labeler.type).map((p) => p.purposeId))];
    if (!ids.length) continue;
    for (const [id, label] of await labeler.label(ctx, ids)) out.set(`${labeler.type} ${id}`, label);
  }
  return out;
}

/**
 * The condition that finds the payments whose payer holds one search word, as each purpose's module
 * knows its payers (`findByPayer`: one read per purpose type), or null when none does.
 */
export async function payerSearchSql(
  ctx: Ctx,
  labelers: ReadonlyArray<PurposeLabeler>,
  word: string,
): Promise<RawBuilder<SqlBool> | null> {
  const found: RawBuilder<SqlBool>[] = [];
  for (const labeler of labelers) {
    const ids = labeler.findByPayer ? await labeler.findByPayer(ctx, word) : [];
    if (ids.length)
      found.push(
        sql<SqlBool>`(payment.purpose_type = ${labeler.type} and payment.purpose_id = any(${[...ids]}))`,
      );
  }
  return found.length ? sql<SqlBool>`(${sql.join(found, sql` or `)})` : null;
}

/** The contact book's names of some contacts (those with one). */
export async function contactNames(
  ctx: Ctx,
  contactIds: ReadonlyArray<string>,
): Promise<Map<string, string>> {
  const ids = [...new Set(contactIds)];
  if (!ids.length) return new Map();
  const rows = await ctx.db
    .withTables<ContactsTables>()
    .selectFrom('contact')
    .select(['id', 'display_name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.flatMap((r) => (r.display_name ? [[r.id, r.display_name] as const] : [])));
}
