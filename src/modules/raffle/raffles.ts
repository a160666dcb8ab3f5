import { randomBytes } from 'node:crypto';
import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import { commitmentOf } from './draw.rules.ts';
import { RaffleErrors } from './raffle.errors.ts';
import { canMoveRaffle, checkRaffleSettings } from './raffle.rules.ts';
import type { RaffleStatus, RaffleTables } from './raffle.tables.ts';
import { getRaffle, type RaffleView, raffleRow } from './raffle-view.ts';

export interface NewRaffle {
  title: string;
  description?: string;
  priceMinor: number;
  currency: string;
  minNumber: number;
  maxNumber: number;
  opensAt?: Date | null;
  closesAt?: Date | null;
  maxPerOrder?: number;
  maxPerBuyer?: number;
  /** Default 15; fractions allowed (tests hold for a few seconds). */
  holdMinutes?: number;
  prizes: string[];
}

/**
 * Creates a raffle in draft with its prizes, and draws the secret seed whose sha256 (the
 * commitment) is public from now on: the draw cannot be steered after the fact.
 */
export async function createRaffle(ctx: Ctx, input: NewRaffle): Promise<RaffleView> {
  const maxPerOrder = input.maxPerOrder ?? 50;
  const maxPerBuyer = input.maxPerBuyer ?? Math.max(100, maxPerOrder);
  const problems = checkRaffleSettings({ ...input, maxPerOrder, maxPerBuyer });
  if (problems.length) throw RaffleErrors.raffle_invalid({ problems });
  const seed = randomBytes(32).toString('hex');
  return inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<RaffleTables>();
    const row = await db
      .insertInto('raffle_raffle')
      .values({
        title: input.title,
        description: input.description ?? '',
        price_minor: input.priceMinor,
        currency: input.currency.toUpperCase(),
        min_number: input.minNumber,
        max_number: input.maxNumber,
        opens_at: input.opensAt ?? null,
        closes_at: input.closesAt ?? null,
        max_per_order: maxPerOrder,
        max_per_buyer: maxPerBuyer,
        hold_seconds: Math.max(1, Math.round((input.holdMinutes ?? 15) * 60)),
        seed,
        commitment: commitmentOf(seed),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('raffle_prize')
      .values(input.prizes.map((title, i) => ({ raffle_id: row.id, position: i + 1, title })))
      .execute();
    const view = await getRaffle(tx, row.id);
    await recordAudit(tx, { action: 'raffle.raffle.created', subject: subject(row.id), after: view });
    return view;
  });
}

const subject = (id: string) => ({ type: 'raffle_raffle', id });

/** What an edit may change; the range, price and prizes only while the raffle is a draft. */
export type RaffleChanges = Partial<Omit<NewRaffle, 'currency'>>;

const DRAFT_ONLY = ['priceMinor', 'minNumber', 'maxNumber', 'prizes', 'opensAt'] as const;

/** Locks the raffle's row for the rest of the transaction and answers it; no such raffle is an error. */
export async function lockRaffle(tx: Ctx, raffleId: string) {
  const raffle = await tx.db
    .withTables<RaffleTables>()
    .selectFrom('raffle_raffle')
    .selectAll()
    .where('id', '=', raffleId)
    .forUpdate()
    .executeTakeFirst();
  if (!raffle) throw RaffleErrors.raffle_not_found({ raffleId });
  return raffle;
}

/**
 * Edits a raffle from the console form. Sales settings that buyers already rely on (price, range,
 * prizes, opening) change only in draft; title, description, caps, hold and closing time until the
 * draw. The status check and the write are one statement under the row's lock; the audit keeps
 * only the fields that changed.
 */
