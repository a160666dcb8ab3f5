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

export interface ImportedOriginalPayment {
  accountId: string;
  meterId: string | null;
  amountMinor: number;
  method: 'momo' | 'card' | 'cash';
  status: 'pending' | 'success' | 'failed';
  externalReference: string | null;
  createdAt: Date;
}

/**
 * `transactions.paymenttransaction` → `prepaid_imported_payment`: what a customer paid the original,
 * as history with the original's own method and status words. It is not an Opsdesk sale: no core
 * payment row, no provider asked, nothing sent, and Opsdesk's sales and reports are unchanged.
 */
export const paymentsImport: ImportModel<ImportedOriginalPayment> = {
  model: 'transactions.paymenttransaction',
  label: 'payments',
  foreignKeys: ['user', 'meter'],
  async begin(ctx, refs) {
    return {
      parse(record) {
        const f = record.fields;
        const accountId = accountOf(refs, record, 'user');
        const meterId = targetOf(refs, record, 'meter', 'meters.meter', 'meter');
        const amountMinor = decimalMinorField(f, 'amount_rwf', 0, { required: true })!;
        if (amountMinor < 0) throw new FieldProblem('amount_rwf', 'is below zero');
        return {
          row: {
            accountId,
            meterId,
            amountMinor,
            method: choiceField(f, 'method', ['momo', 'card', 'cash'], { required: true })!,
            status: choiceField(f, 'status', ['pending', 'success', 'failed'], { required: true })!,
            externalReference: textField(f, 'external_reference', { max: 100 }),
            createdAt: dateTimeField(f, 'created_at') ?? ctx.clock.now(),
          },
        };
      },
      async write(tx, rows) {
        const inserted = await tx.db
          .withTables<PrepaidTables>()
          .insertInto('prepaid_imported_payment')
          .values(
            rows.map((p) => ({
              account_id: p.accountId,
              meter_id: p.meterId,
              amount_minor: p.amountMinor,
              currency: CURRENCY,
              method: p.method,
              status: p.status,
              external_reference: p.externalReference,
              created_at: p.createdAt,
            })),
          )
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
      refusalOf: uniqueRefusals({
        prepaid_imported_payment_reference_idx:
          'external_reference: a payment with this reference was already imported',
      }),
    };
  },
};

export interface ImportedOriginalToken {
  meterId: string;
  paymentId: string;
  token: string;
  unitsMilli: number;
  status: 'created' | 'delivered' | 'cancelled';
  createdAt: Date;
}

/**
 * `transactions.tokenpurchase` → `prepaid_imported_token`: a token the original sold (20 random
 * digits, `XXXXX-XXXXX-XXXXX-XXXXX`), kept as digits so the token check finds it when a customer
 * types it after the switch ("sold before the switch"). Issues nothing: the original credited the
 * meter at the sale, and Opsdesk's next OpenPAYGO token is counted from the meter's own settings.
 */
export const tokensImport: ImportModel<ImportedOriginalToken> = {
  model: 'transactions.tokenpurchase',
  label: 'tokens',
  foreignKeys: ['payment', 'meter'],
  async begin(ctx, refs) {
    return {
      parse(record) {
        const f = record.fields;
        const paymentId = refs.target('transactions.paymenttransaction', f.payment);
        if (!paymentId)
          throw new FieldProblem('payment', `payment ${String(f.payment ?? '')} did not come over`);
        const meterId = refs.target('meters.meter', f.meter);
        if (!meterId) throw new FieldProblem('meter', `meter ${String(f.meter ?? '')} did not come over`);
        const typed = textField(f, 'token_generated', { required: true, max: 25 })!;
        const token = typed.replace(/[\s-]/g, '');
        if (!/^\d{1,25}$/.test(token))
          throw new FieldProblem('token_generated', `expected digits in groups, got ${typed}`);
        const unitsMilli = decimalMinorField(f, 'units_generated', 3, { required: true })!;
        if (unitsMilli < 0) throw new FieldProblem('units_generated', 'is below zero');
        return {
          row: {
            meterId,
            paymentId,
            token,
            unitsMilli,
            status: choiceField(f, 'status', ['created', 'delivered', 'cancelled'], { required: true })!,
            createdAt: dateTimeField(f, 'created_at') ?? ctx.clock.now(),
          },
        };
      },
      async write(tx, rows) {
        const inserted = await tx.db
          .withTables<PrepaidTables>()
          .insertInto('prepaid_imported_token')
          .values(
            rows.map((t) => ({
              meter_id: t.meterId,
              payment_id: t.paymentId,
              token: t.token,
              units_milli: t.unitsMilli,
              status: t.status,
              created_at: t.createdAt,
            })),
          )
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
      refusalOf: uniqueRefusals({
        prepaid_imported_token_org_id_token_key: 'token_generated: this token was already imported',
        prepaid_imported_token_payment_id_key: 'payment: this payment already has an imported token',
      }),
    };
  },
};
