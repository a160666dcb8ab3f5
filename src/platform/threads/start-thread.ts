import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A thread running `entry`, a file beside the caller (`callerUrl`, its `import.meta.url`), named
 * without its extension: the `.js` file in the compiled `dist/` (scripts/build-server.js compiles
 * every server file); under tsx and Vitest the `.ts` file, through a bootstrap that registers tsx in
 * the thread first (`--import tsx` in a thread's `execArgv` does not reach its entry file on Node 20).
 */
export function startThread(
  callerUrl: string,
  entry: string,
  options: Pick<WorkerOptions, 'workerData'> = {},
): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`${entry}.js`, callerUrl), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const file = new URL(`${entry}.ts`, callerUrl).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
