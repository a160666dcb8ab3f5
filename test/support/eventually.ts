/**
 * Waits for a state, not for time: polls `check` until it returns a value (anything but
 * `undefined`, `null` or `false`) and resolves with it. The deadline only turns a state that never
 * comes into a clear failure naming `what`; it never makes a test pass. One helper for every test
 * that waits on work done in the background (jobs, the outbox, chat steps, stand-ins).
 */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  options: { what?: string; timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const { what = 'condition', timeoutMs = 25_000, everyMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
