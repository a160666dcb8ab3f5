import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob, type JobOutcome } from './job-definition.ts';
import { createRunNow } from './run-now.ts';

const job = defineJob({ name: 'test.run-now', payload: z.object({ n: z.number() }) });

/** A handler whose runs wait until the test releases them, recording when each starts and ends. */
function gatedHandler(fail: Set<number> = new Set()) {
  const events: string[] = [];
  const gates = new Map<number, () => void>();
  const handler = job.handle(async ({ n }) => {
    events.push(`start ${n}`);
    await new Promise<void>((release) => gates.set(n, release));
    events.push(`end ${n}`);
    if (fail.has(n)) throw new Error(`run ${n} failed`);
  });
  const release = async (n: number) => {
    while (!gates.has(n)) await new Promise((r) => setImmediate(r));
    gates.get(n)!();
  };
  return { handler, events, release };
}

describe('runNow: a serial executor per key', () => {
  it("runs one key's jobs one at a time in the order asked, and other keys beside them", async () => {
    const stored: unknown[] = [];
    const now = createRunNow({ store: async (_h, data) => stored.push(data), storeFinished: async () => {} });
    const { handler, events, release } = gatedHandler();
    now.run(handler, { n: 1 }, 'a');
    now.run(handler, { n: 2 }, 'a');
    now.run(handler, { n: 3 }, 'b');
    await release(3);
    await release(1);
    await release(2);
    await now.settled();
    expect(events).toEqual(['start 1', 'start 3', 'end 3', 'end 1', 'start 2', 'end 2']);
    expect(stored).toEqual([]);
  });

  it('stores a run that failed for the workers, and the next run of its key still runs here', async () => {
    const stored: Array<{ data: unknown; key: string }> = [];
    const errors: string[] = [];
    const now = createRunNow({
      store: async (_h, data, key) => stored.push({ data, key }),
      storeFinished: async () => {},
      onError: (err) => errors.push(err.message),
    });
    const { handler, events, release } = gatedHandler(new Set([1]));
    now.run(handler, { n: 1 }, 'a');
    now.run(handler, { n: 2 }, 'a');
    await release(1);
    await release(2);
    await now.settled();
    expect(stored).toEqual([{ data: { n: 1 }, key: 'a' }]);
    expect(errors).toEqual(['run 1 failed']);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('stores every run asked for once it stops taking work, including those still waiting their turn', async () => {
    const stored: unknown[] = [];
    const now = createRunNow({ store: async (_h, data) => stored.push(data), storeFinished: async () => {} });
    const { handler, events, release } = gatedHandler();
    now.run(handler, { n: 1 }, 'a');
    now.run(handler, { n: 2 }, 'a');
    while (events.length === 0) await new Promise((r) => setImmediate(r));
    now.stopTaking();
    now.run(handler, { n: 3 }, 'b');
    await release(1);
    await now.settled();
    expect(events).toEqual(['start 1', 'end 1']);
    expect(stored).toEqual([{ n: 3 }, { n: 2 }]);
  });

  it('stores a run whose work failed as finished, with its outcome, and never for the workers', async () => {
    const stored: unknown[] = [];
    const finished: Array<{ data: unknown; key: string; outcome: JobOutcome }> = [];
    const now = createRunNow({
      store: async (_h, data) => stored.push(data),
      storeFinished: async (_h, data, key, outcome) => finished.push({ data, key, outcome }),
    });
    const failed = { code: 'test.refused', message: 'The channel refused it', details: { n: 1 } };
    now.run(
      job.handle(async ({ n }) => (n === 1 ? { failed } : undefined)),
      { n: 1 },
      'a',
    );
    now.run(
      job.handle(async () => undefined),
      { n: 2 },
      'a',
    );
    await now.settled();
    expect(finished).toEqual([{ data: { n: 1 }, key: 'a', outcome: { failed } }]);
    expect(stored).toEqual([]);
  });
});
