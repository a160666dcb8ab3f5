import type { ActorRef, Ctx, Events } from '../../../core/context/index.ts';
import {
  choiceField,
  dateField,
  decimalMinorField,
  type ImportFlag,
  type ImportModel,
  integerField,
  type ModelImporter,
  type SourceRecord,
  textField,
} from '../../../core/imports/index.ts';
import { type CurrencyCode, currencyExponent, formatMoney, money } from '../../../core/money/index.ts';
import {
  denyPayment,
  findPayment,
  type ImportedPayment,
  importPayments,
  verifyPayment,
} from '../../../core/payments/index.ts';
import { localMoment } from '../../../core/time/index.ts';
import { feePurpose } from '../fee-payments.ts';
import { messSettingsOf } from '../mess.settings.ts';
import type { MessTables } from '../mess.tables.ts';
import { instantField, studentOf, withForeignKeys } from './original-records.ts';
import { PaymentCycles } from './payment-cycles.ts';

export interface ImportedFeePayment {
  studentId: string;
  /** The cycle it counts toward, by name (made by the batch that writes it when new). */
  cycleName: string;
  payment: Omit<ImportedPayment, 'purpose'>;
  /** Verified or recorded: it counts toward the student's fee for the cycle. */
  settled: boolean;
  /** Cash: the organization's day it was handed over. */
  receivedOn: string | null;
}

const REVIEWED_BY = (adminId: string | null): ActorRef | null =>
  adminId ? { type: 'system', id: null, label: `Telegram admin ${adminId} (in the original system)` } : null;

const tables = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/** A change the original made to a payment that Opsdesk cannot make to one it holds. */
class PaymentChangeRefused extends Error {}

/** The import's own state changes of payments: history, so no module hears them (nothing is sent). */
const quiet = (tx: Ctx): Ctx => ({ ...tx, events: { emit: async () => {} } as Events });

export const NOTES = {
  otherDays:
    'its cycle_start–cycle_end are not the days of a cycle: counted toward the cycle (or calendar month) holding most of them',
  belowFee:
    'the student paid less than the fee of its cycle (what most paid that month): the counter refuses them in that cycle until the rest is paid',
  offlineWaiting:
    'an offline payment not verified in the original: it waits for a warden here as a proof without a file',
} as const;

/**
 * `core.payment` (table `payments`) → a core payment toward the student's cycle fee, as history: an
 * UPLOADED screenshot waits for a warden (submitted), VERIFIED and DENIED keep their verdict, cash
 * entered by an admin (OFFLINE_MANUAL, VERIFIED) is recorded as cash. The amount to the cent, the
 * screenshot's URL as the proof's reference (the file stays where it is). A payment with status NONE
 * was never uploaded (skipped). Settled payments count toward the cycle (see payment-cycles.ts). A
 * payment the original verified or denied since it came over is verified or denied here (`update`).
 */
