import {
  dateTimeField,
  decimalMinorField,
  FieldProblem,
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

export interface ImportedBill {
  customerId: string;
  amountMinor: number;
  description: string;
  createdAt: Date;
  createdBy: string;
}

/**
 * `customers.bill` → `exhibition_bill` at the booth `ORIGINAL_DESK` of the customers' exhibition:
 * amount (in the exhibition's currency), description, time (its business date in the exhibition's
 * zone) and `created_by` kept; each customer's tab (`total_minor`, `bill_count`) adds them up in the
 * same transaction. A bill whose customer did not come over is refused.
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
        if (!exhibition || !customerId)
          return { refused: `customer ${String(f.customer)} did not come over`, field: 'customer' };
        const amountMinor = decimalMinorField(f, 'amount', exponent, { required: true })!;
        if (amountMinor <= 0) throw new FieldProblem('amount', 'is not above zero');
        return {
          row: {
            customerId,
            amountMinor,
            description: textField(f, 'description', { max: 500 }) ?? '',
            createdAt: dateTimeField(f, 'created_at', { required: true })!,
            createdBy: textField(f, 'created_by', { max: 150 }) || 'original system',
          },
        };
      },
      async write(tx, rows) {
        const exhibition = target.exhibition!;
        const db = tx.db.withTables<ExhibitionTables>();
        await db
          .insertInto('exhibition_booth')
          .values({ exhibition_id: exhibition.id, name: ORIGINAL_DESK })
          .onConflict((oc) => oc.columns(['org_id', 'exhibition_id', 'name']).doNothing())
          .execute();
        const booth = await db
          .selectFrom('exhibition_booth')
          .select('id')
          .where('exhibition_id', '=', exhibition.id)
          .where('name', '=', ORIGINAL_DESK)
          .executeTakeFirstOrThrow();
        const inserted = await db
          .insertInto('exhibition_bill')
          .values(
            rows.map((b) => ({
              customer_id: b.customerId,
              booth_id: booth.id,
              amount_minor: b.amountMinor,
              currency: exhibition.currency,
              description: b.description,
              business_date: localMoment(b.createdAt, exhibition.timeZone).date,
              created_by: b.createdBy,
              created_at: b.createdAt,
            })),
          )
          .returning('id')
          .execute();
        // Each customer's running tab, as the desk's bills keep it.
        const tabs = new Map<string, { total: number; count: number }>();
        for (const b of rows) {
          const tab = tabs.get(b.customerId) ?? { total: 0, count: 0 };
          tabs.set(b.customerId, { total: tab.total + b.amountMinor, count: tab.count + 1 });
        }
        for (const [customerId, tab] of tabs)
          await db
            .updateTable('exhibition_customer')
            .set({
              total_minor: sql<number>`total_minor + ${tab.total}::bigint`,
              bill_count: sql<number>`bill_count + ${tab.count}`,
            })
            .where('id', '=', customerId)
            .execute();
        return inserted.map((r) => r.id);
      },
    };
  },
});
