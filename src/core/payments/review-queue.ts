import type { Ctx } from '../context/index.ts';
import type { FilesTables } from '../files/index.ts';
import { type Page, type PageRequest, rowsOf } from '../resources/index.ts';
import { type Payment, toPayment } from './payment-view.ts';
import { contactNames, purposeLabelsOf } from './payment-words.ts';
import type { PaymentsTables } from './payments.tables.ts';
import type { PaymentPurposeLabel, PurposeLabeler } from './purpose-label.ts';

/** A proof as staff see it: the file to open, its type (image or PDF), its size. */
export interface ProofFile {
  id: string;
  url: string;
  contentType: string;
  originalName: string;
}

/** One payment in the review queue, with everything needed to decide without another screen. */
export interface ReviewItem {
  payment: Payment;
  /** The payer's name as the purpose's module registered them, else as the contact book has it (or null). */
  payerName: string | null;
  proof: ProofFile | null;
  purpose: PaymentPurposeLabel | null;
  /** Earlier payments that look like this one (same proof bytes or reference), with their proofs. */
  duplicates: Array<{ payment: Payment; proof: ProofFile | null; purpose: PaymentPurposeLabel | null }>;
}

type Tables = PaymentsTables & FilesTables;

/**
 * The proofs waiting for a decision, oldest first (the buyer who waited longest is served first),
 * each with its proof file, payer's name, what it pays for in words and its likely duplicates.
 */
export async function reviewQueue(
  ctx: Ctx,
  labelers: ReadonlyArray<PurposeLabeler>,
  page: PageRequest,
): Promise<Page<ReviewItem>> {
  const db = ctx.db.withTables<Tables>();
  const { limit, offset } = rowsOf(page);
  const [rows, count] = await Promise.all([
    db
      .selectFrom('payment')
      .selectAll()
      .where('status', '=', 'submitted')
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('payment')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'submitted')
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: await describeForReview(ctx, labelers, rows.map(toPayment)),
    total: Number(count.n),
    page: page.page,
    perPage: page.perPage,
  };
}

/** One payment (any status) as the review panel shows it on its purpose's page; undefined if unknown. */
export async function reviewItem(
  ctx: Ctx,
  labelers: ReadonlyArray<PurposeLabeler>,
  paymentId: string,
): Promise<ReviewItem | undefined> {
  const row = await ctx.db
    .withTables<Tables>()
    .selectFrom('payment')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirst();
  return row ? (await describeForReview(ctx, labelers, [toPayment(row)]))[0] : undefined;
}

/** Adds to each payment its proof file, payer's name, purpose in words and look-alikes. */
async function describeForReview(
  ctx: Ctx,
  labelers: ReadonlyArray<PurposeLabeler>,
  waiting: ReadonlyArray<Payment>,
): Promise<ReviewItem[]> {
  const db = ctx.db.withTables<Tables>();
  const duplicateIds = [...new Set(waiting.flatMap((p) => p.duplicateOfPaymentIds))];
  const duplicates = duplicateIds.length
    ? (await db.selectFrom('payment').selectAll().where('id', 'in', duplicateIds).execute()).map(toPayment)
    : [];
  const all = [...waiting, ...duplicates];
  const [proofs, names, purposes] = await Promise.all([
    proofFiles(ctx, all),
    contactNames(
      ctx,
      waiting.flatMap((p) => (p.payerContactId ? [p.payerContactId] : [])),
    ),
    purposeLabelsOf(
      ctx,
      labelers,
      all.map((p) => ({ purposeType: p.purpose.type, purposeId: p.purpose.id })),
    ),
  ]);
  const byId = new Map(duplicates.map((d) => [d.id, d]));
  const proofOf = (p: Payment) => (p.proofFileId ? (proofs.get(p.proofFileId) ?? null) : null);
  const purposeOf = (p: Payment) => purposes.get(`${p.purpose.type} ${p.purpose.id}`) ?? null;
  return waiting.map((payment) => ({
    payment,
    // The name the module registered the payer under (a student's name on the roll) beats a chat
    // profile name from the contact book: staff compare the proof against the registration.
    payerName:
      purposeOf(payment)?.payer ??
      (payment.payerContactId ? names.get(payment.payerContactId) : undefined) ??
      null,
    proof: proofOf(payment),
    purpose: purposeOf(payment),
    duplicates: payment.duplicateOfPaymentIds
      .map((id) => byId.get(id))
      .filter((d): d is Payment => !!d)
      .map((d) => ({ payment: d, proof: proofOf(d), purpose: purposeOf(d) })),
  }));
}

async function proofFiles(ctx: Ctx, payments: ReadonlyArray<Payment>): Promise<Map<string, ProofFile>> {
  const ids = [...new Set(payments.flatMap((p) => (p.proofFileId ? [p.proofFileId] : [])))];
  if (!ids.length) return new Map();
  const rows = await ctx.db
    .withTables<Tables>()
    .selectFrom('file_object')
    .select(['id', 'content_type', 'original_name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        url: `/api/files/${r.id}/content`,
        contentType: r.content_type,
        originalName: r.original_name,
      },
    ]),
  );
}