export const paymentsImport: ImportModel<ImportedFeePayment> = {
  model: 'core.payment',
  label: 'payments',
  table: { name: 'payments', pk: 'id' },
  foreignKeys: ['student'],
  async begin(ctx, refs) {
    const { currency, timeZone } = await messSettingsOf(ctx);
    const exponent = currencyExponent(currency as CurrencyCode);
    const existing = await tables(ctx)
      .selectFrom('mess_cycle')
      .select(['id', 'name', 'from_date', 'to_date', 'fee_minor'])
      .execute();
    const plan = new PaymentCycles(
      existing.map((c) => ({
        id: c.id,
        name: c.name,
        from: c.from_date,
        to: c.to_date,
        feeMinor: Number(c.fee_minor),
      })),
    );

    const read = (record: SourceRecord) => readFeePayment(record, exponent);

    /** Notes what the record pays toward which cycle (every record, each run: the months' fees follow). */
    const observe = (record: SourceRecord) => observeFeePayment(plan, read(record), record);

    const importer: ModelImporter<ImportedFeePayment> & { observe(record: SourceRecord): void } = {
      // For a runner that shows a model's records before parsing them: the months' fees are then
      // known before the first payment is judged against them.
      observe,
      parse(record) {
        const { f, status, range, amountMinor, offline } = read(record);
        if (status === 'none') return { skipped: 'never uploaded (status NONE)' };
        if (amountMinor <= 0)
          return { skipped: `an amount of ${(amountMinor / 10 ** exponent).toFixed(exponent)} pays nothing` };
        const studentId = studentOf(refs, record);
        observe(record);
        const cycle = plan.cycleFor(range);
        const notes: string[] = [];
        const flags: ImportFlag[] = [];
        if (cycle.from !== range.from || cycle.to !== range.to) notes.push(NOTES.otherDays);
        const student = String(withForeignKeys(record, ['student']).fields.student);
        if (status === 'verified' && plan.settledBy(student, cycle.name) < plan.feeOf(cycle.name))
          notes.push(NOTES.belowFee);
        const screenshot = textField(f, 'screenshot_url', { max: 900 });
        const createdAt = instantField(f, 'created_at') ?? new Date(`${range.from}T00:00:00Z`);
        const decidedAt =
          status === 'uploaded'
            ? null
            : (instantField(f, 'reviewed_at') ?? instantField(f, 'updated_at') ?? createdAt);
        const decidedBy = REVIEWED_BY(integerField(f, 'reviewer_admin_id'));
        const state = paymentStateOf({ status, offline, screenshot, pk: record.pk }, flags, notes);
        const settled = state.status === 'verified' || state.status === 'recorded';
        return {
          row: {
            studentId,
            cycleName: cycle.name,
            settled,
            receivedOn: state.method === 'manual' && decidedAt ? localMoment(decidedAt, timeZone).date : null,
            payment: {
              amount: money(amountMinor, currency),
              state,
              note: `${screenshot ? `Proof in the original: ${screenshot}. ` : ''}Paid for ${range.from} – ${range.to} in the original system.`,
              createdAt,
              decidedAt,
              decidedBy,
            },
          },
          ...(notes.length ? { notes } : {}),
          ...(flags.length ? { flags } : {}),
        };
      },
      write: (tx, rows) => writeFeePayments(tx, plan, currency, rows),
      async update(tx, rows) {
        for (const { id, row } of rows) await bringChange(tx, id, row);
      },
      refusalOf: (err) => (err instanceof PaymentChangeRefused ? err.message : undefined),
    };
    return importer;
  },
};

/** Notes what a record pays toward which cycle (every record, each run: the months' fees follow). */
function observeFeePayment(
  plan: PaymentCycles,
  { status, range, amountMinor }: ReturnType<typeof readFeePayment>,
  record: SourceRecord,
): void {
  if (status === 'none' || amountMinor <= 0) return;
  const cycle = plan.cycleFor(range);
  const student = String(withForeignKeys(record, ['student']).fields.student ?? '');
  plan.observe(record.pk, { cycle: cycle.name, student, amountMinor, settled: status === 'verified' });
}

/** What a record says, before any student or cycle is resolved. */
function readFeePayment(record: SourceRecord, exponent: number) {
  const f = record.fields;
  const status = choiceField(f, 'status', ['none', 'uploaded', 'verified', 'denied'], {
    required: true,
  })!;
  const from = dateField(f, 'cycle_start', { required: true })!;
  const end = dateField(f, 'cycle_end', { required: true })!;
  const range = { from, to: end < from ? from : end };
  const amountMinor = decimalMinorField(f, 'amount', exponent, { required: true })!;
  const offline = choiceField(f, 'source', ['online_screenshot', 'offline_manual']) === 'offline_manual';
  return { f, status, range, amountMinor, offline };
}

/**
 * How an uploaded, verified or denied payment comes over: verified cash (or verified with no
 * screenshot) is recorded cash or other; the rest is a proof with its verdict, flagged when the
 * original kept no screenshot to look at.
 */
function paymentStateOf(
  payment: {
    status: 'uploaded' | 'verified' | 'denied';
    offline: boolean;
    screenshot: string | null;
    pk: string;
  },
  flags: ImportFlag[],
  notes: string[],
): ImportedPayment['state'] {
  const { status, offline, screenshot } = payment;
  if (status === 'verified' && (offline || !screenshot))
    return { method: 'manual', status: 'recorded', manualKind: offline ? 'cash' : 'other' };
  if (!screenshot) {
    flags.push({ field: 'screenshot_url', reason: 'none in the original: the proof has no file to look at' });
    if (offline) notes.push(NOTES.offlineWaiting);
  }
  return {
    method: 'proof',
    status: status === 'uploaded' ? 'submitted' : status,
    proofReference: screenshot ?? `original payment ${payment.pk} (no screenshot)`,
    denialReason: 'Denied in the original system',
  };
}

