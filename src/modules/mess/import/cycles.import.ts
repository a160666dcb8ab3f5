import {
  dateField,
  decimalMinorField,
  FieldProblem,
  type ImportModel,
  textField,
} from '../../../core/imports/index.ts';
import { type CurrencyCode, currencyExponent } from '../../../core/money/index.ts';
import { isUniqueViolation } from '../../../platform/errors/index.ts';
import { messSettingsOf } from '../mess.settings.ts';
import type { MessTables } from '../mess.tables.ts';

export interface ImportedCycle {
  name: string;
  from: string;
  to: string;
  feeMinor: number;
}

/**
 * `mess.cycle` → `mess_cycle`: its days and fee, in the organization's currency. Each parsed fee is
 * also noted in `fees` by the cycle's pk: a payment without an amount owes its cycle's fee, also in
 * a dry run, where the cycle is not written.
 */
export const cyclesImport = (fees: Map<string, number>): ImportModel<ImportedCycle> => ({
  model: 'mess.cycle',
  label: 'cycles',
  async begin(ctx) {
    const { currency } = await messSettingsOf(ctx);
    const exponent = currencyExponent(currency as CurrencyCode);
    return {
      parse(record) {
        const f = record.fields;
        const from = dateField(f, 'start_date', { required: true })!;
        const to = dateField(f, 'end_date', { required: true })!;
        if (to < from) throw new FieldProblem('end_date', `is before start_date (${from})`);
        const feeMinor = decimalMinorField(f, 'fee', exponent, { required: true })!;
        if (feeMinor < 0) throw new FieldProblem('fee', 'is negative');
        fees.set(record.pk, feeMinor);
        return { row: { name: textField(f, 'name', { max: 120 }) || `${from} – ${to}`, from, to, feeMinor } };
      },
      async write(tx, rows) {
        const inserted = await tx.db
          .withTables<MessTables>()
          .insertInto('mess_cycle')
          .values(
            rows.map((c) => ({
              name: c.name,
              from_date: c.from,
              to_date: c.to,
              fee_minor: c.feeMinor,
              currency,
            })),
          )
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
      refusalOf: (err) =>
        isUniqueViolation(err, 'mess_cycle_org_id_name_key')
          ? 'name: a cycle of this name is already there'
          : undefined,
    };
  },
});
