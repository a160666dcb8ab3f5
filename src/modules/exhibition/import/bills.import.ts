import { recordAudit } from '../../../core/audit/index.ts';
import type { Ctx } from '../../../core/context/index.ts';
import {
  dateTimeField,
  decimalMinorField,
  type ImportModel,
  textField,
} from '../../../core/imports/index.ts';
import { type CurrencyCode, currencyExponent } from '../../../core/money/index.ts';
import { localMoment } from '../../../core/time/index.ts';
import { sql } from '../../../platform/db/index.ts';
import type { ExhibitionTables } from '../exhibition.tables.ts';
import type { ImportTarget } from './customers.import.ts';

/** The booth imported bills are written at: the original billed at one admin desk. */
export const ORIGINAL_DESK = 'Desk (original system)';

export const CREDIT_NOTE = 'a negative amount: comes over as a credit on the customer’s tab (a signed bill)';
export const ZERO_NOTE = 'an amount of 0.00: comes over as it was';
export const NO_BILLER_NOTE =
  'no biller recorded (added in the customer’s form of the original): comes over blank';

export interface ImportedBill {
  customerId: string;
  /** Signed: the original's admin took 0.00 and negative amounts (credits, refunds, discounts). */
  amountMinor: number;
  description: string;
  createdAt: Date;
  /** The original admin's username, '' when it recorded none. */
  createdBy: string;
}

/**
 * `customers.bill` → `exhibition_bill` (marked `imported`) at the booth `ORIGINAL_DESK` of the
 * customers' exhibition: the signed amount to the cent (a negative bill is a credit on the tab, as
 * the original's total counted it), description, time (its business date in the exhibition's zone)
 * and `created_by` kept; each customer's tab (`total_minor`, `bill_count`) adds them up in the same
 * transaction, so it equals the original's `get_total_bills()`. A bill whose customer did not come
 * over is refused with the customer's reason.
 */
export const billsImport = (target: ImportTarget): ImportModel<ImportedBill> => ({
  model: 'customers.bill',
  label: 'bills',
  foreignKeys: ['customer'],
  async begin(_ctx, refs) {
    const exhibition = target.exhibition;
    const exponent = exhibition ? currencyExponent(exhibition.currency as CurrencyCode) : 2;
    return {
      parse(record) {
        const f = record.fields;
        const customerId = refs.target('customers.customer', f.customer);
        if (!exhibition || !customerId) {
          const why = refs.refusal('customers.customer', f.customer);
          return {
            refused: why
              ? `its customer ${String(f.customer)} was refused: ${why}`
              : `its customer ${String(f.customer)} did not come over`,
            field: 'customer',
          };
        }
        const amountMinor = decimalMinorField(f, 'amount', exponent, { required: true })!;
        const createdBy = textField(f, 'created_by', { max: 255 }) ?? '';
        const notes = [
          ...(amountMinor < 0 ? [CREDIT_NOTE] : amountMinor === 0 ? [ZERO_NOTE] : []),
          ...(createdBy === '' ? [NO_BILLER_NOTE] : []),
        ];
        return {
          row: {
            customerId,
            amountMinor,
            description: textField(f, 'description') ?? '',
            createdAt: dateTimeField(f, 'created_at', { required: true })!,
            createdBy,
          },
          notes,
        };
      },
      async write(tx, rows) {
        const exhibition = target.exhibition!;
        const db = tx.db.withTables<ExhibitionTables>();
        const boothId = await originalDesk(tx, exhibition.id);
        const inserted = await db
          .insertInto('exhibition_bill')
          .values(
            rows.map((b) => ({
              customer_id: b.customerId,
              booth_id: boothId,
              amount_minor: b.amountMinor,
              currency: exhibition.currency,
              description: b.description,
              business_date: localMoment(b.createdAt, exhibition.timeZone).date,
              created_by: b.createdBy,
              created_at: b.createdAt,
              imported: true,
            })),
          )
          .returning('id')
          .execute();
        await addToTabs(
          tx,
          rows.map((b) => ({ customerId: b.customerId, minor: b.amountMinor, count: 1 })),
        );
        return inserted.map((r) => r.id);
      },
      update: (tx, rows) => updateBills(tx, rows),
    };
  },
});

