import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RenderTask } from './render-tasks.ts';

export interface RenderPoolOptions {
  /** Worker threads (default: 1 on a machine of up to 2 cores, else 2). */
  size?: number;
  /** Tasks waiting for a worker beyond which `run` refuses at once (default 256). */
  maxQueued?: number;
}

export interface RenderPool {
  /** Runs a task on a worker thread; rejects with the worker's error, or when the queue is full or closed. */
  run(task: RenderTask): Promise<Uint8Array>;
  /** Lets the tasks already given finish, then ends the threads; `run` refuses from then on. */
  close(): Promise<void>;
}

interface Pending {
  task: RenderTask;
  resolve: (bytes: Uint8Array) => void;
  reject: (err: Error) => void;
}

/**
 * A thread running the worker file beside this one: the `.js` file in the compiled `dist/`
 * (scripts/build-server.js compiles every server file, this one included); under tsx and Vitest the
 * `.ts` file, through a bootstrap that registers tsx in the thread first (`--import tsx` in a
 * thread's `execArgv` does not reach its entry file on Node 20).
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./render-worker.js', import.meta.url));
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./render-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * A small pool of worker threads for QR and PDF rendering, so that work never runs on the event loop
 * that answers requests (issue 29: on the embedded database that loop also runs every query). Each
 * thread takes one task at a time; tasks wait in a bounded queue; errors reach the caller, nothing
 * falls back to rendering on the main thread. Idle threads do not keep the process alive.
 */
export function createRenderPool(options: RenderPoolOptions = {}): RenderPool {
  const size = Math.max(1, options.size ?? (availableParallelism() <= 2 ? 1 : 2));
  const maxQueued = options.maxQueued ?? 256;
  const queue: Pending[] = [];
  const idle: Slot[] = [];
  const slots: Slot[] = [];
  let closed = false;
  let drained: (() => void) | undefined;

  interface Slot {
    worker: Worker;
    busy?: Pending;
  }

  const spawn = (): Slot => {
    const slot: Slot = { worker: startWorker() };
    slot.worker.unref();
    slot.worker.on('message', (m: { bytes?: Uint8Array; error?: string }) => {
      const job = slot.busy!;
      slot.busy = undefined;
      slot.worker.unref();
      if (m.error !== undefined) job.reject(new Error(`render failed: ${m.error}`));
      else job.resolve(m.bytes!);
      next(slot);
    });
    // A thread that dies (out of memory, a crash in a native part) fails its task and is replaced.
    slot.worker.on('error', (err) => {
      slot.busy?.reject(err);
      slot.busy = undefined;
      slots.splice(slots.indexOf(slot), 1);
      if (idle.includes(slot)) idle.splice(idle.indexOf(slot), 1);
      if (!closed || queue.length > 0) next(spawn());
      else if (idle.length === slots.length) drained?.();
    });
    slots.push(slot);
    return slot;
  };

  const next = (slot: Slot) => {
    const job = queue.shift();
    if (!job) {
      idle.push(slot);
      if (closed && idle.length === slots.length) drained?.();
      return;
    }
    try {
      slot.worker.postMessage(job.task);
    } catch (err) {
      job.reject(err as Error); // a task that cannot cross to a thread (a function, a stream in it)
      next(slot);
      return;
    }
    slot.busy = job;
    slot.worker.ref(); // a task under way keeps the process alive until it is answered
  };

  return {
    run(task) {
      if (closed) return Promise.reject(new Error('render pool is closed'));
      if (queue.length >= maxQueued)
        return Promise.reject(new Error(`render queue is full (${maxQueued} tasks waiting)`));
      return new Promise<Uint8Array>((resolve, reject) => {
        queue.push({ task, resolve, reject });
        const slot = idle.pop() ?? (slots.length < size ? spawn() : undefined);
        if (slot) next(slot);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      if (idle.length < slots.length) await new Promise<void>((resolve) => (drained = resolve));
      await Promise.all(slots.map((s) => s.worker.terminate()));
      slots.length = 0;
      idle.length = 0;
    },
  };
}