export async function updateRaffle(ctx: Ctx, raffleId: string, changes: RaffleChanges): Promise<RaffleView> {
  return inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<RaffleTables>();
    const locked = await lockRaffle(tx, raffleId);
    const before = await getRaffle(tx, raffleId);
    const touchesDraftOnly = DRAFT_ONLY.some((k) => changes[k] !== undefined);
    if (locked.status === 'drawn' || (touchesDraftOnly && locked.status !== 'draft'))
      throw RaffleErrors.raffle_state_invalid({ status: locked.status, wanted: 'edit' });
    const next = {
      ...before,
      ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    } as RaffleView & { prizes: unknown };
    const prizes = changes.prizes ?? before.prizes.map((p) => p.title);
    const problems = checkRaffleSettings({ ...next, prizes });
    if (problems.length) throw RaffleErrors.raffle_invalid({ problems });
    await db
      .updateTable('raffle_raffle')
      .set({
        title: next.title,
        description: next.description,
        price_minor: next.priceMinor,
        min_number: next.minNumber,
        max_number: next.maxNumber,
        opens_at: next.opensAt,
        closes_at: next.closesAt,
        max_per_order: next.maxPerOrder,
        max_per_buyer: next.maxPerBuyer,
        hold_seconds: Math.max(1, Math.round(next.holdMinutes * 60)),
      })
      .where('id', '=', raffleId)
      .execute();
    if (changes.prizes) {
      await db.deleteFrom('raffle_prize').where('raffle_id', '=', raffleId).execute();
      await db
        .insertInto('raffle_prize')
        .values(changes.prizes.map((title, i) => ({ raffle_id: raffleId, position: i + 1, title })))
        .execute();
    }
    const after = await getRaffle(tx, raffleId);
    await recordAudit(tx, {
      action: 'raffle.raffle.updated',
      subject: subject(raffleId),
      ...changedFields(before, after),
    });
    return after;
  });
}

/** The fields whose values differ, before and after: the audit history shows only what changed. */
export function changedFields<T extends object>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    b[key] = before[key];
    a[key] = after[key];
  }
  return { before: b, after: a };
}

/** One guarded status move (`where status = from`): of two staff clicking at once, one wins. */
async function moveRaffle(
  tx: Ctx,
  raffleId: string,
  to: RaffleStatus,
  extra: { closed_at?: Date; drawn_at?: Date; ledger_hash?: string } = {},
): Promise<void> {
  const current = await raffleRow(tx, raffleId);
  if (!canMoveRaffle(current.status, to))
    throw RaffleErrors.raffle_state_invalid({ status: current.status, wanted: to });
  const moved = await tx.db
    .withTables<RaffleTables>()
    .updateTable('raffle_raffle')
    .set({ status: to, updated_at: tx.clock.now(), ...extra })
    .where('id', '=', raffleId)
    .where('status', '=', current.status)
    .executeTakeFirst();
  if (moved.numUpdatedRows === 0n) throw RaffleErrors.raffle_state_invalid({ status: 'changed' });
}

/**
 * Opens sales: draft → selling, and creates a ticket row for every number of the range in one
 * `generate_series` statement, so every later check works on real rows under row locks.
 */
export async function startSelling(ctx: Ctx, raffleId: string): Promise<RaffleView> {
  return inTransaction(ctx, async (tx) => {
    await moveRaffle(tx, raffleId, 'selling');
    const r = await raffleRow(tx, raffleId);
    await sql`
      insert into raffle_ticket (org_id, raffle_id, number)
      select ${tx.orgId}, ${raffleId}, n from generate_series(${r.min_number}::int, ${r.max_number}::int) n
      on conflict do nothing`.execute(tx.db);
    const view = await getRaffle(tx, raffleId);
    await recordAudit(tx, { action: 'raffle.raffle.selling', subject: subject(raffleId), after: view });
    return view;
  });
}

/** Stops sales: selling → closed. Waits for reservations in flight (they hold the raffle row shared). */
export async function closeRaffle(ctx: Ctx, raffleId: string): Promise<RaffleView> {
  return inTransaction(ctx, async (tx) => {
    await moveRaffle(tx, raffleId, 'closed', { closed_at: tx.clock.now() });
    const view = await getRaffle(tx, raffleId);
    await recordAudit(tx, { action: 'raffle.raffle.closed', subject: subject(raffleId), after: view });
    return view;
  });
}

/**
 * Deletes a raffle that never sold: only a draft, and only one no order points at (a draft has
 * no tickets yet; its prizes go with it). The check and the delete run under the raffle's row
 * lock, so a draft that starts selling meanwhile is refused, not half-deleted. The audit keeps
 * what was deleted.
 */
export async function deleteDraftRaffle(ctx: Ctx, raffleId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<RaffleTables>();
    const locked = await lockRaffle(tx, raffleId);
    const counted = await db
      .selectFrom('raffle_order')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('raffle_id', '=', raffleId)
      .executeTakeFirstOrThrow();
    const orders = Number(counted.n);
    if (locked.status !== 'draft' || orders > 0)
      throw RaffleErrors.raffle_not_deletable({ status: locked.status, orders });
    const before = await getRaffle(tx, raffleId);
    await db.deleteFrom('raffle_raffle').where('id', '=', raffleId).execute();
    await recordAudit(tx, { action: 'raffle.raffle.deleted', subject: subject(raffleId), before });
  });
}

export { moveRaffle };
