import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { type Db, listenOn, sql } from '../db/index.ts';

/** The PostgreSQL channel live events travel on between web processes. */
export const LIVE_CHANNEL = 'opsdesk_live';

/**
 * What changed, small on purpose: a browser that receives it refetches what it shows. `topic` is
 * dotted (`coffee.devices`); `id` names the row when there is one.
 */
export interface LiveEvent {
  orgId: string;
  topic: string;
  id?: string;
}

/**
 * Live updates for browsers, generalising the job wake-up (`platform/jobs/wake-up.ts`): a change
 * publishes inside its own transaction (`pg_notify`, delivered at commit, never for a rollback);
 * every web process LISTENs on one dedicated connection and fans each event out to its own
 * subscribers (the SSE route filters them by organization and permission). On PGlite there is one
 * process: events go through an in-process emitter once the publishing transaction has ended.
 */
export interface LiveChannel {
  /** Announces a change; with `tx`, only when that transaction commits. */
  publish(tx: Db | undefined, event: LiveEvent): Promise<void>;
  /** Calls `onEvent` for every event of this process's app; returns the unsubscribe. */
  subscribe(onEvent: (event: LiveEvent) => void): () => void;
  /** Resolves once this process receives other processes' events (LISTEN is in place). */
  ready(): Promise<void>;
  /** Declares which permission a topic needs (a module's read permission). */
  declareTopic(topic: string, permission: string): void;
  /** The permission a topic needs, or undefined for an unknown topic (refused). */
  permissionFor(topic: string): string | undefined;
  close(): Promise<void>;
}

const TOPIC = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** A payload pg_notify accepts (< 8000 bytes): ids and topics are short by construction. */
const encode = (e: LiveEvent) => JSON.stringify({ o: e.orgId, t: e.topic, i: e.id });
const decode = (payload: string): LiveEvent | undefined => {
  try {
    const p = JSON.parse(payload) as { o?: unknown; t?: unknown; i?: unknown };
    if (typeof p.o !== 'string' || typeof p.t !== 'string') return undefined;
    return { orgId: p.o, topic: p.t, ...(typeof p.i === 'string' ? { id: p.i } : {}) };
  } catch {
    return undefined;
  }
};

export function createLiveChannel(options: {
  pool: pg.Pool;
  embedded: boolean;
  onError?: (err: Error) => void;
}): LiveChannel {
  const { pool, embedded } = options;
  const onError = options.onError ?? (() => undefined);
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const topics = new Map<string, string>();
  let listener: { close(): Promise<void> } | undefined;
  let listening: Promise<void> | undefined;
  let closed = false;

  const deliver = (event: LiveEvent) => emitter.emit('event', event);
  const ensureListening = () => {
    if (embedded || closed) return;
    listening ??= listenOn(pool, LIVE_CHANNEL, {
      onNotify: (payload) => {
        const event = payload ? decode(payload) : undefined;
        if (event) deliver(event);
      },
      onError,
    })
      .then((l) => {
        if (closed) void l.close();
        else listener = l;
      })
      .catch((err: Error) => {
        listening = undefined;
        onError(err);
      });
  };

  return {
    async publish(tx, event) {
      if (!TOPIC.test(event.topic)) throw new Error(`live topic ${event.topic} is not dotted lowercase`);
      if (embedded) {
        // PGlite's pool has one connection: this query runs once the publishing transaction has
        // committed or rolled back (a rolled-back change only costs the browser a refetch).
        void pool.query('select 1').then(
          () => deliver(event),
          (err: Error) => onError(err),
        );
        return;
      }
      const statement = sql`select pg_notify(${LIVE_CHANNEL}, ${encode(event)})`;
      if (tx) await statement.execute(tx);
      else await pool.query('select pg_notify($1, $2)', [LIVE_CHANNEL, encode(event)]);
    },
    subscribe(onEvent) {
      ensureListening();
      emitter.on('event', onEvent);
      return () => emitter.off('event', onEvent);
    },
    async ready() {
      ensureListening();
      await listening;
    },
    declareTopic(topic, permission) {
      if (!TOPIC.test(topic)) throw new Error(`live topic ${topic} is not dotted lowercase`);
      topics.set(topic, permission);
    },
    permissionFor: (topic) => topics.get(topic),
    async close() {
      closed = true;
      emitter.removeAllListeners();
      await listening;
      await listener?.close();
    },
  };
}
