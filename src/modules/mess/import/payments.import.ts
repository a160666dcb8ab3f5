import type { ActorRef } from '../../../core/context/index.ts';
import {
  choiceField,
  dateTimeField,
  decimalMinorField,
  FieldProblem,
  type ImportModel,
  integerField,
  textField,
} from '../../../core/imports/index.ts';
import { type CurrencyCode, currencyExponent, money } from '../../../core/money/index.ts';
import { type ImportedPayment, importPayments } from '../../../core/payments/index.ts';
import { localMoment } from '../../../core/time/index.ts';
import { feePurpose } from '../fee-payments.ts';
import { messSettingsOf } from '../mess.settings.ts';
import type { MessTables } from '../mess.tables.ts';
import { studentOf } from './cuts.import.ts';

export interface ImportedFeePayment {
  payment: ImportedPayment;
  studentId: string;
  cycleId: string;
  /** Verified or recorded: it counts toward the student's fee for the cycle. */
  settled: boolean;
  /** Cash: the organization's day it was handed over. */
  receivedOn: string | null;
}

const REVIEWED_BY = (adminId: string | null): ActorRef | null =>
  adminId ? { type: 'system', id: null, label: `Telegram admin ${adminId} (before the import)` } : null;

/**
 * `mess.payment` → a core payment for the student's cycle fee, as history: an uploaded screenshot
 * stays `submitted` for a warden to verify, verified and denied keep their verdict, offline (cash)
 * payments are recorded. The screenshot's URL is kept as the proof's reference (the file itself may
 * be gone). Settled ones count toward the student's fee. No hook runs and nothing is sent.
 */
export const paymentsImport = (cycleFees: ReadonlyMap<string, number>): ImportModel<ImportedFeePayment> => ({
  model: 'mess.payment',
  label: 'payments',
  foreignKeys: ['student', 'cycle'],
  async begin(ctx, refs) {
    const { currency, timeZone } = await messSettingsOf(ctx);
    const exponent = currencyExponent(currency as CurrencyCode);
    const fees = new Map(
      (
        await ctx.db.withTables<MessTables>().selectFrom('mess_cycle').select(['id', 'fee_minor']).execute()
      ).map((c) => [c.id, Number(c.fee_minor)]),
    );
    return {
      parse(record) {
        const f = record.fields;
        const status = choiceField(f, 'status', ['none', 'uploaded', 'verified', 'denied'], {
          required: true,
        })!;
        if (status === 'none') return { skipped: 'no payment was uploaded' };
        const studentId = studentOf(refs, record);
        const cycleId = refs.target('mess.cycle', f.cycle);
        if (!cycleId) throw new FieldProblem('cycle', `cycle ${String(f.cycle ?? '')} did not come over`);
        const amountMinor =
          decimalMinorField(f, 'amount', exponent) ??
          cycleFees.get(String(f.cycle)) ??
          fees.get(cycleId) ??
          0;
        if (amountMinor <= 0) throw new FieldProblem('amount', 'is not above zero (nor is the cycle fee)');
        const offline = choiceField(f, 'source', ['online', 'offline']) === 'offline';
        const screenshot = textField(f, 'screenshot_url', { max: 900 });
        const createdAt = dateTimeField(f, 'created_at') ?? ctx.clock.now();
        const decidedAt = dateTimeField(f, 'reviewed_at') ?? createdAt;
        const decidedBy = REVIEWED_BY(integerField(f, 'reviewer_admin_id'));
        if (offline && status !== 'verified') return { skipped: `an offline payment marked ${status}` };
        if (!offline && !screenshot)
          throw new FieldProblem('screenshot_url', `is required for an ${status} online payment`);
        const state: ImportedPayment['state'] = offline
          ? { method: 'manual', status: 'recorded', manualKind: 'cash' }
          : {
              method: 'proof',
              status: status === 'uploaded' ? 'submitted' : status,
              proofReference: screenshot!,
              denialReason: 'Denied before the import',
            };
        return {
          row: {
            studentId,
            cycleId,
            settled: status === 'verified',
            receivedOn: offline ? localMoment(decidedAt, timeZone).date : null,
            payment: {
              amount: money(amountMinor, currency),
              purpose: feePurpose(studentId, cycleId),
              state,
              note: screenshot ? `Proof before the import: ${screenshot}` : 'Recorded before the import',
              createdAt,
              decidedAt,
              decidedBy,
            },
          },
        };
      },
      async write(tx, rows) {
        const ids = await importPayments(
          tx,
          rows.map((r) => r.payment),
        );
        const settled = rows.flatMap((r, i) => (r.settled ? [{ r, id: ids[i]! }] : []));
        if (settled.length)
          await tx.db
            .withTables<MessTables>()
            .insertInto('mess_fee_payment')
            .values(
              settled.map(({ r, id }) => ({
                payment_id: id,
                student_id: r.studentId,
                cycle_id: r.cycleId,
                amount_minor: Number(r.payment.amount.amountMinor),
                settled_at: r.payment.decidedAt ?? r.payment.createdAt,
                received_on: r.receivedOn,
              })),
            )
            .execute();
        return ids;
      },
    };
  },
});
