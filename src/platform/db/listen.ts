import pg from 'pg';
import { clientOf } from './server-pool.ts';

export interface Listening {
  close(): Promise<void>;
}

/**
 * LISTENs on `channel` on a connection of its own, opened with the pool's settings (never a pooled
 * one, which LISTEN would pin), and calls `onNotify` with each notification's payload. After a
 * dropped connection it reconnects every second until it succeeds, then calls `onReconnect`:
 * notifications sent meanwhile are lost, so a listener that must not miss one looks again there.
 * PostgreSQL only (PGlite is one process and needs no cross-process signal).
 */
export async function listenOn(
  pool: pg.Pool,
  channel: string,
  handlers: {
    onNotify: (payload: string | undefined) => void;
    onReconnect?: () => void;
    onError?: (err: Error) => void;
  },
): Promise<Listening> {
  const onError = handlers.onError ?? (() => undefined);
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const retryLater = () => {
    retry = setTimeout(() => void reconnect(), 1000);
    retry.unref();
  };
  const connect = async () => {
    const c = clientOf(pool);
    c.on('notification', (n) => {
      if (n.channel === channel) handlers.onNotify(n.payload);
    });
    c.on('error', (err) => {
      onError(err);
      if (closed || client !== c) return;
      client = undefined;
      c.end().catch(() => undefined);
      retryLater();
    });
    await c.connect();
    await c.query(`listen ${pg.escapeIdentifier(channel)}`);
    client = c;
  };
  const reconnect = async () => {
    if (closed) return;
    try {
      await connect();
      handlers.onReconnect?.();
    } catch (err) {
      onError(err as Error);
      retryLater();
    }
  };
  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
