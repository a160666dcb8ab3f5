import { startThread } from '../threads/index.ts';
import type { EmbeddedEngine } from './embedded-connection.ts';

type Answer = { id: number; answer?: Uint8Array; error?: string };

/**
 * The embedded database on a thread of its own. PGlite runs PostgreSQL in WebAssembly on the thread
 * that calls it: on the server's thread its opening (~0.45 s of a start) and every query's execution
 * took turns with answering requests on one core. Here the server's thread only sends wire-protocol
 * bytes and reads the answers (embedded-connection.ts); PostgreSQL runs beside it, on another core.
 */
export function startEmbeddedThread(dir: string): EmbeddedEngine & { close(): Promise<void> } {
  const worker = startThread(import.meta.url, './embedded-worker', { workerData: { dir } });
  const pending = new Map<number, { resolve: (answer: Answer) => void; reject: (err: Error) => void }>();
  let nextId = 0;
  let gone: Error | undefined;
  let opened = () => {};
  let notOpened = (_err: Error) => {};
  const ready = new Promise<void>((resolve, reject) => {
    opened = resolve;
    notOpened = reject;
  });
  ready.catch(() => {}); // reported where it is awaited: by the opener and by every query

  worker.on('message', (m: Answer | { ready: true } | { failed: string }) => {
    if ('ready' in m) return opened();
    if ('failed' in m) return notOpened(new Error(m.failed));
    const call = pending.get(m.id);
    pending.delete(m.id);
    call?.resolve(m);
  });
  const fail = (err: Error) => {
    gone ??= err;
    notOpened(err);
    for (const call of pending.values()) call.reject(err);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the embedded database's thread ended (exit code ${code})`)));

  const call = (request: { message: Uint8Array } | { close: true }) =>
    new Promise<Answer>((resolve, reject) => {
      if (gone) return reject(gone);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...request });
    });

  return {
    ready,
    async exec(message) {
      const { answer, error } = await call({ message });
      if (error !== undefined) throw new Error(`embedded database: ${error}`);
      return answer!;
    },
    async close() {
      if (!gone) await call({ close: true }).catch(() => {});
      await worker.terminate();
    },
  };
}
