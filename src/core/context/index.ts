import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';

/** Who did something: a staff user, an API token, the system (a job), a contact (via a bot) or a device. */
export interface ActorRef {
  type: 'user' | 'token' | 'system' | 'contact' | 'device';
  id: string | null;
  label: string;
}

/**
 * What every use case receives: the caller's organization, a query builder already scoped to it
 * (or a transaction of it), who acts, the request id for the audit trail, and the clock.
 */
export interface Ctx {
  orgId: string;
  db: Db;
  actor: ActorRef;
  requestId?: string;
  clock: Clock;
}

/** Runs `work` in one transaction; the context it receives writes through that transaction. */
export async function inTransaction<T>(ctx: Ctx, work: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  return ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx }));
}

/** A context for work the system does on its own (jobs, schedules) inside one organization. */
export function systemCtx(args: { orgId: string; db: Db; clock: Clock; job: string }): Ctx {
  return {
    orgId: args.orgId,
    db: args.db,
    clock: args.clock,
    actor: { type: 'system', id: null, label: args.job },
  };
}
