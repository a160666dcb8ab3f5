import type { Ctx } from '../../../core/context/index.ts';
import {
  choiceField,
  dateTimeField,
  decimalMinorField,
  FieldProblem,
  type ImportModel,
  targetOf,
  textField,
  uniqueRefusals,
} from '../../../core/imports/index.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { accountOf } from './meters.import.ts';

/** The original sold in Rwandan francs only (`amount_rwf`). */
const CURRENCY = 'RWF';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

export interface ImportedOriginalPayment {
  originalId: string;
  accountId: string;
  meterId: string | null;
  /** Hundredths of a franc, as the original's Decimal(12,2): `1500.50` is 150050. */
  amountCents: number;
  method: 'momo' | 'card' | 'cash';
  status: 'pending' | 'success' | 'failed';
  externalReference: string | null;
  createdAt: Date;
}

/**
 * `transactions.paymenttransaction` → `prepaid_imported_payment`: what a customer paid the original,
 * to the cent, as history with the original's own method and status words and its id (its API paths
 * answer with it). It is not an Opsdesk sale: no core payment row, no provider asked, nothing sent,
 * and Opsdesk's sales and reports are unchanged. A payment whose status, amount or meter changed in
 * the original since the last run (a pending MoMo payment an admin marked successful) takes the change.
 */
export const paymentsImport: ImportModel<ImportedOriginalPayment> = {
  model: 'transactions.paymenttransaction',
  label: 'payments',
  foreignKeys: ['user', 'meter'],
  async begin(ctx, refs) {
    return {
      parse(record) {
        const f = record.fields;
        const amountCents = decimalMinorField(f, 'amount_rwf', 2, { required: true })!;
        if (amountCents < 0) throw new FieldProblem('amount_rwf', 'is below zero');
        return {
          row: {
            originalId: record.pk,
            accountId: accountOf(refs, record, 'user'),
            meterId: targetOf(refs, record, 'meter', 'meters.meter', 'meter'),
            amountCents,
            method: choiceField(f, 'method', ['momo', 'card', 'cash']) ?? 'momo',
            status: choiceField(f, 'status', ['pending', 'success', 'failed']) ?? 'pending',
            externalReference: textField(f, 'external_reference', { max: 100 }),
            createdAt: dateTimeField(f, 'created_at') ?? ctx.clock.now(),
          },
        };
      },
      async write(tx, rows) {
        const inserted = await tables(tx)
          .insertInto('prepaid_imported_payment')
          .values(rows.map(paymentColumns))
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
      async update(tx, rows) {
        for (const { id, row } of rows)
          await tables(tx)
            .updateTable('prepaid_imported_payment')
            .set(paymentColumns(row))
            .where('id', '=', id)
            .execute();
      },
      refusalOf: uniqueRefusals({
        prepaid_imported_payment_reference_idx:
          'external_reference: a payment with this reference was already imported',
      }),
    };
  },
};

const paymentColumns = (p: ImportedOriginalPayment) => ({
  original_id: p.originalId,
  account_id: p.accountId,
  meter_id: p.meterId,
  amount_cents: p.amountCents,
  currency: CURRENCY,
  method: p.method,
  status: p.status,
  external_reference: p.externalReference,
  created_at: p.createdAt,
});

export interface ImportedOriginalToken {
  originalId: string;
  meterId: string;
  paymentId: string;
  token: string;
  unitsMilli: number;
  status: 'created' | 'delivered' | 'cancelled';
  createdAt: Date;
}

/**
 * `transactions.tokenpurchase` → `prepaid_imported_token`: a token the original sold (20 random
 * digits, `XXXXX-XXXXX-XXXXX-XXXXX`, or as an admin typed it in its form), kept as digits so the
 * token check finds it when a customer types it after the switch ("sold before the switch"). Issues
 * nothing: the original credited the meter at the sale, and Opsdesk's next OpenPAYGO token is
 * counted from the meter's own settings. A token cancelled since the last run is cancelled here too.
 */
export const tokensImport: ImportModel<ImportedOriginalToken> = {
  model: 'transactions.tokenpurchase',
  label: 'tokens',
  foreignKeys: ['payment', 'meter'],
  async begin(ctx, refs) {
    return {
      parse(record) {
        const f = record.fields;
        const typed = textField(f, 'token_generated', { required: true, max: 40 })!;
        const token = typed.replace(/[\s-]/g, '');
        if (!/^\d{1,25}$/.test(token))
          throw new FieldProblem('token_generated', `expected digits in groups, got ${typed}`);
        const unitsMilli = decimalMinorField(f, 'units_generated', 3, { required: true })!;
        if (unitsMilli < 0) throw new FieldProblem('units_generated', 'is below zero');
        return {
          row: {
            originalId: record.pk,
            paymentId: targetOf(refs, record, 'payment', 'transactions.paymenttransaction', 'payment', {
              required: true,
            })!,
            meterId: targetOf(refs, record, 'meter', 'meters.meter', 'meter', { required: true })!,
            token,
            unitsMilli,
            status: choiceField(f, 'status', ['created', 'delivered', 'cancelled']) ?? 'created',
            createdAt: dateTimeField(f, 'created_at') ?? ctx.clock.now(),
          },
        };
      },
      async write(tx, rows) {
        const inserted = await tables(tx)
          .insertInto('prepaid_imported_token')
          .values(rows.map(tokenColumns))
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
      async update(tx, rows) {
        for (const { id, row } of rows)
          await tables(tx)
            .updateTable('prepaid_imported_token')
            .set(tokenColumns(row))
            .where('id', '=', id)
            .execute();
      },
      refusalOf: uniqueRefusals({
        prepaid_imported_token_org_id_token_key: 'token_generated: this token was already imported',
        prepaid_imported_token_payment_id_key: 'payment: this payment already has an imported token',
      }),
    };
  },
};

const tokenColumns = (t: ImportedOriginalToken) => ({
  original_id: t.originalId,
  meter_id: t.meterId,
  payment_id: t.paymentId,
  token: t.token,
  units_milli: t.unitsMilli,
  status: t.status,
  created_at: t.createdAt,
});
