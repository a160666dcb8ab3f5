import { parentPort } from 'node:worker_threads';
import { type RenderTask, runRenderTask } from './render-tasks.ts';

/** A render worker thread: one task at a time from the pool, answered with the bytes or the error. */
parentPort!.on('message', async (task: RenderTask) => {
  try {
    // A copy of its own: a small Buffer is a slice of Node's shared pool, which must not be transferred.
    const bytes = new Uint8Array(await runRenderTask(task));
    parentPort!.postMessage({ bytes }, [bytes.buffer]);
  } catch (err) {
    parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
