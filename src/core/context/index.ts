import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';

/** Who did something: a staff user, an API token, the system (a job), a contact (via a bot) or a device. */
export interface ActorRef {
  type: 'user' | 'token' | 'system' | 'contact' | 'device';
  id: string | null;
  label: string;
}

/**
 * Events the core raises inside the transaction of a change (`payment.settled`, `contacts.merged`),
 * name to payload. Each raising area adds its events by declaration merging, next to the code that
 * emits them; modules declare handlers in their definition (`hooks`), and the app wires them.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in the raising areas
export interface CoreEvents {}

/** Runs the handlers the app's enabled areas declared for an event, in the caller's transaction. */
export interface Events {
  emit<K extends keyof CoreEvents>(name: K, tx: Ctx, payload: CoreEvents[K]): Promise<void>;
}

/**
 * What every use case receives: the caller's organization, a query builder already scoped to it
 * (or a transaction of it), who acts, the request id for the audit trail, the clock, and the app's
 * event handlers (so a change made from anywhere runs every enabled area's hooks).
 */
export interface Ctx {
  orgId: string;
  db: Db;
  actor: ActorRef;
  requestId?: string;
  clock: Clock;
  events: Events;
}

/** Runs `work` in one transaction; the context it receives writes through that transaction. */
export async function inTransaction<T>(ctx: Ctx, work: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  return ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx }));
}

/** A context for work the system does on its own (jobs, schedules) inside one organization. */
export function systemCtx(args: { orgId: string; db: Db; clock: Clock; events: Events; job: string }): Ctx {
  return {
    orgId: args.orgId,
    db: args.db,
    clock: args.clock,
    events: args.events,
    actor: { type: 'system', id: null, label: args.job },
  };
}

export { type LockObject, lockObjects, tryLockObjects } from './lock-objects.ts';