/** The booth of the original's desk in the exhibition, made by the first batch of bills. */
async function originalDesk(tx: Ctx, exhibitionId: string): Promise<string> {
  const db = tx.db.withTables<ExhibitionTables>();
  await db
    .insertInto('exhibition_booth')
    .values({ exhibition_id: exhibitionId, name: ORIGINAL_DESK })
    .onConflict((oc) => oc.columns(['org_id', 'exhibition_id', 'name']).doNothing())
    .execute();
  const booth = await db
    .selectFrom('exhibition_booth')
    .select('id')
    .where('exhibition_id', '=', exhibitionId)
    .where('name', '=', ORIGINAL_DESK)
    .executeTakeFirstOrThrow();
  return booth.id;
}

/** Each customer's running tab, as the desk's bills keep it: one statement per customer touched. */
async function addToTabs(
  tx: Ctx,
  changes: ReadonlyArray<{ customerId: string; minor: number; count: number }>,
): Promise<void> {
  const tabs = new Map<string, { minor: number; count: number }>();
  for (const c of changes) {
    const tab = tabs.get(c.customerId) ?? { minor: 0, count: 0 };
    tabs.set(c.customerId, { minor: tab.minor + c.minor, count: tab.count + c.count });
  }
  for (const [customerId, tab] of tabs)
    if (tab.minor !== 0 || tab.count !== 0)
      await tx.db
        .withTables<ExhibitionTables>()
        .updateTable('exhibition_customer')
        .set({
          total_minor: sql<number>`total_minor + ${tab.minor}::bigint`,
          bill_count: sql<number>`bill_count + ${tab.count}`,
        })
        .where('id', '=', customerId)
        .execute();
}

/**
 * Bills edited in the original's admin since the last import (an amount corrected, a description, the
 * customer): the bill takes the new values and the tabs move by the difference. A bill voided in
 * Opsdesk meanwhile stays void and out of the tab. Each change is audited with what it was; a bill
 * brought again with nothing of ours changed writes nothing.
 */
async function updateBills(tx: Ctx, rows: ReadonlyArray<{ id: string; row: ImportedBill }>): Promise<void> {
  const tabs: Array<{ customerId: string; minor: number; count: number }> = [];
  for (const { id, row } of rows) {
    const { rows: found } = await sql<{
      customer_id: string;
      amount_minor: string;
      description: string;
      created_by: string;
      status: string;
    }>`select customer_id, amount_minor, description, created_by, status from exhibition_bill
       where org_id = ${tx.orgId} and id = ${id}::uuid for update`.execute(tx.db);
    const before = found[0];
    if (
      !before ||
      (before.customer_id === row.customerId &&
        Number(before.amount_minor) === row.amountMinor &&
        before.description === row.description &&
        before.created_by === row.createdBy)
    )
      continue;
    await tx.db
      .withTables<ExhibitionTables>()
      .updateTable('exhibition_bill')
      .set({
        customer_id: row.customerId,
        amount_minor: row.amountMinor,
        description: row.description,
        created_by: row.createdBy,
      })
      .where('id', '=', id)
      .execute();
    if (before.status === 'active')
      tabs.push(
        { customerId: before.customer_id, minor: -Number(before.amount_minor), count: -1 },
        { customerId: row.customerId, minor: row.amountMinor, count: 1 },
      );
    await recordAudit(tx, {
      action: 'exhibition.bill.changed_in_original',
      subject: { type: 'exhibition_bill', id },
      before: {
        customerId: before.customer_id,
        amountMinor: Number(before.amount_minor),
        description: before.description,
        createdBy: before.created_by,
      },
      after: {
        customerId: row.customerId,
        amountMinor: row.amountMinor,
        description: row.description,
        createdBy: row.createdBy,
      },
    });
  }
  await addToTabs(tx, tabs);
}