/** The payments with their purpose (the batch's cycles made first), and the settled ones counted toward their cycle. */
async function writeFeePayments(
  tx: Ctx,
  plan: PaymentCycles,
  currency: string,
  rows: ReadonlyArray<ImportedFeePayment>,
): Promise<string[]> {
  const cycleIds = await cyclesFor(tx, plan, currency, rows);
  const ids = await importPayments(
    tx,
    rows.map((r) => ({ ...r.payment, purpose: feePurpose(r.studentId, cycleIds.get(r.cycleName)!) })),
  );
  const settled = rows.flatMap((r, i) => (r.settled ? [{ r, id: ids[i]! }] : []));
  if (settled.length)
    await tables(tx)
      .insertInto('mess_fee_payment')
      .values(
        settled.map(({ r, id }) => ({
          payment_id: id,
          student_id: r.studentId,
          cycle_id: cycleIds.get(r.cycleName)!,
          amount_minor: Number(r.payment.amount.amountMinor),
          settled_at: r.payment.decidedAt ?? r.payment.createdAt,
          received_on: r.receivedOn,
        })),
      )
      .execute();
  return ids;
}

/**
 * The ids of the batch's cycles, making the months this run planned (a retried batch finds the ones
 * it made by name); the fees of those months follow the payments read so far.
 */
async function cyclesFor(
  tx: Ctx,
  plan: PaymentCycles,
  currency: string,
  rows: ReadonlyArray<ImportedFeePayment>,
): Promise<Map<string, string>> {
  const names = [...new Set(rows.map((r) => r.cycleName))];
  const made = names.map((n) => plan.get(n)!).filter((c) => c.made);
  if (made.length)
    await tables(tx)
      .insertInto('mess_cycle')
      .values(
        made.map((c) => ({
          name: c.name,
          from_date: c.from,
          to_date: c.to,
          fee_minor: c.feeMinor,
          currency,
          members_only: true,
        })),
      )
      .onConflict((oc) => oc.columns(['org_id', 'name']).doNothing())
      .execute();
  for (const c of made)
    await tables(tx)
      .updateTable('mess_cycle')
      .set({ fee_minor: c.feeMinor })
      .where('name', '=', c.name)
      .execute();
  const found = await tables(tx)
    .selectFrom('mess_cycle')
    .select(['id', 'name', 'members_only'])
    .where('name', 'in', names)
    .execute();
  // A cycle the import made bills the students the original had in it: those with a payment for its days.
  const membersOnly = new Set(found.filter((c) => c.members_only).map((c) => c.name));
  const members = rows.filter((r) => membersOnly.has(r.cycleName));
  const ids = new Map(found.map((c) => [c.name, c.id]));
  if (members.length)
    await tables(tx)
      .insertInto('mess_cycle_member')
      .values(members.map((r) => ({ cycle_id: ids.get(r.cycleName)!, student_id: r.studentId })))
      .onConflict((oc) => oc.columns(['org_id', 'cycle_id', 'student_id']).doNothing())
      .execute();
  return ids;
}

/** A payment the original decided since it came over: verified or denied here too, as the import. */
async function bringChange(tx: Ctx, id: string, row: ImportedFeePayment): Promise<void> {
  const now = await findPayment(tx, id);
  if (!now) return;
  const was = formatMoney(now.amount, 'en');
  if (Number(now.amount.amountMinor) !== Number(row.payment.amount.amountMinor))
    throw new PaymentChangeRefused(
      `amount: ${was} here, ${formatMoney(row.payment.amount, 'en')} in the original now; Opsdesk keeps a payment's amount (correct it by hand)`,
    );
  const wanted = row.payment.state.status;
  const settledNow = now.status === 'verified' || now.status === 'recorded';
  if (now.status === wanted || (row.settled && settledNow)) return;
  if (now.status === 'submitted' && row.settled) {
    await verifyPayment(quiet(tx), { paymentId: id });
    const [studentId, cycleId] = now.purpose.id.split(':') as [string, string];
    await tables(tx)
      .insertInto('mess_fee_payment')
      .values({
        payment_id: id,
        student_id: studentId,
        cycle_id: cycleId,
        amount_minor: Number(now.amount.amountMinor),
        settled_at: row.payment.decidedAt ?? tx.clock.now(),
      })
      .onConflict((oc) => oc.columns(['org_id', 'payment_id']).doNothing())
      .execute();
    return;
  }
  if (now.status === 'submitted' && wanted === 'denied') {
    await denyPayment(quiet(tx), { paymentId: id, reason: 'Denied in the original system' });
    return;
  }
  throw new PaymentChangeRefused(
    `status: ${now.status} here, ${wanted} in the original now; Opsdesk does not take a decided payment back (settle it by hand)`,
  );
}
