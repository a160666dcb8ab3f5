import { afterEach } from 'vitest';

/** When a test fails, prints the end of the built server's log under it: the server is another process. */
export function showServerLogOnFailure(log: () => string | undefined): void {
  afterEach((context) => {
    if (context.task.result?.state !== 'fail') return;
    const text = log();
    if (text) console.error(`--- the built server's log (last 6,000 characters) ---\n${text.slice(-6000)}`);
  });
}
