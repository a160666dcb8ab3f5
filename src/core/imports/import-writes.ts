import { sql } from '../../platform/db/index.ts';
import type { Ctx } from '../context/index.ts';

/** How an import writes its batches: each in a short transaction, kept (a run) or rolled back (a dry run). */
export interface BatchWriter {
  /** The context the run reads through (a dry run on a server: its one transaction). */
  readonly ctx: Ctx;
  /** Runs one batch's writes whole or not at all; answers what they answered (a dry run: then undoes them). */
  attempt<T>(work: (tx: Ctx) => Promise<T>): Promise<T>;
}

class RolledBack extends Error {}

/**
 * Opens the writes of one import run and hands them to `body`.
 *
 * - A run commits each batch in its own transaction.
 * - A dry run writes exactly as the run does, so the database's constraints (a code already taken, a
 *   check) refuse what they would refuse, and its counts are the run's; then nothing stays:
 *   - where the session may switch foreign-key triggers off (the embedded database, a superuser),
 *     each batch is its own transaction, rolled back, with those triggers off: a row whose parent
 *     was written by an earlier, rolled-back batch is checked by the mapping (it found the parent's
 *     id) instead of the trigger. Other requests are answered between batches, as in a run.
 *   - elsewhere the whole dry run is one transaction, rolled back at the end, each batch under a
 *     savepoint (a batch that fails is undone alone and written again row by row). PostgreSQL's
 *     other sessions go on meanwhile.
 */
export async function openBatchWriter(
  ctx: Ctx,
  dryRun: boolean,
  body: (writer: BatchWriter) => Promise<void>,
): Promise<void> {
  if (!dryRun)
    return body({
      ctx,
      attempt: (work) => ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx })),
    });
  if (await maySkipForeignKeyTriggers(ctx))
    return body({
      ctx,
      async attempt(work) {
        let answer: Awaited<ReturnType<typeof work>> | undefined;
        try {
          await ctx.db.transaction().execute(async (trx) => {
            await sql`set local session_replication_role = replica`.execute(trx);
            answer = await work({ ...ctx, db: trx });
            throw new RolledBack();
          });
        } catch (err) {
          if (!(err instanceof RolledBack)) throw err;
        }
        return answer as Awaited<ReturnType<typeof work>>;
      },
    });
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const tx = { ...ctx, db: trx };
      await body({
        ctx: tx,
        async attempt(work) {
          await sql`savepoint import_batch`.execute(trx);
          try {
            const answer = await work(tx);
            await sql`release savepoint import_batch`.execute(trx);
            return answer;
          } catch (err) {
            await sql`rollback to savepoint import_batch`.execute(trx);
            throw err;
          }
        },
      });
      throw new RolledBack();
    });
  } catch (err) {
    if (!(err instanceof RolledBack)) throw err;
  }
}

async function maySkipForeignKeyTriggers(ctx: Ctx): Promise<boolean> {
  const { rows } = await sql<{ on: boolean }>`select current_setting('is_superuser') = 'on' as on`.execute(
    ctx.db,
  );
  return rows[0]?.on === true;
}
