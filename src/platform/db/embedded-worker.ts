import { parentPort, workerData } from 'node:worker_threads';
import { createEmbedded } from './embedded.ts';

/**
 * The embedded database's own thread (embedded-thread.ts): opens PGlite in `workerData.dir`, then
 * answers each batch of wire-protocol messages with PostgreSQL's answer, in the order they came.
 */
const port = parentPort!;
type Request = { id: number; message: Uint8Array } | { id: number; close: true };

try {
  const lite = await createEmbedded(workerData.dir as string);
  port.on('message', async (request: Request) => {
    try {
      if ('close' in request) {
        await lite.close();
        port.postMessage({ id: request.id });
        return;
      }
      let answer = await lite.execProtocolRaw(request.message);
      // Moved, not copied, to the other thread: only bytes that own their whole buffer can be.
      if (answer.byteOffset !== 0 || answer.byteLength !== answer.buffer.byteLength) answer = answer.slice();
      port.postMessage({ id: request.id, answer }, [answer.buffer as ArrayBuffer]);
    } catch (err) {
      port.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) });
    }
  });
  port.postMessage({ ready: true });
} catch (err) {
  port.postMessage({ failed: err instanceof Error ? err.message : String(err) });
}
